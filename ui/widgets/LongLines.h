// SPDX-License-Identifier: MIT
#pragma once

#include <QString>

// Text views lay out a line whole: one line of megabytes freezes the window while it is shaped. Views that
// show text from outside break such lines for display only (copy and save use the exact bytes).
namespace LongLines {

constexpr qsizetype displayWidth = 4096; // characters per shown line, at most

// The text with a line break after every displayWidth characters of a longer line; `broken` says whether any
// line was broken.
QString forDisplay(const QString& text, bool* broken = nullptr);

} // namespace LongLines

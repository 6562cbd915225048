// SPDX-License-Identifier: MIT
#pragma once

#include <QColor>
#include <QPalette>

class QLabel;

// Colours for warnings and errors derived from the current palette (light or dark), so views never carry
// fixed colours; call again on QEvent::PaletteChange.
namespace StatusColors {
QColor negative(const QPalette& palette); // errors, unsafe settings
QColor positive(const QPalette& palette);
// Sets the label's text colour to negative (true) or back to the palette's (false).
void markNegative(QLabel* label, bool negative);
} // namespace StatusColors

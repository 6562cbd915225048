// SPDX-License-Identifier: MIT
#pragma once

#include <QByteArray>
#include <QFont>
#include <QString>
#include <QVariant>

#include "payload/DeliveryFlags.h"

// What the Events models share for their cells.
namespace ModelText {

// A JSON value for one table cell: at most foldChars characters, an ellipsis for the rest. Values are
// compact JSON, so they hold no line break of their own.
QString foldedJson(const QByteArray& json, int foldChars);
// The palette's colour for secondary text, read when asked, so a theme change repaints with the new one.
QVariant dimmedColour();
QFont italicFont();
QFont boldFont();
QString flagsText(DeliveryFlags flags);

} // namespace ModelText

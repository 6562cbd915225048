// SPDX-License-Identifier: MIT
#pragma once

#include <QByteArray>
#include <QFont>
#include <QString>
#include <QStringList>
#include <QVariant>

#include "payload/DeliveryFlags.h"

// What the window's table models share for their cells and headers.
namespace ModelText {

// A JSON value for one table cell: at most foldChars characters, an ellipsis for the rest. Values are
// compact JSON, so they hold no line break of their own.
QString foldedJson(const QByteArray& json, int foldChars);
// The palette's colour for secondary text, read when asked, so a theme change repaints with the new one.
QVariant dimmedColour();
QFont italicFont();
QFont boldFont();
QString flagsText(DeliveryFlags flags);
// A table's horizontal header text: titles holds one title a column, in column order; no title past the end.
QVariant columnTitle(int section, const QStringList& titles);

} // namespace ModelText

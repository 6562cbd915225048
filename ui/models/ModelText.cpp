// SPDX-License-Identifier: MIT
#include "models/ModelText.h"

#include <QGuiApplication>
#include <QPalette>

QString ModelText::foldedJson(const QByteArray& json, int foldChars)
{
    const QString text = QString::fromUtf8(json);
    if (text.size() <= foldChars)
        return text;
    return text.left(foldChars - 1) + QStringLiteral("\u2026");
}

QVariant ModelText::dimmedColour()
{
    return QGuiApplication::palette().color(QPalette::PlaceholderText);
}

QFont ModelText::italicFont()
{
    QFont font;
    font.setItalic(true);
    return font;
}

QFont ModelText::boldFont()
{
    QFont font;
    font.setBold(true);
    return font;
}

QString ModelText::flagsText(DeliveryFlags flags)
{
    return deliveryFlagNames(flags).join(QStringLiteral(", "));
}

QVariant ModelText::columnTitle(int section, const QStringList& titles)
{
    if (section < 0 || section >= titles.size())
        return {};
    return titles.at(section);
}

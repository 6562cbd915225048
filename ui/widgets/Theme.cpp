// SPDX-License-Identifier: MIT
#include "widgets/Theme.h"

#include <QFile>
#include <QGuiApplication>
#include <QHash>
#include <QPainter>
#include <QPalette>
#include <QPixmap>
#include <QSvgRenderer>
#include <QWidget>

namespace Theme {

bool isDark(const QPalette& palette)
{
    return palette.color(QPalette::Window).lightnessF() < 0.5;
}

QColor color(Tone tone, const QPalette& palette)
{
    const bool dark = isDark(palette);
    // Hue carries the meaning; lightness follows the theme so the text keeps its contrast.
    const int lightness = dark ? 165 : 85;
    switch (tone) {
    case Tone::Good:
        return QColor::fromHsl(140, 170, lightness);
    case Tone::Bad:
        return QColor::fromHsl(352, 200, dark ? 175 : 95);
    case Tone::Warning:
        return QColor::fromHsl(32, 220, dark ? 160 : 80);
    case Tone::Muted:
        break;
    }
    return palette.color(QPalette::Disabled, QPalette::Text);
}

QColor color(Tone tone)
{
    return color(tone, QGuiApplication::palette());
}

void applyTone(QWidget* widget, Tone tone)
{
    QPalette palette = widget->palette();
    const QColor tint = color(tone, QGuiApplication::palette());
    palette.setColor(QPalette::WindowText, tint);
    palette.setColor(QPalette::Text, tint);
    widget->setPalette(palette);
}

QColor background(Tone tone, const QPalette& palette)
{
    const QColor base = palette.color(QPalette::Base);
    const QColor tint = color(tone, palette);
    constexpr double share = 0.2;
    return QColor::fromRgbF(float(base.redF() * (1 - share) + tint.redF() * share),
                            float(base.greenF() * (1 - share) + tint.greenF() * share),
                            float(base.blueF() * (1 - share) + tint.blueF() * share));
}

QIcon icon(Tone tone)
{
    static QHash<int, QIcon> cache;
    const QColor tint = color(tone);
    const int key = int(tone) * 2 + (isDark(QGuiApplication::palette()) ? 1 : 0);
    if (const auto found = cache.constFind(key); found != cache.constEnd())
        return *found;
    const char* name = tone == Tone::Good ? "valid"
        : tone == Tone::Bad               ? "invalid"
        : tone == Tone::Warning           ? "flag"
                                          : "neutral";
    QFile file(QStringLiteral(":/icons/status/%1.svg").arg(QLatin1String(name)));
    if (!file.open(QIODevice::ReadOnly))
        return {};
    const QByteArray svg = file.readAll().replace("currentColor", tint.name().toLatin1());
    QSvgRenderer renderer(svg);
    QIcon result;
    for (const int size : {16, 24, 32, 48}) {
        QPixmap pixmap(size, size);
        pixmap.fill(Qt::transparent);
        QPainter painter(&pixmap);
        renderer.render(&painter);
        painter.end();
        result.addPixmap(pixmap);
    }
    cache.insert(key, result);
    return result;
}

} // namespace Theme

// SPDX-License-Identifier: MIT
#include "widgets/StatusColors.h"

#include <QLabel>

namespace StatusColors {

namespace {

bool isDark(const QPalette& palette)
{
    return palette.color(QPalette::Window).lightness() < 128;
}

} // namespace

QColor negative(const QPalette& palette)
{
    return isDark(palette) ? QColor::fromHsl(355, 200, 170) : QColor::fromHsl(350, 255, 80);
}

QColor positive(const QPalette& palette)
{
    return isDark(palette) ? QColor::fromHsl(140, 150, 150) : QColor::fromHsl(140, 200, 60);
}

void markNegative(QLabel* label, bool on)
{
    QPalette palette = label->parentWidget() ? label->parentWidget()->palette() : label->palette();
    if (on)
        palette.setColor(QPalette::WindowText, negative(palette));
    label->setPalette(palette);
}

} // namespace StatusColors

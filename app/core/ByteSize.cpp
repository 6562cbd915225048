// SPDX-License-Identifier: MIT
#include "core/ByteSize.h"

#include <QLocale>

QString ByteSize::text(qint64 bytes)
{
    QLocale locale;
    locale.setNumberOptions(QLocale::OmitGroupSeparator);
    if (bytes < 1024)
        return QStringLiteral("%1 B").arg(bytes);
    static constexpr const char* units[] = {"KiB", "MiB", "GiB", "TiB"};
    double value = double(bytes) / 1024.0;
    int unit = 0;
    while (value >= 1024.0 && unit < 3) {
        value /= 1024.0;
        ++unit;
    }
    return locale.toString(value, 'f', 1) + QLatin1Char(' ') + QLatin1String(units[unit]);
}

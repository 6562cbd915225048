// SPDX-License-Identifier: MIT
#include "json/JsonError.h"

QString JsonError::toString() const
{
    return QStringLiteral("line %1, column %2 (byte %3): %4").arg(line).arg(column).arg(offset).arg(message);
}

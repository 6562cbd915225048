// SPDX-License-Identifier: MIT
#include "json/JsonError.h"

#include <QCoreApplication>

QString JsonError::toString() const
{
    return QCoreApplication::translate("JsonError", "line %1, column %2 (byte %3): %4")
        .arg(line)
        .arg(column)
        .arg(offset)
        .arg(message);
}

// SPDX-License-Identifier: MIT
#include "har/HarError.h"

#include <QCoreApplication>

QString HarError::text() const
{
    QString out;
    if (entryIndex >= 0)
        out += QCoreApplication::translate("HarError", "entry %1: ").arg(entryIndex);
    if (!field.isEmpty())
        out += field + u": ";
    return out + message;
}

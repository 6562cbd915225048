// SPDX-License-Identifier: MIT
#include "har/HarError.h"

QString HarError::text() const
{
    QString out;
    if (entryIndex >= 0)
        out += u"entry " + QString::number(entryIndex) + u": ";
    if (!field.isEmpty())
        out += field + u": ";
    return out + message;
}

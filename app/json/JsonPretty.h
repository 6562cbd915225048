// SPDX-License-Identifier: MIT
#pragma once

#include <QByteArray>

class JsonValue;

// Indents a parsed JSON value for reading, in received order: members stay where they were (duplicates
// included) and every key, string and number is copied from the source bytes exactly as written.
class JsonPretty final
{
public:
    static QByteArray format(const JsonValue& value, int indent = 2);
};

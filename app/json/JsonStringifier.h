// SPDX-License-Identifier: MIT
#pragma once

#include <QByteArray>

#include "json/JsonValue.h"

// How to write a value. The defaults are ECMAScript JSON.stringify(JSON.parse(text)) exactly; the other
// settings reproduce what relays and other languages' serializers do, for signature forensics.
struct JsonStringifyOptions
{
    QByteArray indent; // JSON.stringify's third argument: "", "  ", "\t", ...
    bool sortKeys = false; // keys sorted by UTF-16 code units (Python's sort_keys, many relays)
    bool asciiOnly = false; // \uxxxx for everything above U+007E (Python's ensure_ascii)
    bool escapeSlash = false; // "\/" (PHP's json_encode)
    bool spaceAfterSeparators = false; // ", " and ": " (Python's json.dumps default without indent)
    bool sourceOrder = false; // keep duplicate keys and their order as written; no index-key hoisting
};

// Re-serializes a parsed value the way Node does after JSON.parse (docs/ARCHITECTURE.md, JSON): the last
// duplicate wins at the first key's position, array-index keys first in ascending order, ECMAScript
// string escapes, numbers through the nearest double and Number.prototype.toString, no whitespace.
// Iterative: nesting is bounded only by the reader's depth limit.
class JsonStringifier final
{
public:
    static QByteArray stringify(const JsonValue& value, const JsonStringifyOptions& options = {});
    // The same, giving up (false, *out emptied) as soon as the output would pass maxSize bytes: what an
    // indentation multiplied by the nesting depth can make of a small input is never built whole.
    static bool stringify(const JsonValue& value, const JsonStringifyOptions& options, qsizetype maxSize,
                          QByteArray* out);
    static void append(QByteArray& out, const JsonValue& value, const JsonStringifyOptions& options = {});
    // Appends with a bound on out's size; false (out left partly written) when it was reached.
    static bool append(QByteArray& out, const JsonValue& value, const JsonStringifyOptions& options, qsizetype maxSize);

    // "0".."4294967294" written canonically: what ECMAScript orders first among an object's keys.
    static bool isArrayIndex(const QString& key, quint32* index = nullptr);
};

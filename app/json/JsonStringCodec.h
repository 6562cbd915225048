// SPDX-License-Identifier: MIT
#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QString>
#include <QStringView>

// String conversions shared by the reader and the stringifier.
class JsonStringCodec final
{
public:
    // Decodes a quoted JSON string token (as validated by JsonReader) to UTF-16, the way Node does:
    // the bytes are UTF-8 decoded with WHATWG replacement (U+FFFD per maximal invalid subpart), then
    // escapes are applied; \uD800 alone stays an unpaired surrogate.
    static QString decodeToken(QByteArrayView token);

    // Appends s as a quoted string exactly as ECMAScript JSON.stringify writes it. With asciiOnly,
    // every code unit above U+007E is written as \uxxxx (what Python's json.dumps does by default).
    // With escapeSlash, "/" is written "\/" (PHP's json_encode does both by default).
    static void appendQuoted(QByteArray& out, QStringView s, bool asciiOnly = false, bool escapeSlash = false);

    static void appendUtf8(QByteArray& out, char32_t codePoint);
};

// SPDX-License-Identifier: MIT
#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QString>
#include <QStringView>
#include <array>
#include <cstring>

// String conversions shared by the reader and the stringifier.
class JsonStringCodec final
{
    // '"', '\\' and the control characters: the bytes that end skipPlain()'s fast path.
    static constexpr std::array<bool, 0x100> stringStops = [] {
        std::array<bool, 0x100> stops {};
        for (int c = 0; c < 0x20; ++c)
            stops[c] = true;
        stops['"'] = true;
        stops['\\'] = true;
        return stops;
    }();

public:
    // Decodes a quoted JSON string token (as validated by JsonReader) to UTF-16, the way Node does:
    // the bytes are UTF-8 decoded with WHATWG replacement (U+FFFD per maximal invalid subpart), then
    // escapes are applied; \uD800 alone stays an unpaired surrogate.
    static QString decodeToken(QByteArrayView token);
    // The same, with a fast path for tokens the reader saw no escape in (ASCII ones become Latin-1 at once).
    static QString decodeToken(QByteArrayView token, bool mayHaveEscapes);

    // Appends s as a quoted string exactly as ECMAScript JSON.stringify writes it. With asciiOnly,
    // every code unit above U+007E is written as \uxxxx (what Python's json.dumps does by default).
    // With escapeSlash, "/" is written "\/" (PHP's json_encode does both by default).
    static void appendQuoted(QByteArray& out, QStringView s, bool asciiOnly = false, bool escapeSlash = false);

    // The first byte at or after pos that a JSON string cannot hold as it stands ('"', '\\' or a control character),
    // size when there is none. Reads eight bytes at a time; inline, as the HAR reader's scan of every string.
    static qsizetype skipPlain(const char* data, qsizetype pos, qsizetype size)
    {
        constexpr quint64 ones = 0x0101010101010101ULL;
        constexpr quint64 highs = 0x8080808080808080ULL;
        while (pos + 8 <= size) {
            quint64 word;
            std::memcpy(&word, data + pos, sizeof word);
            const quint64 quote = word ^ (ones * '"');
            const quint64 backslash = word ^ (ones * '\\');
            const quint64 stops
                = ((quote - ones) & ~quote) | ((backslash - ones) & ~backslash) | ((word - ones * 0x20) & ~word);
            if (stops & highs)
                break;
            pos += 8;
        }
        const auto* bytes = reinterpret_cast<const unsigned char*>(data);
        while (pos < size && !stringStops[bytes[pos]])
            ++pos;
        return pos;
    }
    // The letter after the backslash in JSON's two-character escape of c ('n' for a line feed), 0 where c has none.
    static char escapeLetter(char16_t c);

    // The value of a hex digit, -1 for anything else.
    static int hexValue(char c);

    // UTF-8 of one code point (surrogates included, as WTF-8), into a QByteArray or a std::string.
    template<typename Bytes>
    static void appendUtf8(Bytes& out, char32_t cp)
    {
        if (cp < 0x80) {
            out.push_back(char(cp));
        } else if (cp < 0x800) {
            out.push_back(char(0xC0 | (cp >> 6)));
            out.push_back(char(0x80 | (cp & 0x3F)));
        } else if (cp < 0x10000) {
            out.push_back(char(0xE0 | (cp >> 12)));
            out.push_back(char(0x80 | ((cp >> 6) & 0x3F)));
            out.push_back(char(0x80 | (cp & 0x3F)));
        } else {
            out.push_back(char(0xF0 | (cp >> 18)));
            out.push_back(char(0x80 | ((cp >> 12) & 0x3F)));
            out.push_back(char(0x80 | ((cp >> 6) & 0x3F)));
            out.push_back(char(0x80 | (cp & 0x3F)));
        }
    }
};

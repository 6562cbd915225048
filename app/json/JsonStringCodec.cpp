// SPDX-License-Identifier: MIT
#include "json/JsonStringCodec.h"

#include <array>
#include <cstring>

namespace {

// JSON's two-character escapes: the character, and the letter that follows the backslash for it.
struct ShortEscape
{
    char16_t character;
    char letter;
};
constexpr ShortEscape shortEscapes[]
    = {{u'"', '"'}, {u'\\', '\\'}, {u'\b', 'b'}, {u'\f', 'f'}, {u'\n', 'n'}, {u'\r', 'r'}, {u'\t', 't'}};

// The letter to write after a backslash for an ASCII character, 0 where it has no short escape.
constexpr std::array<char, 0x80> escapeLetters = [] {
    std::array<char, 0x80> letters {};
    for (const ShortEscape& e : shortEscapes)
        letters[e.character] = e.letter;
    return letters;
}();

// The character a backslash and a byte stand for (other than \u); " \ and / stand for themselves.
constexpr std::array<char16_t, 0x100> escapedCharacters = [] {
    std::array<char16_t, 0x100> characters {};
    for (std::size_t b = 0; b < characters.size(); ++b)
        characters[b] = char16_t(b);
    for (const ShortEscape& e : shortEscapes)
        characters[static_cast<unsigned char>(e.letter)] = e.character;
    return characters;
}();

void appendCodePoint(QString& out, char32_t cp)
{
    if (cp >= 0x10000) {
        out.append(QChar(QChar::highSurrogate(cp)));
        out.append(QChar(QChar::lowSurrogate(cp)));
    } else {
        out.append(QChar(char16_t(cp)));
    }
}

void appendHexEscape(QByteArray& out, char16_t unit)
{
    static const char digits[] = "0123456789abcdef";
    const char escape[6] = {'\\',
                            'u',
                            digits[(unit >> 12) & 0xF],
                            digits[(unit >> 8) & 0xF],
                            digits[(unit >> 4) & 0xF],
                            digits[unit & 0xF]};
    out.append(escape, 6);
}

} // namespace

QString JsonStringCodec::decodeToken(QByteArrayView token, bool mayHaveEscapes)
{
    if (!mayHaveEscapes) {
        bool ascii = true;
        for (const char c : token) {
            if (static_cast<unsigned char>(c) >= 0x80) {
                ascii = false;
                break;
            }
        }
        if (ascii)
            return QString::fromLatin1(token.data() + 1, token.size() - 2);
    }
    return decodeToken(token);
}

QString JsonStringCodec::decodeToken(QByteArrayView token)
{
    QString out;
    if (token.size() < 2)
        return out;
    const auto* s = reinterpret_cast<const unsigned char*>(token.data()) + 1;
    const qsizetype n = token.size() - 2;
    out.reserve(n);

    // WHATWG UTF-8 decoder state.
    char32_t cp = 0;
    int needed = 0;
    int seen = 0;
    unsigned char lower = 0x80;
    unsigned char upper = 0xBF;

    for (qsizetype i = 0; i < n; ++i) {
        const unsigned char b = s[i];
        if (needed == 0) {
            if (b == '\\') {
                const unsigned char e = s[++i];
                if (e == 'u') {
                    int unit = 0;
                    for (int k = 1; k <= 4; ++k)
                        unit = (unit << 4) | JsonStringCodec::hexValue(char(s[i + k]));
                    i += 4;
                    out.append(QChar(char16_t(unit)));
                } else {
                    out.append(QChar(char16_t(escapedCharacters[e])));
                }
            } else if (b < 0x80) {
                out.append(QChar(char16_t(b)));
            } else if (b >= 0xC2 && b <= 0xDF) {
                needed = 1;
                cp = b & 0x1F;
            } else if (b >= 0xE0 && b <= 0xEF) {
                if (b == 0xE0)
                    lower = 0xA0;
                if (b == 0xED)
                    upper = 0x9F;
                needed = 2;
                cp = b & 0x0F;
            } else if (b >= 0xF0 && b <= 0xF4) {
                if (b == 0xF0)
                    lower = 0x90;
                if (b == 0xF4)
                    upper = 0x8F;
                needed = 3;
                cp = b & 0x07;
            } else {
                out.append(QChar(QChar::ReplacementCharacter));
            }
            continue;
        }
        if (b < lower || b > upper) {
            cp = 0;
            needed = 0;
            seen = 0;
            lower = 0x80;
            upper = 0xBF;
            out.append(QChar(QChar::ReplacementCharacter));
            --i; // the byte starts over
            continue;
        }
        lower = 0x80;
        upper = 0xBF;
        cp = (cp << 6) | (b & 0x3F);
        if (++seen == needed) {
            appendCodePoint(out, cp);
            cp = 0;
            needed = 0;
            seen = 0;
        }
    }
    if (needed != 0)
        out.append(QChar(QChar::ReplacementCharacter));
    return out;
}

void JsonStringCodec::appendQuoted(QByteArray& out, QStringView s, bool asciiOnly, bool escapeSlash)
{
    out.append('"');
    const qsizetype n = s.size();
    for (qsizetype i = 0; i < n; ++i) {
        const char16_t c = s[i].unicode();
        if (c < 0x80) {
            if (const char letter = escapeLetters[c]) {
                const char escape[2] = {'\\', letter};
                out.append(escape, 2);
            } else if (c == u'/') {
                if (escapeSlash)
                    out.append("\\/", 2);
                else
                    out.append('/');
            } else if (c < 0x20 || (asciiOnly && c == 0x7F)) {
                appendHexEscape(out, c);
            } else {
                out.append(char(c));
            }
            continue;
        }
        if (asciiOnly) {
            appendHexEscape(out, c);
            continue;
        }
        if (QChar::isHighSurrogate(c) && i + 1 < n && QChar::isLowSurrogate(s[i + 1].unicode())) {
            appendUtf8(out, QChar::surrogateToUcs4(c, s[i + 1].unicode()));
            ++i;
        } else if (QChar::isSurrogate(c)) {
            appendHexEscape(out, c);
        } else {
            appendUtf8(out, c);
        }
    }
    out.append('"');
}

char JsonStringCodec::escapeLetter(char16_t c)
{
    return c < escapeLetters.size() ? escapeLetters[c] : 0;
}

int JsonStringCodec::hexValue(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

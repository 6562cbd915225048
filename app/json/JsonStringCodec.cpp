// SPDX-License-Identifier: MIT
#include "json/JsonStringCodec.h"

namespace {

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
                const char e = char(s[++i]);
                switch (e) {
                case 'b':
                    out.append(QChar(u'\b'));
                    break;
                case 'f':
                    out.append(QChar(u'\f'));
                    break;
                case 'n':
                    out.append(QChar(u'\n'));
                    break;
                case 'r':
                    out.append(QChar(u'\r'));
                    break;
                case 't':
                    out.append(QChar(u'\t'));
                    break;
                case 'u': {
                    int unit = 0;
                    for (int k = 1; k <= 4; ++k)
                        unit = (unit << 4) | JsonStringCodec::hexValue(char(s[i + k]));
                    i += 4;
                    out.append(QChar(char16_t(unit)));
                    break;
                }
                default: // " \ /
                    out.append(QChar(char16_t(e)));
                    break;
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
            switch (c) {
            case u'"':
                out.append("\\\"", 2);
                break;
            case u'\\':
                out.append("\\\\", 2);
                break;
            case u'\b':
                out.append("\\b", 2);
                break;
            case u'\f':
                out.append("\\f", 2);
                break;
            case u'\n':
                out.append("\\n", 2);
                break;
            case u'\r':
                out.append("\\r", 2);
                break;
            case u'\t':
                out.append("\\t", 2);
                break;
            case u'/':
                if (escapeSlash)
                    out.append("\\/", 2);
                else
                    out.append('/');
                break;
            default:
                if (c < 0x20 || (asciiOnly && c == 0x7F))
                    appendHexEscape(out, c);
                else
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

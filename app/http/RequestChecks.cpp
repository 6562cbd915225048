// SPDX-License-Identifier: MIT
#include "http/RequestChecks.h"

#include <llhttp.h>

namespace RequestChecks {

bool isTokenChar(char c)
{
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'))
        return true;
    switch (c) {
    case '!':
    case '#':
    case '$':
    case '%':
    case '&':
    case '\'':
    case '*':
    case '+':
    case '-':
    case '.':
    case '^':
    case '_':
    case '`':
    case '|':
    case '~':
        return true;
    default:
        return false;
    }
}

bool isToken(QByteArrayView bytes)
{
    if (bytes.isEmpty())
        return false;
    for (char c : bytes) {
        if (!isTokenChar(c))
            return false;
    }
    return true;
}

bool knownToLlhttp(QByteArrayView method)
{
#define HOOKBENCH_KNOWN_METHOD(num, name, string)                                                                      \
    if (method == QByteArrayView(#string))                                                                             \
        return true;
    HTTP_METHOD_MAP(HOOKBENCH_KNOWN_METHOD)
#undef HOOKBENCH_KNOWN_METHOD
    // llhttp parses PRI for the HTTP/2 connection preface, which is refused (RFC 9113 section 3.4).
    return method == QByteArrayView("PRI");
}

QString checkFields(const HttpHeaders& fields, const QByteArray& raw, bool trailerSection)
{
    for (const HttpHeader& field : fields) {
        if (field.first.isEmpty())
            return QStringLiteral("empty field name");
        for (char c : field.first) {
            if (!isTokenChar(c))
                return QStringLiteral("invalid character 0x%1 in field name \"%2\"")
                    .arg(uchar(c), 2, 16, QLatin1Char('0'))
                    .arg(QString::fromLatin1(field.first.left(64)));
        }
    }
    // Obsolete line folding: a field line that starts with a space or a tab (the head's first line
    // is the request line, the trailer section starts with a field line).
    if (trailerSection && !raw.isEmpty() && (raw.front() == ' ' || raw.front() == '\t'))
        return QStringLiteral("obsolete line folding (RFC 9112 section 5.2)");
    for (qsizetype i = raw.indexOf('\n'); i >= 0 && i + 1 < raw.size(); i = raw.indexOf('\n', i + 1)) {
        const char next = raw.at(i + 1);
        if (next == ' ' || next == '\t')
            return QStringLiteral("obsolete line folding (RFC 9112 section 5.2)");
    }
    // RFC 9112 section 2.2: a recipient MAY take a bare LF as a line terminator. Hookbench does so after
    // the request line and for the empty line that ends a section, and refuses it after a field line,
    // where parsers disagree (request smuggling); a bare CR is refused everywhere.
    qsizetype lineStart = 0;
    bool firstLine = !trailerSection;
    for (qsizetype i = 0; i < raw.size(); ++i) {
        const char c = raw.at(i);
        if (c == '\r' && i + 1 < raw.size() && raw.at(i + 1) != '\n')
            return QStringLiteral("bare CR at byte %1 (RFC 9112 section 2.2)").arg(i);
        if (c != '\n')
            continue;
        const bool crlf = i > 0 && raw.at(i - 1) == '\r';
        const bool emptyLine = i - lineStart <= (crlf ? 1 : 0);
        if (!crlf && !firstLine && !emptyLine)
            return QStringLiteral("bare LF ending a field line at byte %1 (RFC 9112 section 2.2)").arg(i);
        firstLine = false;
        lineStart = i + 1;
    }
    return {};
}

QString checkFraming(const HttpHeaders& headers)
{
    int lengths = 0;
    QByteArray length;
    QList<QByteArray> codings;
    for (const HttpHeader& field : headers) {
        if (field.first.compare("content-length", Qt::CaseInsensitive) == 0) {
            ++lengths;
            length = field.second;
        } else if (field.first.compare("transfer-encoding", Qt::CaseInsensitive) == 0) {
            for (const QByteArray& coding : field.second.split(','))
                codings.append(coding.trimmed().toLower());
        }
    }
    if (lengths > 1)
        return QStringLiteral("more than one Content-Length (RFC 9112 section 6.3)");
    if (lengths == 1) {
        if (length.isEmpty() || !std::all_of(length.begin(), length.end(), [](char c) { return c >= '0' && c <= '9'; }))
            return QStringLiteral("Content-Length is not a number (RFC 9112 section 6.3)");
        if (!codings.isEmpty())
            return QStringLiteral("both Content-Length and Transfer-Encoding (RFC 9112 section 6.1)");
    }
    if (!codings.isEmpty() && codings.last() != "chunked")
        return QStringLiteral("Transfer-Encoding does not end in chunked (RFC 9112 section 6.3)");
    return {};
}

} // namespace RequestChecks

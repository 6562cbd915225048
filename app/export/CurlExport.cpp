// SPDX-License-Identifier: MIT
#include "export/CurlExport.h"

#include <algorithm>

#include "core/Utf8.h"

namespace {

bool isBareByte(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '-'
        || c == '.' || c == '/' || c == ':' || c == ',' || c == '+' || c == '=' || c == '@' || c == '%';
}

// Text that can sit in single quotes and be pasted into a terminal unchanged: UTF-8, no control bytes
// other than tab and newline.
bool isPlainText(QByteArrayView bytes)
{
    for (char ch : bytes) {
        const auto c = static_cast<unsigned char>(ch);
        if ((c < 0x20 && c != '\t' && c != '\n') || c == 0x7F)
            return false;
    }
    return Utf8::isValid(bytes);
}

QByteArray singleQuoted(QByteArrayView bytes)
{
    QByteArray out;
    out.reserve(bytes.size() + 2);
    out += '\'';
    for (char c : bytes) {
        if (c == '\'')
            out += "'\\''";
        else
            out += c;
    }
    out += '\'';
    return out;
}

bool hasHostUsable(const QByteArray& host)
{
    if (host.isEmpty())
        return false;
    for (char c : host) {
        if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '.'
              || c == ':' || c == '[' || c == ']'))
            return false;
    }
    return true;
}

} // namespace

QByteArray CurlExport::shellQuote(QByteArrayView bytes)
{
    if (!bytes.isEmpty() && std::all_of(bytes.begin(), bytes.end(), isBareByte))
        return bytes.toByteArray();
    if (isPlainText(bytes))
        return singleQuoted(bytes);
    // ANSI-C quoting: every byte exact, still printable ASCII on screen. (bash strings cannot hold NUL.)
    static const char hex[] = "0123456789abcdef";
    QByteArray out = "$'";
    for (char ch : bytes) {
        const auto c = static_cast<unsigned char>(ch);
        if (c == '\'' || c == '\\') {
            out += '\\';
            out += ch;
        } else if (c >= 0x20 && c < 0x7F) {
            out += ch;
        } else {
            out += "\\x";
            out += hex[c >> 4];
            out += hex[c & 0xF];
        }
    }
    out += '\'';
    return out;
}

QString CurlExport::command(const Capture& capture, const QString& baseUrl)
{
    QByteArray url;
    if (capture.target.startsWith("http://") || capture.target.startsWith("https://")) {
        url = capture.target;
    } else {
        if (baseUrl.isEmpty()) {
            const QByteArray host = headerValue(capture.headers, "host").trimmed();
            url = "http://" + (hasHostUsable(host) ? host : QByteArray("127.0.0.1"));
        } else {
            url = baseUrl.toUtf8();
            while (url.endsWith('/'))
                url.chop(1);
        }
        if (!capture.target.startsWith('/'))
            url += '/';
        url += capture.target;
    }

    QList<QByteArray> args {"curl"};
    if (capture.target.contains("/.") || capture.target.contains("//"))
        args << "--path-as-is"; // keep dot segments and empty segments as sent
    if (capture.target.contains('[') || capture.target.contains('{'))
        args << "--globoff";
    if (capture.httpVersion == "HTTP/1.0")
        args << "--http1.0";
    else
        args << "--http1.1";
    args << "-X" << shellQuote(capture.method) << shellQuote(url);

    const bool chunked = headerValue(capture.headers, "transfer-encoding").toLower().contains("chunked");
    for (const HttpHeader& header : capture.headers) {
        if (chunked && header.first.compare("content-length", Qt::CaseInsensitive) == 0)
            continue; // curl frames the body itself; both together would be invalid
        // "Name:" would remove the header in curl; "Name;" sends it with an empty value.
        const QByteArray line = header.second.isEmpty() ? QByteArray(header.first + ';')
                                                        : QByteArray(header.first + ": " + header.second);
        args << "-H" << shellQuote(line);
    }
    // Switch off what curl would add by itself and the capture did not have.
    for (const char* name : {"Host", "User-Agent", "Accept"}) {
        if (!hasHeader(capture.headers, name))
            args << "-H" << shellQuote(QByteArray(QByteArray(name) + ':'));
    }
    const bool hasBody = !capture.body.isEmpty();
    if (hasBody) {
        if (!hasHeader(capture.headers, "content-type"))
            args << "-H" << shellQuote("Content-Type:");
        if (!hasHeader(capture.headers, "expect"))
            args << "-H" << shellQuote("Expect:");
        args << "--data-binary"
             << "@-";
    }

    QByteArray out;
    if (hasBody) {
        // printf is a bash builtin: no argument-size limit for large bodies.
        if (isPlainText(capture.body))
            out += "printf '%s' " + singleQuoted(capture.body) + " |\n";
        else
            out += "printf '%s' " + capture.body.toBase64() + " | base64 -d |\n";
    }
    // One option (and its value) per line after the URL, for reading.
    out += args[0];
    for (qsizetype i = 1; i < args.size(); ++i) {
        const bool startsOption = args[i].startsWith('-') && args[i] != "@-";
        const bool afterUrl = i > args.indexOf("-X") + 1;
        out += (startsOption && afterUrl) ? " \\\n  " : " ";
        out += args[i];
    }
    out += '\n';
    return QString::fromUtf8(out);
}

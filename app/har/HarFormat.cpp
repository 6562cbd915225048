// SPDX-License-Identifier: MIT
#include "har/HarFormat.h"

#include <QTimeZone>
#include <charconv>
#include <cstring>
#include <string>

#include "core/HttpStatus.h"
#include "core/Utf8.h"
#include "har/HarReplays.h"
#include "json/JsonStringCodec.h"

namespace {

// A small pretty-printing JSON emitter appending straight into a byte array.
class JsonOut final
{
public:
    JsonOut(std::string& out, int depth)
        : m_out(out)
        , m_depth(depth)
    { }

    void beginObject(bool oneLine = false) { open('{', oneLine); }
    void endObject() { close('}'); }
    void beginArray(bool oneLine = false) { open('[', oneLine); }
    void endArray() { close(']'); }

    void key(const char* name)
    {
        separate();
        m_out += '"';
        m_out += name;
        m_out += "\": ";
        m_afterKey = true;
    }

    // A byte string known to be valid UTF-8.
    void string(QByteArrayView utf8)
    {
        separate();
        appendEscaped(utf8);
    }
    void text(const QString& text) { string(QByteArrayView(text.toUtf8())); }
    void number(qint64 value)
    {
        separate();
        char digits[24];
        const auto result = std::to_chars(digits, digits + sizeof digits, value);
        m_out.append(digits, size_t(result.ptr - digits));
    }
    void null()
    {
        separate();
        m_out += "null";
    }
    void raw(QByteArrayView text)
    {
        separate();
        m_out.append(text.data(), size_t(text.size()));
    }

    void member(const char* name, QByteArrayView utf8)
    {
        key(name);
        string(utf8);
    }
    void textMember(const char* name, const QString& value)
    {
        key(name);
        text(value);
    }
    void member(const char* name, qint64 value)
    {
        key(name);
        number(value);
    }

private:
    struct Level
    {
        bool first = true;
        bool oneLine = false;
    };

    void open(char bracket, bool oneLine)
    {
        separate();
        m_out += bracket;
        m_levels[m_level + 1] = Level {true, oneLine || (m_level >= 0 && m_levels[m_level].oneLine)};
        ++m_level;
        ++m_depth;
    }

    void close(char bracket)
    {
        const Level level = m_levels[m_level];
        --m_level;
        --m_depth;
        if (!level.first && !level.oneLine)
            newline();
        m_out += bracket;
    }

    void separate()
    {
        if (m_afterKey) {
            m_afterKey = false;
            return;
        }
        if (m_level < 0)
            return;
        Level& level = m_levels[m_level];
        if (!level.first)
            m_out += level.oneLine ? ", " : ",";
        if (!level.oneLine)
            newline();
        level.first = false;
    }

    void newline()
    {
        static const char spaces[] = "\n                                                                ";
        m_out.append(spaces, size_t(qMin<qsizetype>(1 + m_depth * 2, sizeof spaces - 1)));
    }

    void appendEscaped(QByteArrayView utf8)
    {
        static const char hex[] = "0123456789abcdef";
        m_out += '"';
        const char* p = utf8.data();
        const qsizetype n = utf8.size();
        qsizetype plainStart = 0;
        for (qsizetype i = JsonStringCodec::skipPlain(p, 0, n); i < n; i = JsonStringCodec::skipPlain(p, i + 1, n)) {
            m_out.append(p + plainStart, size_t(i - plainStart));
            plainStart = i + 1;
            const auto c = static_cast<unsigned char>(p[i]);
            if (const char letter = JsonStringCodec::escapeLetter(c)) {
                const char escape[] = {'\\', letter};
                m_out.append(escape, sizeof escape);
            } else {
                const char escape[] = {'\\', 'u', '0', '0', hex[c >> 4], hex[c & 0xF]};
                m_out.append(escape, sizeof escape);
            }
        }
        m_out.append(p + plainStart, size_t(n - plainStart));
        m_out += '"';
    }

    std::string& m_out;
    int m_depth;
    int m_level = -1;
    bool m_afterKey = false;
    Level m_levels[16];
};

// Bytes as a JSON-safe string: themselves when valid UTF-8, else one character per byte (Latin-1).
QByteArray readable(const QByteArray& bytes)
{
    if (Utf8::isValid(bytes))
        return bytes;
    return QString::fromLatin1(bytes).toUtf8();
}

// A header {name, value}, with the exact bytes in "_hookbench" when either is not UTF-8.
void writeHeader(JsonOut& json, const HttpHeader& header)
{
    json.beginObject(true);
    const bool nameExact = Utf8::isValid(header.first);
    const bool valueExact = Utf8::isValid(header.second);
    json.member("name", readable(header.first));
    json.member("value", readable(header.second));
    if (!nameExact || !valueExact) {
        json.key("_hookbench");
        json.beginObject(true);
        if (!nameExact)
            json.member("nameBase64", header.first.toBase64());
        if (!valueExact)
            json.member("valueBase64", header.second.toBase64());
        json.endObject();
    }
    json.endObject();
}

void writeHeaders(JsonOut& json, const HttpHeaders& headers)
{
    json.beginArray();
    for (const HttpHeader& header : headers)
        writeHeader(json, header);
    json.endArray();
}

void writeCookies(JsonOut& json, const HttpHeaders& headers)
{
    json.beginArray();
    for (const HttpHeader& header : headers) {
        if (header.first.compare("cookie", Qt::CaseInsensitive) != 0)
            continue;
        for (QByteArray pair : header.second.split(';')) {
            pair = pair.trimmed();
            if (pair.isEmpty())
                continue;
            const qsizetype eq = pair.indexOf('=');
            json.beginObject(true);
            json.member("name", readable(eq < 0 ? pair : pair.left(eq)));
            json.member("value", readable(eq < 0 ? QByteArray() : pair.mid(eq + 1)));
            json.endObject();
        }
    }
    json.endArray();
}

void writeQueryString(JsonOut& json, const QByteArray& target)
{
    json.beginArray();
    const qsizetype question = target.indexOf('?');
    if (question >= 0) {
        QByteArray query = target.mid(question + 1);
        const qsizetype hash = query.indexOf('#');
        if (hash >= 0)
            query.truncate(hash);
        for (const QByteArray& pair : query.split('&')) {
            if (pair.isEmpty())
                continue;
            const qsizetype eq = pair.indexOf('=');
            json.beginObject(true);
            json.member("name", readable(QByteArray::fromPercentEncoding(eq < 0 ? pair : pair.left(eq))));
            json.member("value", readable(eq < 0 ? QByteArray() : QByteArray::fromPercentEncoding(pair.mid(eq + 1))));
            json.endObject();
        }
    }
    json.endArray();
}

void writeOptionalDate(JsonOut& json, const char* name, const QDateTime& time)
{
    json.key(name);
    if (time.isValid())
        json.string(HarFormat::isoDate(time));
    else
        json.null();
}

bool isUriByte(unsigned char c)
{
    // unreserved, reserved and '%' (an existing escape is kept as it is).
    static const char allowed[] = "-._~:/?#[]@!$&'()*+,;=%";
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'))
        return true;
    return c != 0 && std::strchr(allowed, c) != nullptr;
}

void appendUriEncoded(QByteArray& out, QByteArrayView bytes)
{
    static const char hex[] = "0123456789ABCDEF";
    for (char ch : bytes) {
        const auto c = static_cast<unsigned char>(ch);
        if (isUriByte(c)) {
            out += ch;
        } else {
            out += '%';
            out += hex[c >> 4];
            out += hex[c & 0xF];
        }
    }
}

bool isHostByte(unsigned char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '.'
        || c == ':' || c == '[' || c == ']' || c == '_' || c == '~';
}

} // namespace

void HarFormat::appendHead(std::string& out)
{
    out += "{\n  \"log\": {\n    \"version\": \"1.2\",\n    \"creator\": {\"name\": \"Hookbench\", \"version\": "
           "\"" HOOKBENCH_VERSION "\"},\n    \"entries\": [";
}

void HarFormat::appendTail(std::string& out, bool empty)
{
    out += empty ? "]\n  }\n}\n" : "\n    ]\n  }\n}\n";
}

QByteArray HarFormat::canonicalHead(const Capture& capture)
{
    qsizetype size = capture.method.size() + capture.target.size() + capture.httpVersion.size() + 6;
    for (const HttpHeader& header : capture.headers)
        size += header.first.size() + header.second.size() + 4;
    QByteArray head;
    head.reserve(size);
    head += capture.method;
    head += ' ';
    head += capture.target;
    head += ' ';
    head += capture.httpVersion;
    head += "\r\n";
    for (const HttpHeader& header : capture.headers) {
        head += header.first;
        head += ": ";
        head += header.second;
        head += "\r\n";
    }
    head += "\r\n";
    return head;
}

QByteArray HarFormat::absoluteUrl(const Capture& capture)
{
    const QByteArray& target = capture.target;
    QByteArray url;
    url.reserve(target.size() + 32);
    if (target.startsWith("http://") || target.startsWith("https://")) {
        appendUriEncoded(url, target); // absolute-form (a proxy request)
        return url;
    }
    QByteArray host = headerValue(capture.headers, "host").trimmed();
    bool hostUsable = !host.isEmpty();
    for (char c : host)
        hostUsable = hostUsable && isHostByte(static_cast<unsigned char>(c));
    url += "http://";
    url += hostUsable ? host : QByteArray("127.0.0.1");
    if (!target.startsWith('/'))
        url += '/';
    appendUriEncoded(url, target);
    return url;
}

void HarFormat::appendEntry(std::string& out, const Capture& capture, bool first, const QList<ReplayAttempt>& attempts)
{
    out += first ? "\n      " : ",\n      ";
    JsonOut json(out, 3);
    const QByteArray started
        = isoDate(capture.receivedAt.isValid() ? capture.receivedAt : QDateTime::fromMSecsSinceEpoch(0, Qt::UTC));
    qint64 elapsed = 0;
    if (capture.receivedAt.isValid() && capture.completedAt.isValid())
        elapsed = qMax<qint64>(0, capture.receivedAt.msecsTo(capture.completedAt));
    const bool bodyAsText = Utf8::isRepresentableText(capture.body);
    const QByteArray contentType = headerValue(capture.headers, "content-type");

    json.beginObject();
    json.member("startedDateTime", started);
    json.member("time", elapsed);

    json.key("request");
    json.beginObject();
    json.member("method", readable(capture.method));
    json.member("url", absoluteUrl(capture));
    json.member("httpVersion", readable(capture.httpVersion));
    json.key("cookies");
    writeCookies(json, capture.headers);
    json.key("headers");
    writeHeaders(json, capture.headers);
    json.key("queryString");
    writeQueryString(json, capture.target);
    if (!capture.body.isEmpty()) {
        json.key("postData");
        json.beginObject();
        json.member("mimeType", contentType.isEmpty() ? QByteArray("application/octet-stream") : readable(contentType));
        if (bodyAsText)
            json.member("text", capture.body);
        else
            json.member("comment", QByteArrayView("not valid UTF-8 text: the exact bytes are in request._content"));
        json.endObject();
    }
    json.member("headersSize", capture.rawHead.isEmpty() ? qint64(-1) : qint64(capture.rawHead.size()));
    json.member("bodySize", qint64(capture.body.size()));
    if (!capture.body.isEmpty() && !bodyAsText) {
        json.key("_content");
        json.beginObject();
        json.member("text", capture.body.toBase64());
        json.member("size", qint64(capture.body.size()));
        json.member("encoding", QByteArrayView("base64"));
        json.endObject();
        json.member("_requestBodyStatus", QByteArrayView("discarded:not-representable"));
    }
    json.endObject();

    json.key("response");
    json.beginObject();
    json.member("status", qint64(capture.responseStatus));
    json.member("statusText", knownReasonPhrase(capture.responseStatus));
    json.member("httpVersion", readable(capture.httpVersion));
    json.key("cookies");
    json.raw("[]");
    json.key("headers");
    json.raw("[]");
    json.key("content");
    json.raw("{\"size\": 0, \"mimeType\": \"\"}");
    json.member("redirectURL", QByteArrayView(""));
    json.member("headersSize", qint64(-1));
    json.member("bodySize", qint64(-1));
    json.member("comment", QByteArrayView("the status Hookbench answered; it records no response body"));
    json.endObject();

    json.key("cache");
    json.raw("{}");
    json.key("timings");
    json.beginObject(true);
    json.member("send", elapsed);
    json.member("wait", qint64(0));
    json.member("receive", qint64(0));
    json.endObject();

    json.key("_hookbench");
    json.beginObject();
    json.member("id", capture.id);
    if (Utf8::isValid(capture.target))
        json.member("target", capture.target);
    else
        json.member("targetBase64", capture.target.toBase64());
    if (!Utf8::isValid(capture.method))
        json.member("methodBase64", capture.method.toBase64());
    if (!Utf8::isValid(capture.httpVersion))
        json.member("httpVersionBase64", capture.httpVersion.toBase64());
    json.key("peer");
    json.beginObject(true);
    json.textMember("address", capture.peerAddress);
    json.member("port", qint64(capture.peerPort));
    json.endObject();
    writeOptionalDate(json, "receivedAt", capture.receivedAt);
    writeOptionalDate(json, "completedAt", capture.completedAt);
    json.member("responseStatus", qint64(capture.responseStatus));
    if (capture.isMalformed())
        json.textMember("malformedReason", capture.malformedReason);
    if (!capture.note.isEmpty())
        json.textMember("note", capture.note);
    if (!capture.trailers.isEmpty()) {
        json.key("trailers");
        writeHeaders(json, capture.trailers);
    }
    // Most heads are exactly what the fields above spell out; only the others are stored (base64).
    if (capture.rawHead.isEmpty())
        json.member("rawHead", QByteArrayView(""));
    else if (capture.rawHead != canonicalHead(capture))
        json.member("rawHead", capture.rawHead.toBase64());
    if (!attempts.isEmpty()) {
        json.key("replays");
        json.raw(HarReplays::toJson(attempts));
    }
    json.endObject();

    json.endObject();
}

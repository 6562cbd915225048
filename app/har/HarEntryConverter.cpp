// SPDX-License-Identifier: MIT
#include "har/HarEntryConverter.h"

#include <QCoreApplication>
#include <QTimeZone>
#include <algorithm>
#include <tuple>

#include "core/Utf8.h"
#include "har/HarFormat.h"
#include "har/HarJsonParser.h"
#include "har/HarReplays.h"

using namespace Qt::StringLiterals;

namespace {

using Json = HarJsonParser;
using Type = HarJsonParser::Type;

const char* typeName(Type type)
{
    switch (type) {
    case Type::Null:
        return QT_TRANSLATE_NOOP("HarReader", "null");
    case Type::Bool:
        return QT_TRANSLATE_NOOP("HarReader", "a boolean");
    case Type::Number:
        return QT_TRANSLATE_NOOP("HarReader", "a number");
    case Type::String:
        return QT_TRANSLATE_NOOP("HarReader", "a string");
    case Type::Array:
        return QT_TRANSLATE_NOOP("HarReader", "an array");
    case Type::Object:
        return QT_TRANSLATE_NOOP("HarReader", "an object");
    }
    return "?";
}

QByteArray bytesOf(std::string_view view)
{
    return QByteArray(view.data(), qsizetype(view.size()));
}

QString textOf(std::string_view view)
{
    return QString::fromUtf8(view.data(), qsizetype(view.size()));
}

bool isTokenByte(char c)
{
    static const char extra[] = "!#$%&'*+-.^_`|~";
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
        || (c != 0 && std::char_traits<char>::find(extra, sizeof extra - 1, c) != nullptr);
}

// JSON numbers are doubles; out-of-range conversions to integers would be undefined behaviour.
qint64 toInteger(double value, qint64 low = -(qint64(1) << 53), qint64 high = qint64(1) << 53)
{
    if (!(value >= double(low))) // also NaN
        return low;
    if (value > double(high))
        return high;
    return qint64(value);
}

QDateTime parseDate(std::string_view text)
{
    return HarFormat::parseIsoDate(QByteArrayView(text.data(), qsizetype(text.size())));
}

// Converts one entry of log.entries into a capture, or says which field made that impossible.
class EntryConverter final
{
public:
    EntryConverter(const Json& json, int index, HarEntry& entry)
        : m_json(json)
        , m_index(index)
        , m_entry(entry)
    { }

    HarExpected<void> convert(qint32 root);

private:
    HarError error(HarErrorCode code, const QString& field, const QString& message) const
    {
        return HarError {code, message, m_index, field};
    }
    void warn(HarErrorCode code, const QString& field, const QString& message)
    {
        m_entry.warnings.append(HarError {code, message, m_index, field});
    }
    HarError wrongType(const QString& field, qint32 node, const char* expected) const
    {
        return error(HarErrorCode::WrongType, field,
                     QCoreApplication::translate("HarReader", "expected %1, found %2")
                         .arg(QCoreApplication::translate("HarReader", expected),
                              QCoreApplication::translate("HarReader", typeName(type(node)))));
    }
    Type type(qint32 node) const { return m_json.node(node).type; }
    // A member that is absent or null counts as missing (Firefox and Charles write nulls).
    qint32 present(qint32 object, std::string_view name) const
    {
        const qint32 child = m_json.member(object, name);
        return child >= 0 && type(child) != Type::Null ? child : -1;
    }

    HarExpected<void> optionalString(qint32 object, std::string_view name, const QString& field,
                                     std::optional<std::string_view>& out) const;
    HarExpected<void> optionalNumber(qint32 object, std::string_view name, const QString& field,
                                     std::optional<double>& out) const;
    HarExpected<void> optionalObject(qint32 object, std::string_view name, const QString& field, qint32& out) const;
    HarExpected<void> base64(qint32 object, std::string_view name, const QString& field,
                             std::optional<QByteArray>& out) const;
    HarExpected<void> headers(qint32 request, std::string_view name, const QString& field, HttpHeaders& out) const;
    HarExpected<void> body(qint32 request);
    HarExpected<void> hookbench(qint32 extra);

    const Json& m_json;
    int m_index;
    HarEntry& m_entry;
    bool m_headIsCanonical = false;
};

HarExpected<void> EntryConverter::optionalString(qint32 object, std::string_view name, const QString& field,
                                                 std::optional<std::string_view>& out) const
{
    out.reset();
    const qint32 child = present(object, name);
    if (child < 0)
        return {};
    if (type(child) != Type::String)
        return wrongType(field, child, "a string");
    out = m_json.string(m_json.node(child));
    return {};
}

HarExpected<void> EntryConverter::optionalNumber(qint32 object, std::string_view name, const QString& field,
                                                 std::optional<double>& out) const
{
    out.reset();
    const qint32 child = present(object, name);
    if (child < 0)
        return {};
    if (type(child) != Type::Number)
        return wrongType(field, child, "a number");
    out = m_json.node(child).number;
    return {};
}

HarExpected<void> EntryConverter::optionalObject(qint32 object, std::string_view name, const QString& field,
                                                 qint32& out) const
{
    out = present(object, name);
    if (out >= 0 && type(out) != Type::Object)
        return wrongType(field, out, "an object");
    return {};
}

HarExpected<void> EntryConverter::base64(qint32 object, std::string_view name, const QString& field,
                                         std::optional<QByteArray>& out) const
{
    out.reset();
    std::optional<std::string_view> text;
    if (auto e = optionalString(object, name, field, text); !e)
        return e;
    if (!text)
        return {};
    auto decoded = QByteArray::fromBase64Encoding(bytesOf(*text), QByteArray::AbortOnBase64DecodingErrors);
    if (decoded.decodingStatus != QByteArray::Base64DecodingStatus::Ok)
        return error(HarErrorCode::InvalidBase64, field, QCoreApplication::translate("HarReader", "invalid base64"));
    out = std::move(decoded.decoded);
    return {};
}

HarExpected<void> EntryConverter::headers(qint32 request, std::string_view name, const QString& field,
                                          HttpHeaders& out) const
{
    const qint32 list = present(request, name);
    if (list < 0)
        return {};
    if (type(list) != Type::Array)
        return wrongType(field, list, "an array");
    out.reserve(m_json.node(list).childCount);
    int i = 0;
    for (qint32 item = m_json.node(list).firstChild; item >= 0; item = m_json.node(item).nextSibling, ++i) {
        const QString itemField = field + u'[' + QString::number(i) + u']';
        if (type(item) != Type::Object)
            return wrongType(itemField, item, "an object");
        const qint32 nameNode = m_json.member(item, "name");
        const qint32 valueNode = m_json.member(item, "value");
        if (nameNode < 0)
            return error(HarErrorCode::MissingField, itemField + u".name",
                         QCoreApplication::translate("HarReader", "missing"));
        if (type(nameNode) != Type::String)
            return wrongType(itemField + u".name", nameNode, "a string");
        if (valueNode < 0)
            return error(HarErrorCode::MissingField, itemField + u".value",
                         QCoreApplication::translate("HarReader", "missing"));
        if (type(valueNode) != Type::String)
            return wrongType(itemField + u".value", valueNode, "a string");
        HttpHeader header {bytesOf(m_json.string(m_json.node(nameNode))),
                           bytesOf(m_json.string(m_json.node(valueNode)))};
        qint32 exact = -1;
        if (auto e = optionalObject(item, "_hookbench", itemField + u"._hookbench", exact); !e)
            return e;
        if (exact >= 0) {
            std::optional<QByteArray> bytes;
            if (auto e = base64(exact, "nameBase64", itemField + u"._hookbench.nameBase64", bytes); !e)
                return e;
            if (bytes)
                header.first = *bytes;
            if (auto e = base64(exact, "valueBase64", itemField + u"._hookbench.valueBase64", bytes); !e)
                return e;
            if (bytes)
                header.second = *bytes;
        }
        out.append(std::move(header));
    }
    return {};
}

HarExpected<void> EntryConverter::body(qint32 request)
{
    Capture& capture = m_entry.capture;
    std::optional<double> bodySize;
    if (auto e = optionalNumber(request, "bodySize", u"request.bodySize"_s, bodySize); !e)
        return e;
    m_entry.declaredBodySize = bodySize && *bodySize >= 0 ? toInteger(*bodySize) : -1;

    // HTTP Toolkit's order: _content first, then postData.text, then postData.params.
    qint32 content = -1;
    if (auto e = optionalObject(request, "_content", u"request._content"_s, content); !e)
        return e;
    if (content >= 0) {
        std::optional<std::string_view> text;
        std::optional<std::string_view> encoding;
        if (auto e = optionalString(content, "encoding", u"request._content.encoding"_s, encoding); !e)
            return e;
        if (auto e = optionalString(content, "text", u"request._content.text"_s, text); !e)
            return e;
        if (!text)
            return error(HarErrorCode::MissingField, u"request._content.text"_s,
                         QCoreApplication::translate("HarReader", "missing"));
        if (encoding && *encoding == "base64") {
            std::optional<QByteArray> decoded;
            if (auto e = base64(content, "text", u"request._content.text"_s, decoded); !e)
                return e;
            capture.body = *decoded;
        } else if (!encoding) {
            capture.body = bytesOf(*text);
        } else {
            return error(HarErrorCode::InvalidValue, u"request._content.encoding"_s,
                         u"unknown encoding \"" + textOf(*encoding) + u'"');
        }
        std::optional<double> size;
        if (auto e = optionalNumber(content, "size", u"request._content.size"_s, size); !e)
            return e;
        if (size && toInteger(*size) != capture.body.size())
            warn(HarErrorCode::BodyMayDiffer, u"request._content.size"_s,
                 u"says " + QString::number(toInteger(*size)) + u" bytes but the text holds "
                     + QString::number(capture.body.size()));
        return {};
    }

    qint32 postData = -1;
    if (auto e = optionalObject(request, "postData", u"request.postData"_s, postData); !e)
        return e;
    bool rebuilt = false;
    if (postData >= 0) {
        std::optional<std::string_view> text;
        if (auto e = optionalString(postData, "text", u"request.postData.text"_s, text); !e)
            return e;
        std::optional<std::string_view> mimeType;
        if (auto e = optionalString(postData, "mimeType", u"request.postData.mimeType"_s, mimeType); !e)
            return e;
        if (text && !text->empty()) {
            capture.body = bytesOf(*text);
        } else if (const qint32 params = present(postData, "params"); params >= 0) {
            if (type(params) != Type::Array)
                return wrongType(u"request.postData.params"_s, params, "an array");
            int i = 0;
            for (qint32 item = m_json.node(params).firstChild; item >= 0; item = m_json.node(item).nextSibling, ++i) {
                const QString field = u"request.postData.params[" + QString::number(i) + u']';
                if (type(item) != Type::Object)
                    return wrongType(field, item, "an object");
                std::optional<std::string_view> name;
                std::optional<std::string_view> value;
                if (auto e = optionalString(item, "name", field + u".name", name); !e)
                    return e;
                if (auto e = optionalString(item, "value", field + u".value", value); !e)
                    return e;
                if (!name)
                    return error(HarErrorCode::MissingField, field + u".name",
                                 QCoreApplication::translate("HarReader", "missing"));
                if (i > 0)
                    capture.body += '&';
                capture.body += bytesOf(*name);
                if (value) {
                    capture.body += '=';
                    capture.body += bytesOf(*value);
                }
            }
            rebuilt = !capture.body.isEmpty();
        }
    }

    if (rebuilt) {
        warn(HarErrorCode::BodyMayDiffer, u"request.postData.params"_s,
             QCoreApplication::translate(
                 "HarReader", "the body was rebuilt from form parameters; its encoding may differ from what was sent"));
    } else if (capture.body.isEmpty() && m_entry.declaredBodySize > 0) {
        m_entry.bodyKept = false;
        warn(HarErrorCode::BodyNotKept, postData >= 0 ? u"request.postData.text"_s : u"request.postData"_s,
             u"body not kept by the tool that wrote this file (request.bodySize says "
                 + QString::number(m_entry.declaredBodySize) + u" bytes)");
    } else if (!capture.body.isEmpty() && !m_entry.fromHookbench) {
        // Hookbench writes postData.text only when it is exact; other tools may have decoded lossily.
        if (m_entry.declaredBodySize > 0 && m_entry.declaredBodySize != capture.body.size())
            warn(HarErrorCode::BodyMayDiffer, u"request.postData.text"_s,
                 QCoreApplication::translate("HarReader",
                                             "the text is %1 bytes but request.bodySize says %2; the tool that "
                                             "wrote this file may have changed it")
                     .arg(capture.body.size())
                     .arg(m_entry.declaredBodySize));
        else if (capture.body.contains("\xEF\xBF\xBD"))
            warn(HarErrorCode::BodyMayDiffer, u"request.postData.text"_s,
                 QCoreApplication::translate("HarReader",
                                             "the text contains U+FFFD replacement characters; the tool "
                                             "that wrote this file may have replaced bytes it could not "
                                             "decode"));
    }
    std::optional<std::string_view> status;
    if (auto e = optionalString(request, "_requestBodyStatus", u"request._requestBodyStatus"_s, status); !e)
        return e;
    if (status && status->starts_with("discarded") && capture.body.isEmpty() && m_entry.bodyKept) {
        m_entry.bodyKept = false;
        warn(HarErrorCode::BodyNotKept, u"request._requestBodyStatus"_s,
             u"body not kept by the tool that wrote this file (" + textOf(*status) + u')');
    }
    return {};
}

HarExpected<void> EntryConverter::hookbench(qint32 extra)
{
    Capture& capture = m_entry.capture;
    m_entry.fromHookbench = true;
    std::optional<double> number;
    if (auto e = optionalNumber(extra, "id", u"_hookbench.id"_s, number); !e)
        return e;
    capture.id = number ? toInteger(*number) : 0;
    std::optional<std::string_view> text;
    std::optional<QByteArray> bytes;
    if (auto e = optionalString(extra, "target", u"_hookbench.target"_s, text); !e)
        return e;
    if (text)
        capture.target = bytesOf(*text);
    if (auto e = base64(extra, "targetBase64", u"_hookbench.targetBase64"_s, bytes); !e)
        return e;
    if (bytes)
        capture.target = *bytes;
    if (auto e = base64(extra, "methodBase64", u"_hookbench.methodBase64"_s, bytes); !e)
        return e;
    if (bytes)
        capture.method = *bytes;
    if (auto e = base64(extra, "httpVersionBase64", u"_hookbench.httpVersionBase64"_s, bytes); !e)
        return e;
    if (bytes)
        capture.httpVersion = *bytes;

    qint32 peer = -1;
    if (auto e = optionalObject(extra, "peer", u"_hookbench.peer"_s, peer); !e)
        return e;
    if (peer >= 0) {
        if (auto e = optionalString(peer, "address", u"_hookbench.peer.address"_s, text); !e)
            return e;
        capture.peerAddress = text ? textOf(*text) : QString();
        if (auto e = optionalNumber(peer, "port", u"_hookbench.peer.port"_s, number); !e)
            return e;
        if (number && (*number < 0 || *number > 65535))
            return error(HarErrorCode::InvalidValue, u"_hookbench.peer.port"_s,
                         QCoreApplication::translate("HarReader", "not a port number"));
        capture.peerPort = number ? quint16(toInteger(*number, 0, 65535)) : 0;
    }
    for (auto [name, field, target] : {std::tuple {"receivedAt", u"_hookbench.receivedAt"_s, &capture.receivedAt},
                                       std::tuple {"completedAt", u"_hookbench.completedAt"_s, &capture.completedAt}}) {
        if (m_json.member(extra, name) < 0)
            continue;
        if (auto e = optionalString(extra, name, field, text); !e)
            return e;
        *target = text ? parseDate(*text) : QDateTime();
        if (text && !target->isValid())
            return error(HarErrorCode::InvalidValue, field,
                         QCoreApplication::translate("HarReader", "not an ISO 8601 date"));
    }
    if (auto e = optionalNumber(extra, "responseStatus", u"_hookbench.responseStatus"_s, number); !e)
        return e;
    if (number)
        capture.responseStatus = int(toInteger(*number, 0, 999));
    if (auto e = optionalString(extra, "malformedReason", u"_hookbench.malformedReason"_s, text); !e)
        return e;
    capture.malformedReason = text ? textOf(*text) : QString();
    if (auto e = optionalString(extra, "note", u"_hookbench.note"_s, text); !e)
        return e;
    capture.note = text ? textOf(*text) : QString();
    if (auto e = headers(extra, "trailers", u"_hookbench.trailers"_s, capture.trailers); !e)
        return e;
    if (auto e = base64(extra, "rawHead", u"_hookbench.rawHead"_s, bytes); !e)
        return e;
    capture.rawHead = bytes ? *bytes : QByteArray();
    m_headIsCanonical = !bytes; // absent: the head was exactly what the fields spell out
    if (const qint32 replays = m_json.member(extra, "replays"); replays >= 0) {
        HarExpected<QList<ReplayAttempt>> attempts = HarReplays::read(m_json, replays, m_index);
        if (!attempts)
            return attempts.error();
        m_entry.replayAttempts = std::move(*attempts);
    }
    return {};
}

HarExpected<void> EntryConverter::convert(qint32 root)
{
    Capture& capture = m_entry.capture;
    if (type(root) != Type::Object)
        return error(HarErrorCode::WrongType, QString(),
                     u"expected an object, found " + QString::fromUtf8(typeName(type(root))));
    const qint32 request = m_json.member(root, "request");
    if (request < 0)
        return error(HarErrorCode::MissingField, u"request"_s, QCoreApplication::translate("HarReader", "missing"));
    if (type(request) != Type::Object)
        return wrongType(u"request"_s, request, "an object");
    qint32 extra = -1;
    if (auto e = optionalObject(root, "_hookbench", u"_hookbench"_s, extra); !e)
        return e;

    const qint32 methodNode = m_json.member(request, "method");
    if (methodNode < 0)
        return error(HarErrorCode::MissingField, u"request.method"_s,
                     QCoreApplication::translate("HarReader", "missing"));
    if (type(methodNode) != Type::String)
        return wrongType(u"request.method"_s, methodNode, "a string");
    capture.method = bytesOf(m_json.string(m_json.node(methodNode)));
    const qint32 urlNode = m_json.member(request, "url");
    if (urlNode < 0)
        return error(HarErrorCode::MissingField, u"request.url"_s, QCoreApplication::translate("HarReader", "missing"));
    if (type(urlNode) != Type::String)
        return wrongType(u"request.url"_s, urlNode, "a string");
    const std::string_view url = m_json.string(m_json.node(urlNode));

    std::optional<std::string_view> version;
    if (auto e = optionalString(request, "httpVersion", u"request.httpVersion"_s, version); !e)
        return e;
    capture.httpVersion = version && !version->empty() ? bytesOf(*version) : QByteArray("HTTP/1.1");
    if (!version || version->empty())
        warn(HarErrorCode::MissingField, u"request.httpVersion"_s,
             QCoreApplication::translate("HarReader", "missing; HTTP/1.1 assumed"));
    if (auto e = headers(request, "headers", u"request.headers"_s, capture.headers); !e)
        return e;
    m_entry.fromHookbench = extra >= 0;
    if (auto e = body(request); !e)
        return e;

    if (extra >= 0) {
        if (auto e = hookbench(extra); !e)
            return e;
    }
    if (extra < 0 || (m_json.member(extra, "target") < 0 && m_json.member(extra, "targetBase64") < 0)) {
        // Another tool's file: the target is the URL's path and query, taken as written (no normalization).
        const size_t schemeEnd = url.find("://");
        std::string_view scheme = schemeEnd == std::string_view::npos ? std::string_view() : url.substr(0, schemeEnd);
        const bool http = schemeEnd != std::string_view::npos
            && (QByteArrayView(scheme).compare("http", Qt::CaseInsensitive) == 0
                || QByteArrayView(scheme).compare("https", Qt::CaseInsensitive) == 0);
        if (!http && !url.starts_with('/')) {
            const QString shown = textOf(url.substr(0, 60)) + (url.size() > 60 ? u"…"_s : QString());
            return error(HarErrorCode::NotHttp, u"request.url"_s, u"not an HTTP request (" + shown + u')');
        }
        std::string_view rest = url;
        if (http) {
            rest = url.substr(schemeEnd + 3);
            const size_t pathStart = rest.find_first_of("/?#");
            rest = pathStart == std::string_view::npos ? std::string_view() : rest.substr(pathStart);
        }
        const size_t hash = rest.find('#');
        if (hash != std::string_view::npos)
            rest = rest.substr(0, hash);
        capture.target = bytesOf(rest);
        if (capture.target.isEmpty() || capture.target.startsWith('?'))
            capture.target.prepend('/');
    }
    if (!m_entry.fromHookbench) {
        if (capture.method.isEmpty() || !std::all_of(capture.method.cbegin(), capture.method.cend(), isTokenByte))
            return error(HarErrorCode::NotHttp, u"request.method"_s,
                         u"not an HTTP method (\"" + QString::fromUtf8(capture.method.left(40)) + u"\")");
    }

    std::optional<std::string_view> started;
    if (auto e = optionalString(root, "startedDateTime", u"startedDateTime"_s, started); !e)
        return e;
    std::optional<double> time;
    if (auto e = optionalNumber(root, "time", u"time"_s, time); !e)
        return e;
    if (started) {
        const QDateTime when = parseDate(*started);
        if (!when.isValid())
            return error(HarErrorCode::InvalidValue, u"startedDateTime"_s,
                         u"not an ISO 8601 date (\"" + textOf(started->substr(0, 40)) + u"\")");
        if (extra < 0 || m_json.member(extra, "receivedAt") < 0)
            capture.receivedAt = when;
        if (extra < 0 || m_json.member(extra, "completedAt") < 0) {
            // A day at most: a longer "time" is not a request's duration, and dates must stay in 0001..9999.
            capture.completedAt = when.addMSecs(time && *time > 0 ? toInteger(*time, 0, 86400000) : 0);
            if (capture.completedAt.date().year() > 9999)
                capture.completedAt = when;
        }
    }

    if (m_headIsCanonical)
        capture.rawHead = HarFormat::canonicalHead(capture);

    qint32 response = -1;
    if (auto e = optionalObject(root, "response", u"response"_s, response); !e)
        return e;
    if (response >= 0 && (extra < 0 || m_json.member(extra, "responseStatus") < 0)) {
        std::optional<double> status;
        if (auto e = optionalNumber(response, "status", u"response.status"_s, status); !e)
            return e;
        capture.responseStatus = status ? int(toInteger(*status, 0, 999)) : 0;
    }
    return {};
}

} // namespace

const char* harJsonTypeName(HarJsonParser::Type type)
{
    return typeName(type);
}

HarExpected<HarEntry> convertHarEntry(const HarJsonParser& json, int index, qint32 root)
{
    HarEntry entry;
    entry.index = index;
    if (const HarExpected<void> converted = EntryConverter(json, index, entry).convert(root); !converted)
        return converted.error();
    return entry;
}

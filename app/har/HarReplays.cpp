// SPDX-License-Identifier: MIT
#include "har/HarReplays.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <optional>

#include "core/Utf8.h"
#include "har/HarFormat.h"
#include "har/HarJsonParser.h"

using Type = HarJsonParser::Type;

namespace {

bool isText(const QByteArray& bytes)
{
    return !bytes.contains('\0') && Utf8::isValid(bytes);
}

// Reads the members of one attempt object, in order. The first bad member is kept as the failure, with its
// field ("_hookbench.replays[1].status"), and later reads do nothing, as with a QDataStream's status. An absent
// member reads as nothing.
class AttemptReader final
{
public:
    AttemptReader(const HarJsonParser& json, qint32 object, QString field, int entryIndex)
        : m_json(json)
        , m_object(object)
        , m_field(std::move(field))
        , m_entryIndex(entryIndex)
    { }

    const std::optional<HarError>& failure() const { return m_failure; }

    void text(const char* name, QString& out)
    {
        const qint32 node = member(name, Type::String, QT_TRANSLATE_NOOP("HarReplays", "a string"));
        if (node < 0)
            return;
        const std::string_view value = m_json.string(m_json.node(node));
        out = QString::fromUtf8(value.data(), qsizetype(value.size()));
    }
    void bytes(const char* name, QByteArray& out)
    {
        QString value;
        text(name, value);
        if (!m_failure)
            out = value.toUtf8();
    }
    void base64(const char* name, QByteArray& out)
    {
        QString value;
        text(name, value);
        if (m_failure || value.isEmpty())
            return;
        auto decoded = QByteArray::fromBase64Encoding(value.toLatin1(), QByteArray::AbortOnBase64DecodingErrors);
        if (!decoded)
            return fail(invalid(name, QCoreApplication::translate("HarReplays", "invalid base64")));
        out = decoded.decoded;
    }
    void integer(const char* name, qint64& out, qint64 low, qint64 high)
    {
        const qint32 node = member(name, Type::Number, QT_TRANSLATE_NOOP("HarReplays", "a number"));
        if (node < 0)
            return;
        const double value = m_json.node(node).number;
        if (!(value >= double(low) && value <= double(high)))
            return fail(invalid(name, QCoreApplication::translate("HarReplays", "out of range")));
        out = qint64(value);
    }
    void boolean(const char* name, bool& out)
    {
        const qint32 node = member(name, Type::Bool, QT_TRANSLATE_NOOP("HarReplays", "true or false"));
        if (node >= 0)
            out = m_json.node(node).boolean;
    }
    void headers(const char* name, HttpHeaders& out)
    {
        const qint32 node = member(name, Type::Array, QT_TRANSLATE_NOOP("HarReplays", "a list"));
        if (node < 0)
            return;
        int index = 0;
        for (qint32 item = m_json.node(node).firstChild; item >= 0; item = m_json.node(item).nextSibling, ++index) {
            AttemptReader header(m_json, item,
                                 m_field + u'.' + QLatin1String(name) + u'[' + QString::number(index) + u']',
                                 m_entryIndex);
            if (m_json.node(item).type != Type::Object)
                return fail(HarError {HarErrorCode::InvalidValue,
                                      QCoreApplication::translate("HarReplays", "expected an object"), m_entryIndex,
                                      header.m_field});
            QByteArray headerName;
            QByteArray headerValue;
            header.bytes("name", headerName);
            header.bytes("value", headerValue);
            if (header.m_failure)
                return fail(*header.m_failure);
            out.append({headerName, headerValue});
        }
    }

private:
    // The member's node; -1 when it is absent, when it is not of `type` (described as `expected`: the failure),
    // or after a failure.
    qint32 member(const char* name, Type type, const char* expected)
    {
        if (m_failure)
            return -1;
        const qint32 node = m_json.member(m_object, name);
        if (node >= 0 && m_json.node(node).type != type) {
            fail(wrong(name, expected));
            return -1;
        }
        return node;
    }
    void fail(HarError error)
    {
        if (!m_failure)
            m_failure = std::move(error);
    }
    HarError invalid(const char* name, const QString& message) const
    {
        return HarError {HarErrorCode::InvalidValue, message, m_entryIndex, m_field + u'.' + QLatin1String(name)};
    }
    HarError wrong(const char* name, const char* expected) const
    {
        return invalid(name,
                       QCoreApplication::translate("HarReplays", "expected %1")
                           .arg(QCoreApplication::translate("HarReplays", expected)));
    }

    const HarJsonParser& m_json;
    qint32 m_object;
    QString m_field;
    int m_entryIndex;
    std::optional<HarError> m_failure;
};

} // namespace

QByteArray HarReplays::toJson(const QList<ReplayAttempt>& attempts)
{
    QJsonArray array;
    for (const ReplayAttempt& attempt : attempts) {
        QJsonObject object {
            {QStringLiteral("startedAt"), QString::fromLatin1(HarFormat::isoDate(attempt.startedAt))},
            {QStringLiteral("target"), attempt.targetUrl},
            {QStringLiteral("method"), QString::fromUtf8(attempt.method)},
            {QStringLiteral("forwarded"), attempt.forwarded},
            {QStringLiteral("status"), attempt.status},
            {QStringLiteral("statusText"), QString::fromUtf8(attempt.reason)},
            {QStringLiteral("bodyBytes"), double(attempt.responseBodyBytes)},
            {QStringLiteral("durationMs"), double(attempt.durationMs)},
            {QStringLiteral("error"), ReplayErrors::name(attempt.errorKind)},
        };
        if (!attempt.resignedScheme.isEmpty())
            object.insert(QStringLiteral("resignedScheme"), attempt.resignedScheme);
        if (!attempt.errorMessage.isEmpty())
            object.insert(QStringLiteral("errorMessage"), attempt.errorMessage);
        QJsonArray headers;
        for (const HttpHeader& header : attempt.responseHeaders)
            headers.append(QJsonObject {{QStringLiteral("name"), QString::fromUtf8(header.first)},
                                        {QStringLiteral("value"), QString::fromUtf8(header.second)}});
        object.insert(QStringLiteral("headers"), headers);
        if (isText(attempt.responseBody))
            object.insert(QStringLiteral("body"), QString::fromUtf8(attempt.responseBody));
        else
            object.insert(QStringLiteral("bodyBase64"), QString::fromLatin1(attempt.responseBody.toBase64()));
        array.append(object);
    }
    return QJsonDocument(array).toJson(QJsonDocument::Compact);
}

HarExpected<QList<ReplayAttempt>> HarReplays::read(const HarJsonParser& json, qint32 array, int entryIndex)
{
    const QString field = QStringLiteral("_hookbench.replays");
    if (json.node(array).type != Type::Array)
        return HarError {HarErrorCode::WrongType, QCoreApplication::translate("HarReplays", "expected a list"),
                         entryIndex, field};
    QList<ReplayAttempt> attempts;
    int index = 0;
    for (qint32 item = json.node(array).firstChild; item >= 0; item = json.node(item).nextSibling, ++index) {
        const QString itemField = field + u'[' + QString::number(index) + u']';
        if (json.node(item).type != Type::Object)
            return HarError {HarErrorCode::WrongType, QCoreApplication::translate("HarReplays", "expected an object"),
                             entryIndex, itemField};
        AttemptReader reader(json, item, itemField, entryIndex);
        ReplayAttempt attempt;
        QString startedAt;
        QString error;
        qint64 status = 0;
        reader.text("startedAt", startedAt);
        reader.text("target", attempt.targetUrl);
        reader.bytes("method", attempt.method);
        reader.boolean("forwarded", attempt.forwarded);
        reader.text("resignedScheme", attempt.resignedScheme);
        reader.integer("status", status, 0, 999);
        reader.bytes("statusText", attempt.reason);
        reader.headers("headers", attempt.responseHeaders);
        reader.bytes("body", attempt.responseBody);
        reader.base64("bodyBase64", attempt.responseBody);
        reader.integer("bodyBytes", attempt.responseBodyBytes, 0, qint64(1) << 53);
        reader.integer("durationMs", attempt.durationMs, 0, qint64(1) << 53);
        reader.text("error", error);
        reader.text("errorMessage", attempt.errorMessage);
        if (reader.failure())
            return *reader.failure();
        attempt.status = int(status);
        attempt.startedAt = HarFormat::parseIsoDate(startedAt.toUtf8());
        attempt.errorKind = error.isEmpty() ? ReplayErrorKind::None : ReplayErrors::fromName(error);
        attempt.responseBodyBytes = qMax(attempt.responseBodyBytes, qint64(attempt.responseBody.size()));
        attempts.append(attempt);
    }
    return attempts;
}

// SPDX-License-Identifier: MIT
#include "http/ResponseRules.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <algorithm>

#include "core/HttpStatus.h"
#include "payload/PayloadReader.h"

namespace {

// A delivery's identity for the retry counters: its Firm App docIds in any order (the payload model reads
// them), so a redelivery of the same events counts as the same delivery.
QString deliveryKey(const QByteArray& body)
{
    QStringList ids = PayloadReader::docIds(body);
    std::sort(ids.begin(), ids.end());
    return ids.join(QLatin1Char(','));
}

QJsonArray headersToJson(const HttpHeaders& headers)
{
    QJsonArray array;
    for (const HttpHeader& header : headers)
        array.append(QJsonArray {QString::fromUtf8(header.first), QString::fromUtf8(header.second)});
    return array;
}

QJsonObject ruleToJson(const ResponseRule& rule, bool withMatch)
{
    QJsonObject object;
    if (withMatch) {
        if (!rule.method.isEmpty())
            object.insert(QLatin1String("method"), QString::fromLatin1(rule.method));
        object.insert(QLatin1String("path"), rule.path);
    }
    object.insert(QLatin1String("status"), rule.status);
    if (!rule.headers.isEmpty())
        object.insert(QLatin1String("headers"), headersToJson(rule.headers));
    object.insert(QLatin1String("body"), QString::fromUtf8(rule.body));
    if (rule.delayMs > 0)
        object.insert(QLatin1String("delayMs"), rule.delayMs);
    if (rule.failFirst > 0)
        object.insert(QLatin1String("failFirst"), rule.failFirst);
    if (rule.failEvery > 0)
        object.insert(QLatin1String("failEvery"), rule.failEvery);
    if (rule.fails())
        object.insert(QLatin1String("failStatus"), rule.failStatus);
    if (rule.retryAfterSeconds >= 0)
        object.insert(QLatin1String("retryAfter"), rule.retryAfterSeconds);
    if (rule.closeWithoutAnswer)
        object.insert(QLatin1String("close"), true);
    return object;
}

// Leaves out as it is when the key is absent.
Expected<void> readInt(const QJsonObject& object, const char* key, int minimum, int maximum, int* out,
                       const QString& where)
{
    const QJsonValue value = object.value(QLatin1String(key));
    if (value.isUndefined())
        return {};
    if (!value.isDouble() || value.toDouble() != double(value.toInt()) || value.toInt() < minimum
        || value.toInt() > maximum) {
        return Error {Error::Code::InvalidInput,
                      QCoreApplication::translate("ResponseRules", "%1.%2: expected a whole number from %3 to %4")
                          .arg(where, QLatin1String(key))
                          .arg(minimum)
                          .arg(maximum)};
    }
    *out = value.toInt();
    return {};
}

Expected<ResponseRule> ruleFromJson(const QJsonValue& value, const QString& where)
{
    if (!value.isObject())
        return Error {Error::Code::InvalidInput,
                      QCoreApplication::translate("ResponseRules", "%1: expected an object").arg(where)};
    const QJsonObject object = value.toObject();
    // A value of the wrong type is an error, not a default: a path of 5 must not match every request.
    const auto wrongType = [&](const char* key, const char* expected) {
        return Error {Error::Code::InvalidInput,
                      QCoreApplication::translate("ResponseRules", "%1.%2: expected %3")
                          .arg(where, QLatin1String(key), QLatin1String(expected))};
    };
    const auto notHeaderPairs = [&] {
        return Error {
            Error::Code::InvalidInput,
            QCoreApplication::translate("ResponseRules", "%1.headers: expected [[name, value], ...]").arg(where)};
    };
    ResponseRule rule;
    const QJsonValue method = object.value(QLatin1String("method"));
    if (!method.isUndefined() && !method.isString())
        return wrongType("method", "a string");
    if (method.isString())
        rule.method = method.toString().toUpper().toLatin1();
    const QJsonValue path = object.value(QLatin1String("path"));
    if (!path.isUndefined() && !path.isString())
        return wrongType("path", "a string");
    if (path.isString())
        rule.path = path.toString();
    const QJsonValue body = object.value(QLatin1String("body"));
    if (!body.isUndefined() && !body.isString() && !body.isObject() && !body.isArray())
        return wrongType("body", "a string, an object or an array");
    // A JSON body may be given as a value; it is sent compact.
    rule.body = body.isString() ? body.toString().toUtf8()
        : body.isObject()       ? QJsonDocument(body.toObject()).toJson(QJsonDocument::Compact)
        : body.isArray()        ? QJsonDocument(body.toArray()).toJson(QJsonDocument::Compact)
                                : QByteArray();
    const QJsonValue close = object.value(QLatin1String("close"));
    if (!close.isUndefined() && !close.isBool())
        return wrongType("close", "true or false");
    const QJsonValue headers = object.value(QLatin1String("headers"));
    if (headers.isArray()) {
        for (const QJsonValue& pair : headers.toArray()) {
            const QJsonArray nameValue = pair.toArray();
            if (nameValue.size() != 2 || !nameValue.at(0).isString() || !nameValue.at(1).isString())
                return notHeaderPairs();
            rule.headers.append({nameValue.at(0).toString().toUtf8(), nameValue.at(1).toString().toUtf8()});
        }
    } else if (headers.isObject()) {
        const QJsonObject map = headers.toObject();
        for (auto it = map.begin(); it != map.end(); ++it) {
            if (!it.value().isString())
                return wrongType("headers", "[[name, value], ...]");
            rule.headers.append({it.key().toUtf8(), it.value().toString().toUtf8()});
        }
    } else if (!headers.isUndefined()) {
        return notHeaderPairs();
    }
    struct WholeNumber
    {
        const char* key;
        int minimum;
        int maximum;
        int* out;
    };
    const WholeNumber numbers[] = {
        {"status", 100, 599, &rule.status},         {"delayMs", 0, 600000, &rule.delayMs},
        {"failFirst", 0, 1000000, &rule.failFirst}, {"failEvery", 0, 1000000, &rule.failEvery},
        {"failStatus", 100, 599, &rule.failStatus}, {"retryAfter", 0, 86400, &rule.retryAfterSeconds},
    };
    for (const WholeNumber& number : numbers) {
        const Expected<void> read = readInt(object, number.key, number.minimum, number.maximum, number.out, where);
        if (!read)
            return read.error();
    }
    rule.closeWithoutAnswer = close.toBool();
    return rule;
}

} // namespace

bool ResponseRule::matches(const Capture& capture) const
{
    if (!method.isEmpty() && method != "*" && method.compare(capture.method, Qt::CaseInsensitive) != 0)
        return false;
    if (path.isEmpty() || path == QLatin1String("*"))
        return true;
    const QRegularExpression pattern(
        QRegularExpression::wildcardToRegularExpression(path, QRegularExpression::UnanchoredWildcardConversion));
    const QString candidate = QString::fromUtf8(capture.path());
    const QRegularExpressionMatch match
        = pattern.match(candidate, 0, QRegularExpression::NormalMatch, QRegularExpression::AnchorAtOffsetMatchOption);
    return match.hasMatch() && match.capturedLength() == candidate.size();
}

std::pair<HttpHeaders, QByteArray> ResponsePlan::answer(qint64 captureId) const
{
    // 1xx, 204 and 304 responses never have content (RFC 9110 sections 6.4.1 and 8.6).
    const bool noContent = status < 200 || status == 204 || status == 304;
    QByteArray payload = noContent ? QByteArray() : body;
    payload.replace("{id}", QByteArray::number(captureId));
    HttpHeaders sent;
    sent.reserve(headers.size() + 3);
    bool hasType = false;
    for (const HttpHeader& header : headers) {
        // Framing is Hookbench's job: a rule cannot make the response unreadable.
        if (header.first.compare("content-length", Qt::CaseInsensitive) == 0
            || header.first.compare("transfer-encoding", Qt::CaseInsensitive) == 0
            || header.first.compare("connection", Qt::CaseInsensitive) == 0)
            continue;
        hasType = hasType || header.first.compare("content-type", Qt::CaseInsensitive) == 0;
        sent.append(header);
    }
    if (!hasType && !payload.isEmpty())
        sent.append(HttpHeader {"Content-Type", "application/json"});
    if (!noContent)
        sent.append(HttpHeader {"Content-Length", QByteArray::number(payload.size())});
    if (closeAfter)
        sent.append(HttpHeader {"Connection", "close"});
    else if (announceKeepAlive)
        sent.append(HttpHeader {"Connection", "keep-alive"});
    if (headOnly)
        payload.clear();
    return {sent, payload};
}

QByteArray ResponsePlan::serialize(qint64 captureId) const
{
    const auto [sent, payload] = answer(captureId);
    QByteArray out;
    out.reserve(128 + payload.size());
    out += "HTTP/1.1 " + QByteArray::number(status) + ' ' + reasonPhrase(status) + "\r\n";
    for (const HttpHeader& header : sent)
        out += header.first + ": " + header.second + "\r\n";
    out += "\r\n";
    out += payload;
    return out;
}

ResponsePlan ResponsePlan::error(int status, const QString& message)
{
    ResponsePlan plan;
    plan.status = status;
    QJsonObject object {{QLatin1String("error"), message}};
    plan.body = QJsonDocument(object).toJson(QJsonDocument::Compact);
    plan.closeAfter = true;
    return plan;
}

ResponseRules::ResponseRules()
{
    defaultRule.body = R"({"received":true,"id":{id}})";
}

Expected<ResponseRules> ResponseRules::fromJson(const QByteArray& json)
{
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(json, &parseError);
    if (parseError.error != QJsonParseError::NoError)
        return Error {Error::Code::InvalidInput,
                      QCoreApplication::translate("ResponseRules", "not JSON at byte %1: %2")
                          .arg(parseError.offset)
                          .arg(parseError.errorString())};
    if (!document.isObject())
        return Error {
            Error::Code::InvalidInput,
            QCoreApplication::translate("ResponseRules", "expected an object with \"default\" and \"rules\"")};
    const QJsonObject root = document.object();
    ResponseRules result;
    if (root.contains(QLatin1String("default"))) {
        const Expected<ResponseRule> rule
            = ruleFromJson(root.value(QLatin1String("default")), QStringLiteral("default"));
        if (!rule)
            return rule.error();
        result.defaultRule = *rule;
    }
    const QJsonValue rules = root.value(QLatin1String("rules"));
    if (!rules.isUndefined() && !rules.isArray())
        return Error {Error::Code::InvalidInput,
                      QCoreApplication::translate("ResponseRules", "rules: expected an array")};
    const QJsonArray array = rules.toArray();
    for (qsizetype i = 0; i < array.size(); ++i) {
        const Expected<ResponseRule> rule = ruleFromJson(array.at(i), QStringLiteral("rules[%1]").arg(i));
        if (!rule)
            return rule.error();
        result.rules.append(*rule);
    }
    return result;
}

QByteArray ResponseRules::toJson() const
{
    QJsonArray array;
    for (const ResponseRule& rule : rules)
        array.append(ruleToJson(rule, true));
    QJsonObject root {{QLatin1String("default"), ruleToJson(defaultRule, false)}, {QLatin1String("rules"), array}};
    return QJsonDocument(root).toJson(QJsonDocument::Indented);
}

int ResponseRules::countDelivery(const QString& key)
{
    auto it = m_deliveries.find(key);
    if (it == m_deliveries.end()) {
        if (m_deliveries.size() >= maxCounters) {
            auto oldest = m_deliveries.begin();
            for (auto c = m_deliveries.begin(); c != m_deliveries.end(); ++c) {
                if (c->lastUse < oldest->lastUse)
                    oldest = c;
            }
            m_deliveries.erase(oldest);
        }
        it = m_deliveries.insert(key, Counter {});
    }
    it->lastUse = ++m_uses;
    return ++it->deliveries;
}

ResponsePlan ResponseRules::plan(const Capture& capture)
{
    qsizetype index = 0;
    while (index < rules.size() && !rules.at(index).matches(capture))
        ++index;
    const ResponseRule& rule = index < rules.size() ? rules.at(index) : defaultRule;

    ResponsePlan plan;
    plan.delayMs = rule.delayMs;
    if (rule.closeWithoutAnswer) {
        plan.noAnswer = true;
        plan.status = 0;
        return plan;
    }
    bool fail = false;
    if (rule.fails()) {
        const QString key = QString::number(index) + QLatin1Char('\n') + QString::fromUtf8(capture.path())
            + QLatin1Char('\n') + deliveryKey(capture.body);
        const int delivery = countDelivery(key);
        const bool counted = rule.failFirst > 0 || rule.failEvery > 0;
        fail = !counted || (rule.failFirst > 0 && delivery <= rule.failFirst)
            || (rule.failEvery > 0 && delivery % rule.failEvery == 0);
    }
    if (!fail) {
        plan.status = rule.status;
        plan.headers = rule.headers;
        plan.body = rule.body;
        return plan;
    }
    if (rule.retryAfterSeconds >= 0) {
        plan.status = 429;
        plan.headers.append({"Retry-After", QByteArray::number(rule.retryAfterSeconds)});
    } else {
        plan.status = rule.failStatus;
    }
    plan.body = R"({"error":"failure simulated by a Hookbench response rule","id":{id}})";
    return plan;
}

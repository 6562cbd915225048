// SPDX-License-Identifier: MIT
#pragma once

#include <QHash>
#include <QList>
#include <QString>
#include <optional>
#include <utility>

#include "core/Capture.h"
#include "core/Expected.h"

// One way of answering, chosen by method and path pattern. Plain data: it round-trips through JSON.
struct ResponseRule
{
    QByteArray method; // empty: any method
    QString path = QStringLiteral("*"); // wildcard pattern over the path (no query): * and ?
    int status = 200;
    HttpHeaders headers;
    QByteArray body; // "{id}" is replaced by the capture id
    int delayMs = 0;
    int failFirst = 0; // fail the first N deliveries (per path, and per Firm App docId)
    int failEvery = 0; // fail every Nth delivery
    int failStatus = 500;
    int retryAfterSeconds = -1; // >= 0: failures answer 429 with this Retry-After
    bool closeWithoutAnswer = false;

    bool matches(const Capture& capture) const;
    bool fails() const { return failFirst > 0 || failEvery > 0 || retryAfterSeconds >= 0; }
};

// What to send for one request.
struct ResponsePlan
{
    int status = 200;
    HttpHeaders headers;
    QByteArray body;
    int delayMs = 0;
    bool closeAfter = false;
    bool noAnswer = false; // close the connection without answering
    bool headOnly = false; // answering HEAD: the headers a GET would get, no content (RFC 9110 section 9.3.2)
    bool announceKeepAlive = false; // an HTTP/1.0 client keeps the connection only when told so

    // The header lines and the content sent for the capture with this id: the body's "{id}" becomes the id,
    // framing (Content-Length, Connection) is Hookbench's own.
    std::pair<HttpHeaders, QByteArray> answer(qint64 captureId) const;
    // The whole response in one buffer, as answer() describes it.
    QByteArray serialize(qint64 captureId) const;
    static ResponsePlan error(int status, const QString& message);
};

// The endpoint's response rules: the first rule that matches answers, else the default.
// Keeps delivery counters for the fail-first / fail-every rules.
class ResponseRules final
{
public:
    ResponseRules();

    // The rules in a file or setting; InvalidInput, naming the field, when any of it cannot be used.
    static Expected<ResponseRules> fromJson(const QByteArray& json);
    QByteArray toJson() const;

    ResponsePlan plan(const Capture& capture);

    ResponseRule defaultRule;
    QList<ResponseRule> rules;

    // Delivery counters kept at most; past it the least recently used one is forgotten (that path
    // counts from its first delivery again), so distinct paths cannot grow memory without end.
    static constexpr qsizetype maxCounters = 4096;
    qsizetype counterCount() const { return m_deliveries.size(); }

private:
    struct Counter
    {
        int deliveries = 0;
        quint64 lastUse = 0;
    };
    QHash<QString, Counter> m_deliveries; // "<rule index>\n<path>\n<docIds>" -> deliveries seen
    quint64 m_uses = 0;
    int countDelivery(const QString& key);
};

// SPDX-License-Identifier: MIT
// Six captures that between them give every filter key something to find, with their signature states, and the
// clock the filter tests evaluate against. Shared by the evaluator and the store-backed engine tests.
#pragma once

#include <QHash>
#include <QList>
#include <QTimeZone>

#include "core/Capture.h"
#include "filter/FilterSignature.h"

namespace FilterFixtures {

inline QDateTime utc(int year, int month, int day, int hour, int minute, int second = 0, int ms = 0)
{
    return QDateTime(QDate(year, month, day), QTime(hour, minute, second, ms), QTimeZone::utc());
}

// "Now" for relative times: 2024-11-10 12:30 UTC.
inline QDateTime now()
{
    return utc(2024, 11, 10, 12, 30);
}

// The Firm App webhook page's sample shape: two events, a user updated and an invoice deleted.
inline QByteArray firmTwoEvents()
{
    return R"({"payload":{"date":"2024-11-08T21:49:46.733Z","events":[)"
           R"({"action":"update","schema":"user","docId":"ussampleuser1id","diff":{"name":"Sam Smith"}},)"
           R"({"action":"delete","schema":"invoice","docId":"inv9"}]},)"
           R"("signature":"1821e17f3bb302b589c5a3a04e91766642e90713d99aa83cf047425f15e45d69"})";
}

inline Capture capture(qint64 id, QByteArray method, QByteArray target, int status, HttpHeaders headers,
                       QByteArray body, QDateTime receivedAt, QString peer)
{
    Capture c;
    c.id = id;
    c.method = std::move(method);
    c.target = std::move(target);
    c.httpVersion = "HTTP/1.1";
    c.headers = std::move(headers);
    c.body = std::move(body);
    c.rawHead = c.method + ' ' + c.target + " HTTP/1.1\r\n\r\n";
    c.receivedAt = receivedAt;
    c.completedAt = receivedAt;
    c.peerAddress = std::move(peer);
    c.peerPort = 50000;
    c.responseStatus = status;
    return c;
}

// Ids 1..6 in this order.
inline QList<Capture> captures()
{
    QByteArray large(20480, 'x');
    large.replace(10000, 6, "needle");
    return {
        capture(1, "POST", "/hooks/firm?n=1", 200, {{"Content-Type", "application/json"}}, firmTwoEvents(),
                utc(2024, 11, 8, 21, 49, 46, 733), QStringLiteral("127.0.0.1")),
        capture(
            2, "POST", "/hooks/github", 404,
            {{"Content-Type", "application/json"}, {"X-GitHub-Event", "push"}, {"X-Hub-Signature-256", "sha256=00"}},
            R"({"zen":"Hello there"})", utc(2024, 11, 9, 8, 0), QStringLiteral("10.0.0.5")),
        capture(3, "GET", "/health?x=1", 0, {{"Host", "127.0.0.1:8787"}}, {}, utc(2024, 11, 10, 0, 30),
                QStringLiteral("::1")),
        capture(4, "PUT", "/stripe", 500, {{"Stripe-Signature", ""}, {"Content-Type", "text/plain"}}, large,
                utc(2024, 11, 10, 12, 0), QStringLiteral("10.0.0.6")),
        capture(5, "POST", "/hooks/firm", 201, {{"Content-Type", "application/json"}},
                R"({"payload":{"events":[{"action":"create","schema":"user","docId":"ussampleuser2id"}]}})",
                utc(2024, 11, 10, 12, 29), QStringLiteral("127.0.0.1")),
        capture(6, "DELETE", "/hooks/été", 302, {{"X-Signature", "abc"}, {"X-Signature", "def"}}, "{}",
                utc(2024, 11, 10, 12, 10), QStringLiteral("127.0.0.2")),
    };
}

// Capture 5 has not been checked yet.
inline QHash<qint64, FilterSignature> signatures()
{
    return {
        {1, {FilterSignatureState::Valid, SignatureScheme::FirmApp}},
        {2, {FilterSignatureState::Invalid, SignatureScheme::GitHub}},
        {3, {FilterSignatureState::None, SignatureScheme::None}},
        {4, {FilterSignatureState::Missing, SignatureScheme::Stripe}},
        {6, {FilterSignatureState::Valid, SignatureScheme::Generic}},
    };
}

} // namespace FilterFixtures

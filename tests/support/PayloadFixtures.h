// SPDX-License-Identifier: MIT
// Firm App deliveries for the payload tests, in the shape of the Firm App's webhook page:
// {"payload": {"date", "events": [{action, schema, docId, docUpdatedDate, diff}]}, "signature"}.
#pragma once

#include <QByteArray>
#include <QDateTime>
#include <QList>
#include <QString>

#include "core/Capture.h"
#include "payload/EventChanges.h"

namespace fixtures {

// One event; an empty diff leaves the member out.
inline QByteArray firmEvent(const QByteArray& action, const QByteArray& schema, const QByteArray& docId,
                            const QByteArray& date, const QByteArray& diff = {})
{
    QByteArray out = R"({"action":")" + action + R"(","schema":")" + schema + R"(","docId":")" + docId
        + R"(","docUpdatedDate":")" + date + '"';
    if (!diff.isEmpty())
        out += R"(,"diff":)" + diff;
    return out + '}';
}

inline QByteArray body(const QList<QByteArray>& events, const QByteArray& date = "2024-11-08T21:49:46.733Z")
{
    QByteArray list;
    for (const QByteArray& e : events)
        list += (list.isEmpty() ? "" : ",") + e;
    return R"({"payload":{"date":")" + date + R"(","events":[)" + list
        + R"(]},"signature":"1821e17f3bb302b589c5a3a04e91766642e90713d99aa83cf047425f15e45d69"})";
}

inline Capture capture(qint64 id, const QByteArray& body)
{
    Capture capture;
    capture.id = id;
    capture.method = "POST";
    capture.target = "/hooks/firm";
    capture.httpVersion = "HTTP/1.1";
    capture.headers = {{"Content-Type", "application/json"}};
    capture.body = body;
    capture.receivedAt = QDateTime::fromMSecsSinceEpoch(1731102586733 + id * 1000, Qt::UTC);
    return capture;
}

// "name changed ? -> \"Sam\"": path, kind, before ("?" unknown, "-" absent) and after ("-" absent).
inline QString describe(const FieldChange& change)
{
    const QString before = !change.beforeKnown ? QStringLiteral("?")
        : change.before.isEmpty()              ? QStringLiteral("-")
                                               : QString::fromUtf8(change.before);
    const QString after = change.after.isEmpty() ? QStringLiteral("-") : QString::fromUtf8(change.after);
    return QStringLiteral("%1 %2 %3 -> %4").arg(change.path, changeKindName(change.kind), before, after);
}

inline QStringList describe(const QList<FieldChange>& changes)
{
    QStringList out;
    for (const FieldChange& change : changes)
        out.append(describe(change));
    return out;
}

} // namespace fixtures

// SPDX-License-Identifier: MIT
#pragma once

#include <QByteArray>
#include <QHash>
#include <QList>
#include <QString>
#include <vector>

#include "payload/EventIndex.h"
#include "payload/SchemaDrift.h"

// The inside of an EventIndex, shared by its building half (EventIndex.cpp) and its query half
// (EventIndexQueries.cpp). Events are stored once, in arrival order; everything else refers to them by
// position.
struct IndexedEvent
{
    qint64 order = 0; // docUpdatedDate in ms, else payload.date, else the arrival time
    quint32 capture = 0; // position in Data::captures
    quint32 document = 0; // position in Data::documents
    quint32 index = 0; // position in payload.events
    quint32 diffAt = 0; // the diff's compact JSON text in the capture's text block; empty when none
    quint32 diffSize = 0;
    quint32 dateAt = 0; // docUpdatedDate as sent, when it is not the canonical form of order
    quint16 dateSize = 0;
    EventAction action = EventAction::Other;
    DeliveryFlags flags;
    bool dateKnown = false; // docUpdatedDate was readable (order is that date)
    bool dateCanonical = false; // docUpdatedDate reads back from order ("2024-11-08T21:49:46.733Z")
};

// Per capture, one block holds the texts its events keep, so an event costs no allocation of its own.
struct IndexedCapture
{
    qint64 id = 0;
    qint64 receivedMs = 0;
    quint32 firstEvent = 0;
    quint32 eventCount = 0;
    bool firmApp = false;
    QByteArray text;
    QList<PayloadProblem> problems;
};

struct IndexedDocument
{
    QString docId;
    quint32 schema = 0;
    std::vector<quint32> timeline; // event positions by (order, arrival)
    qint64 newest = PayloadEvent::noTime; // the latest docUpdatedDate seen
    bool created = false;
    bool deleted = false;
};

struct DocumentKey
{
    quint32 schema = 0;
    QString docId;

    bool operator==(const DocumentKey& other) const = default;
};

inline size_t qHash(const DocumentKey& key, size_t seed = 0)
{
    return qHashMulti(seed, key.schema, key.docId);
}

struct EventIndex::Data
{
    std::vector<IndexedEvent> events;
    std::vector<IndexedCapture> captures;
    QHash<qint64, quint32> captureById;
    std::vector<IndexedDocument> documents;
    QHash<DocumentKey, quint32> documentByKey;
    std::vector<SchemaDrift> schemas;
    QHash<QString, quint32> schemaByName;
    QHash<quint32, QString> otherActions; // event position -> the text of an action this version does not know

    // (order, arrival) ordering of two event positions, as in IndexedDocument::timeline.
    bool before(quint32 a, quint32 b) const
    {
        const qint64 x = events[a].order;
        const qint64 y = events[b].order;
        return x < y || (x == y && a < b);
    }
    EventInfo info(quint32 event) const;
    QByteArray diff(quint32 event) const { return diffView(event).toByteArray(); }
    QByteArrayView diffView(quint32 event) const
    {
        const IndexedEvent& e = events[event];
        return QByteArrayView(captures[e.capture].text).sliced(e.diffAt, e.diffSize);
    }
    QString date(quint32 event) const;
    // The same action, time, diff and date text.
    bool sameEvent(quint32 a, quint32 b) const;
    const IndexedCapture* capture(qint64 id) const;
    qsizetype timelinePosition(quint32 event) const;
};

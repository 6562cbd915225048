// SPDX-License-Identifier: MIT
#pragma once

#include <QByteArray>
#include <QHash>
#include <QList>
#include <QString>
#include <QStringList>
#include <functional>
#include <memory>
#include <vector>

#include "payload/DeliveryFlags.h"
#include "payload/EventChanges.h"
#include "payload/PayloadReader.h"

struct Capture;
class SchemaDrift;

// What one capture brings to the index. Reading it is the costly part (the body is parsed), so it can
// be done on any thread; EventIndex::add() then only merges.
struct CapturePayload
{
    qint64 captureId = 0;
    qint64 receivedMs = PayloadEvent::noTime;
    FirmPayload payload;

    static CapturePayload read(const Capture& capture);
};

// One event as the index knows it: no body, its diff as compact JSON text.
struct EventInfo
{
    qint64 captureId = 0;
    int index = 0; // position in payload.events
    EventAction action = EventAction::Other;
    QString actionText;
    QString schema;
    QString docId;
    QString docUpdatedDate;
    qint64 docUpdatedMs = PayloadEvent::noTime;
    QByteArray diff; // empty when the event carried none
    DeliveryFlags flags;

    QStringList fields() const; // the diff's top-level keys, in order
};

// For the window's table: "3 · user, invoice", and the flags of the capture's events together.
struct CaptureEventSummary
{
    bool firmApp = false;
    int eventCount = 0;
    QStringList schemas; // distinct, in order of first appearance
    DeliveryFlags flags;
    int problemCount = 0;

    QString text() const; // empty when the capture is not a Firm App delivery
};

// One step of a document's history: the event, what it changed and the known state after it.
struct TimelineEntry
{
    EventInfo event;
    QList<FieldChange> changes;
    QByteArray stateAfter; // the known fields as a compact JSON object ("{}" after a delete)
    bool deletedAfter = false;
};

struct DocumentTimeline
{
    QString schema;
    QString docId;
    QList<TimelineEntry> entries; // by docUpdatedDate, then arrival
};

// What the filter language asks: does a capture carry an event for this schema / docId / action? Empty
// members match anything; the action is "create", "update", "delete" or an unknown action's text.
struct EventMatch
{
    QString schema;
    QString docId;
    QString action;

    bool matches(const EventInfo& event) const;
};

// The session's documents, built from its captures' events as they arrive or are imported. Each arrival
// costs time in proportion to its own payload only (hash maps keyed by (schema, docId); a document's
// events are kept sorted by docUpdatedDate, then arrival). Bodies are not kept: an event keeps its diff
// as compact JSON text. Delivery flags are decided on arrival and never change afterwards, so an index
// built in one go (build()) equals one fed capture by capture in the same order.
//
// Threads: a plain value without thread affinity. Build it on a worker thread and move it to its owner;
// const methods may run on several threads at once as long as nothing calls add() meanwhile.
class EventIndex final
{
public:
    EventIndex();
    ~EventIndex();
    EventIndex(EventIndex&&) noexcept;
    EventIndex& operator=(EventIndex&&) noexcept;
    EventIndex(const EventIndex&) = delete;
    EventIndex& operator=(const EventIndex&) = delete;

    // Merges one capture. A capture id already in the index is left alone (returns false), so feeding
    // the same capture twice (arrival, then an import of the same file) changes nothing.
    bool add(CapturePayload&& capture);
    bool add(const Capture& capture);
    // An index over these captures in this order; stops early (returning what it has) when canceled()
    // answers true. Runs on the calling thread.
    static EventIndex build(const QList<Capture>& captures, const std::function<bool()>& canceled = {});
    void clear();

    qsizetype captureCount() const;
    qsizetype eventCount() const;
    qsizetype documentCount() const;
    QList<qint64> captureIds() const; // in arrival order
    bool contains(qint64 captureId) const;

    QList<EventInfo> events(qint64 captureId) const;
    QList<PayloadProblem> problems(qint64 captureId) const;
    CaptureEventSummary summary(qint64 captureId) const;
    bool matches(qint64 captureId, const EventMatch& match) const;

    // What the event at payload.events[index] of this capture changed (see EventChanges.h).
    QList<FieldChange> changes(qint64 captureId, int index) const;
    DocumentTimeline timeline(const QString& schema, const QString& docId) const;

    QStringList schemaNames() const; // in order of first appearance
    // Null when the schema was never seen; valid until the next add() or clear().
    const SchemaDrift* drift(const QString& schema) const;

    // Heap bytes held, roughly (for the benchmark's bytes-per-event figure).
    qsizetype approximateBytes() const;

    struct Data;

private:
    void addEvent(const PayloadEvent& event, const CapturePayload& capture);

    std::unique_ptr<Data> d;
};

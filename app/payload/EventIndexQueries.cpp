// SPDX-License-Identifier: MIT
// The read side of EventIndex: what a capture carries, what an event changed, a document's timeline.
#include <QSet>
#include <algorithm>

#include "payload/EventIndex.h"
#include "payload/EventIndexData.h"
#include "payload/JsonText.h"

QStringList EventInfo::fields() const
{
    QStringList keys;
    if (diff.isEmpty())
        return keys;
    const JsonDocument document = JsonText::read(diff).document;
    for (const JsonMember& member : JsonText::members(document.root()))
        keys.append(member.key);
    return keys;
}

QString CaptureEventSummary::text() const
{
    if (!firmApp)
        return {};
    QString out = QString::number(eventCount);
    if (!schemas.isEmpty())
        out += QStringLiteral(" \u00b7 ") + schemas.join(QStringLiteral(", "));
    return out;
}

bool EventMatch::matches(const EventInfo& event) const
{
    return (schema.isEmpty() || schema == event.schema) && (docId.isEmpty() || docId == event.docId)
        && (action.isEmpty() || action == event.actionText);
}

EventInfo EventIndex::Data::info(quint32 position) const
{
    const IndexedEvent& event = events[position];
    const IndexedDocument& document = documents[event.document];
    EventInfo out;
    out.captureId = captures[event.capture].id;
    out.index = int(event.index);
    out.action = event.action;
    out.actionText = event.action == EventAction::Other ? otherActions.value(position)
                                                        : QString(PayloadReader::actionName(event.action));
    out.schema = schemas[document.schema].name();
    out.docId = document.docId;
    out.docUpdatedDate = date(position);
    out.docUpdatedMs = event.dateKnown ? event.order : PayloadEvent::noTime;
    out.diff = diff(position);
    out.flags = event.flags;
    return out;
}

QString EventIndex::Data::date(quint32 position) const
{
    const IndexedEvent& event = events[position];
    if (event.dateCanonical)
        return PayloadReader::formatDate(event.order);
    return QString::fromUtf8(QByteArrayView(captures[event.capture].text).sliced(event.dateAt, event.dateSize));
}

bool EventIndex::Data::sameEvent(quint32 a, quint32 b) const
{
    const IndexedEvent& x = events[a];
    const IndexedEvent& y = events[b];
    if (x.action != y.action || x.order != y.order || x.dateKnown != y.dateKnown || diffView(a) != diffView(b))
        return false;
    if (x.action == EventAction::Other && otherActions.value(a) != otherActions.value(b))
        return false;
    return x.dateCanonical == y.dateCanonical ? x.dateCanonical || date(a) == date(b) : date(a) == date(b);
}

const IndexedCapture* EventIndex::Data::capture(qint64 id) const
{
    const auto it = captureById.constFind(id);
    return it == captureById.constEnd() ? nullptr : &captures[*it];
}

qsizetype EventIndex::Data::timelinePosition(quint32 event) const
{
    const std::vector<quint32>& line = documents[events[event].document].timeline;
    const auto it
        = std::lower_bound(line.cbegin(), line.cend(), event, [this](quint32 a, quint32 b) { return before(a, b); });
    return it != line.cend() && *it == event ? qsizetype(it - line.cbegin()) : -1;
}

QList<EventInfo> EventIndex::events(qint64 captureId) const
{
    QList<EventInfo> out;
    const IndexedCapture* capture = d->capture(captureId);
    if (!capture)
        return out;
    out.reserve(capture->eventCount);
    for (quint32 i = 0; i < capture->eventCount; ++i)
        out.append(d->info(capture->firstEvent + i));
    return out;
}

QList<PayloadProblem> EventIndex::problems(qint64 captureId) const
{
    const IndexedCapture* capture = d->capture(captureId);
    return capture ? capture->problems : QList<PayloadProblem>();
}

CaptureEventSummary EventIndex::summary(qint64 captureId) const
{
    CaptureEventSummary out;
    const IndexedCapture* capture = d->capture(captureId);
    if (!capture)
        return out;
    out.firmApp = capture->firmApp;
    out.eventCount = int(capture->eventCount);
    out.problemCount = int(capture->problems.size());
    QSet<quint32> seen;
    for (quint32 i = 0; i < capture->eventCount; ++i) {
        const IndexedEvent& event = d->events[capture->firstEvent + i];
        out.flags |= event.flags;
        const quint32 schema = d->documents[event.document].schema;
        if (!seen.contains(schema)) {
            seen.insert(schema);
            out.schemas.append(d->schemas[schema].name());
        }
    }
    return out;
}

bool EventIndex::matches(qint64 captureId, const EventMatch& match) const
{
    const IndexedCapture* capture = d->capture(captureId);
    if (!capture)
        return false;
    const auto schema = d->schemaByName.constFind(match.schema);
    if (!match.schema.isEmpty() && schema == d->schemaByName.constEnd())
        return false;
    for (quint32 i = 0; i < capture->eventCount; ++i) {
        const quint32 position = capture->firstEvent + i;
        const IndexedEvent& event = d->events[position];
        const IndexedDocument& document = d->documents[event.document];
        if (!match.schema.isEmpty() && document.schema != *schema)
            continue;
        if (!match.docId.isEmpty() && document.docId != match.docId)
            continue;
        if (!match.action.isEmpty()) {
            const QString action = event.action == EventAction::Other
                ? d->otherActions.value(position)
                : QString(PayloadReader::actionName(event.action));
            if (action != match.action)
                continue;
        }
        return true;
    }
    return false;
}

QList<FieldChange> EventIndex::changes(qint64 captureId, int index) const
{
    const IndexedCapture* capture = d->capture(captureId);
    if (!capture)
        return {};
    quint32 position = capture->firstEvent;
    const quint32 end = capture->firstEvent + capture->eventCount;
    while (position < end && d->events[position].index != quint32(index))
        ++position;
    if (position == end)
        return {};
    const IndexedEvent& event = d->events[position];
    const std::vector<quint32>& line = d->documents[event.document].timeline;
    const qsizetype at = d->timelinePosition(position);

    if (event.action == EventAction::Delete) {
        // The state the delete removes: from the last create or delete before it, forward.
        qsizetype start = at - 1;
        while (start >= 0 && d->events[line[size_t(start)]].action != EventAction::Create
               && d->events[line[size_t(start)]].action != EventAction::Delete)
            --start;
        DocumentState state;
        state.reset(start >= 0);
        for (qsizetype q = std::max<qsizetype>(start, 0); q < at; ++q) {
            const IndexedEvent& earlier = d->events[line[size_t(q)]];
            if (earlier.action != EventAction::Delete)
                state.apply(d->diff(line[size_t(q)]));
        }
        return EventChanges::forDelete(state);
    }

    // Each field's last known value: walk back until every field is answered or the document's start.
    QHash<QString, KnownValue> known;
    QSet<QString> open;
    if (event.action != EventAction::Create) {
        const JsonDocument diff = JsonText::read(d->diff(position)).document;
        for (const JsonMember& member : JsonText::members(diff.root()))
            open.insert(member.key);
    }
    // Fields nobody set since the nearest create or delete are known to be absent; with neither, unknown.
    bool startKnown = false;
    for (qsizetype q = at - 1; q >= 0 && !open.isEmpty(); --q) {
        const IndexedEvent& earlier = d->events[line[size_t(q)]];
        if (earlier.action == EventAction::Delete) {
            startKnown = true;
            break;
        }
        if (earlier.diffSize > 0) {
            // The members point into the document: it must outlive the loop.
            const JsonDocument diff = JsonText::read(d->diff(line[size_t(q)])).document;
            for (const JsonMember& member : JsonText::members(diff.root())) {
                if (!open.remove(member.key))
                    continue;
                known.insert(member.key,
                             member.value.type() == JsonType::Null
                                 ? KnownValue {KnownValue::State::Absent, {}}
                                 : KnownValue {KnownValue::State::Present, JsonText::compact(member.value.raw())});
            }
        }
        if (earlier.action == EventAction::Create) {
            startKnown = true;
            break;
        }
    }
    return EventChanges::forDiff(d->diff(position), event.action == EventAction::Create, [&](const QString& key) {
        const auto it = known.constFind(key);
        if (it != known.constEnd())
            return *it;
        return KnownValue {startKnown ? KnownValue::State::Absent : KnownValue::State::Unknown, {}};
    });
}

DocumentTimeline EventIndex::timeline(const QString& schema, const QString& docId) const
{
    DocumentTimeline out;
    out.schema = schema;
    out.docId = docId;
    const auto schemaIt = d->schemaByName.constFind(schema);
    if (schemaIt == d->schemaByName.constEnd())
        return out;
    const auto documentIt = d->documentByKey.constFind(DocumentKey {*schemaIt, docId});
    if (documentIt == d->documentByKey.constEnd())
        return out;
    const IndexedDocument& document = d->documents[*documentIt];
    out.entries.reserve(qsizetype(document.timeline.size()));
    DocumentState state;
    bool deleted = false;
    for (const quint32 position : document.timeline) {
        const IndexedEvent& event = d->events[position];
        TimelineEntry entry;
        entry.event = d->info(position);
        if (event.action == EventAction::Delete) {
            entry.changes = EventChanges::forDelete(state);
            state.reset(true);
            deleted = true;
        } else {
            const bool create = event.action == EventAction::Create;
            entry.changes = EventChanges::forDiff(entry.event.diff, create,
                                                  [&state](const QString& key) { return state.value(key); });
            if (create) {
                state.reset(true);
                deleted = false;
            }
            state.apply(entry.event.diff);
        }
        entry.stateAfter = state.toJson();
        entry.deletedAfter = deleted;
        out.entries.append(std::move(entry));
    }
    return out;
}

// SPDX-License-Identifier: MIT
#include "payload/EventIndex.h"

#include <algorithm>

#include "core/Capture.h"
#include "payload/EventIndexData.h"
#include "payload/JsonText.h"

CapturePayload CapturePayload::read(const Capture& capture)
{
    CapturePayload out;
    out.captureId = capture.id;
    out.receivedMs = capture.receivedAt.isValid() ? capture.receivedAt.toMSecsSinceEpoch() : PayloadEvent::noTime;
    out.payload = PayloadReader::read(capture.body);
    return out;
}

EventIndex::EventIndex()
    : d(std::make_unique<Data>())
{ }

EventIndex::~EventIndex() = default;
EventIndex::EventIndex(EventIndex&&) noexcept = default;
EventIndex& EventIndex::operator=(EventIndex&&) noexcept = default;

bool EventIndex::add(const Capture& capture)
{
    if (d->captureById.contains(capture.id))
        return false;
    return add(CapturePayload::read(capture));
}

bool EventIndex::add(CapturePayload&& capture)
{
    if (d->captureById.contains(capture.captureId))
        return false;
    const auto captureIndex = quint32(d->captures.size());
    d->captureById.insert(capture.captureId, captureIndex);
    d->captures.emplace_back();
    IndexedCapture& record = d->captures.back();
    record.id = capture.captureId;
    record.receivedMs = capture.receivedMs;
    record.firstEvent = quint32(d->events.size());
    record.firmApp = capture.payload.isFirmApp();
    if (record.firmApp)
        record.problems = std::move(capture.payload.problems);
    for (const PayloadEvent& event : capture.payload.events)
        addEvent(event, capture);
    record.eventCount = quint32(d->events.size()) - record.firstEvent;
    record.text.squeeze();
    return true;
}

void EventIndex::addEvent(const PayloadEvent& event, const CapturePayload& capture)
{
    const auto captureIndex = quint32(d->captures.size() - 1);
    IndexedCapture& record = d->captures.back();
    quint32 schema = d->schemaByName.value(event.schema, quint32(d->schemas.size()));
    if (schema == d->schemas.size()) {
        d->schemaByName.insert(event.schema, schema);
        d->schemas.emplace_back(event.schema);
    }
    const DocumentKey key {schema, event.docId};
    const quint32 documentIndex = d->documentByKey.value(key, quint32(d->documents.size()));
    if (documentIndex == d->documents.size()) {
        d->documentByKey.insert(key, documentIndex);
        IndexedDocument document;
        document.docId = event.docId;
        document.schema = schema;
        d->documents.push_back(std::move(document));
    }
    IndexedDocument& document = d->documents[documentIndex];

    const auto position = quint32(d->events.size());
    IndexedEvent& indexed = d->events.emplace_back();
    indexed.capture = captureIndex;
    indexed.document = documentIndex;
    indexed.index = quint32(event.index);
    indexed.action = event.action;
    indexed.dateKnown = event.docUpdatedMs != PayloadEvent::noTime;
    const bool sentDate = indexed.dateKnown || capture.payload.dateMs != PayloadEvent::noTime;
    indexed.order = indexed.dateKnown ? event.docUpdatedMs : sentDate ? capture.payload.dateMs : capture.receivedMs;
    indexed.diffAt = quint32(record.text.size());
    indexed.diffSize = quint32(event.diff.size());
    record.text += event.diff;
    // The usual form of a date is rebuilt from its time; only other spellings keep their text.
    indexed.dateCanonical = indexed.dateKnown && PayloadReader::formatDate(event.docUpdatedMs) == event.docUpdatedDate;
    if (!indexed.dateCanonical) {
        const QByteArray date = event.docUpdatedDate.toUtf8().left(0xFFFF);
        indexed.dateAt = quint32(record.text.size());
        indexed.dateSize = quint16(date.size());
        record.text += date;
    }
    if (event.action == EventAction::Other)
        d->otherActions.insert(position, event.actionText);

    // The same event again: with the sender's dates only events of the same time can be it; an arrival
    // time never repeats, so then the document's latest events are compared.
    const std::vector<quint32>& timeline = document.timeline;
    auto first = timeline.cend() - std::min<qsizetype>(64, qsizetype(timeline.size()));
    auto last = timeline.cend();
    if (sentDate) {
        first = std::lower_bound(timeline.cbegin(), timeline.cend(), indexed.order,
                                 [this](quint32 e, qint64 order) { return d->events[e].order < order; });
        last = std::upper_bound(first, timeline.cend(), indexed.order,
                                [this](qint64 order, quint32 e) { return order < d->events[e].order; });
    }
    for (auto it = first; it != last; ++it) {
        if (d->sameEvent(*it, position)) {
            indexed.flags |= DeliveryFlag::Duplicate;
            break;
        }
    }
    if (indexed.dateKnown && document.newest != PayloadEvent::noTime && indexed.order < document.newest)
        indexed.flags |= DeliveryFlag::OutOfOrder;
    if ((event.action == EventAction::Update || event.action == EventAction::Delete) && !document.created)
        indexed.flags |= DeliveryFlag::UnknownDocument;
    if (document.deleted)
        indexed.flags |= DeliveryFlag::AfterDelete;

    const JsonDocument diff = event.diff.isEmpty() ? JsonDocument() : JsonText::read(event.diff).document;
    const qint64 seen = capture.receivedMs != PayloadEvent::noTime ? capture.receivedMs : indexed.order;
    indexed.flags |= d->schemas[schema].observe(diff.root(), seen, capture.captureId);

    if (indexed.dateKnown)
        document.newest = std::max(document.newest, indexed.order);
    if (event.action == EventAction::Create) {
        document.created = true;
        document.deleted = false;
    } else if (event.action == EventAction::Delete) {
        document.deleted = true;
    }
    // In order (the usual case) this is an append; an older event is inserted where it belongs.
    std::vector<quint32>& line = document.timeline;
    if (line.empty() || !d->before(position, line.back()))
        line.push_back(position);
    else
        line.insert(std::upper_bound(line.begin(), line.end(), position,
                                     [this](quint32 a, quint32 b) { return d->before(a, b); }),
                    position);
}

EventIndex EventIndex::build(const QList<Capture>& captures, const std::function<bool()>& canceled)
{
    EventIndex index;
    index.d->captures.reserve(size_t(captures.size()));
    index.d->captureById.reserve(captures.size());
    for (qsizetype i = 0; i < captures.size(); ++i) {
        if (canceled && i % 256 == 0 && canceled())
            break;
        index.add(captures.at(i));
    }
    return index;
}

void EventIndex::clear()
{
    d = std::make_unique<Data>();
}

qsizetype EventIndex::captureCount() const
{
    return qsizetype(d->captures.size());
}

qsizetype EventIndex::eventCount() const
{
    return qsizetype(d->events.size());
}

qsizetype EventIndex::documentCount() const
{
    return qsizetype(d->documents.size());
}

QList<qint64> EventIndex::captureIds() const
{
    QList<qint64> ids;
    ids.reserve(qsizetype(d->captures.size()));
    for (const IndexedCapture& capture : d->captures)
        ids.append(capture.id);
    return ids;
}

bool EventIndex::contains(qint64 captureId) const
{
    return d->captureById.contains(captureId);
}

QStringList EventIndex::schemaNames() const
{
    QStringList names;
    for (const SchemaDrift& schema : d->schemas)
        names.append(schema.name());
    return names;
}

const SchemaDrift* EventIndex::drift(const QString& schema) const
{
    const auto it = d->schemaByName.constFind(schema);
    return it == d->schemaByName.constEnd() ? nullptr : &d->schemas[*it];
}

qsizetype EventIndex::approximateBytes() const
{
    // Qt's hash nodes cost about their key and value plus a span slot; 16 bytes is a fair estimate of that.
    qsizetype bytes = qsizetype(d->events.capacity() * sizeof(IndexedEvent));
    bytes += qsizetype(d->captures.capacity() * sizeof(IndexedCapture));
    for (const IndexedCapture& capture : d->captures)
        bytes += capture.text.capacity() + (capture.text.isEmpty() ? 0 : 32);
    bytes += d->captureById.size() * qsizetype(sizeof(qint64) + sizeof(quint32) + 16);
    bytes += qsizetype(d->documents.capacity() * sizeof(IndexedDocument));
    for (const IndexedDocument& document : d->documents)
        bytes += qsizetype(document.timeline.capacity() * sizeof(quint32)) + document.docId.capacity() * 2 + 16;
    bytes += d->documentByKey.size() * qsizetype(sizeof(DocumentKey) + sizeof(quint32) + 16);
    return bytes;
}

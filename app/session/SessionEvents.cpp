// SPDX-License-Identifier: MIT
// SessionController's Firm App events: the session's EventIndex, built off this thread when a session is
// shown and fed incrementally as captures arrive; the table's events column follows it.
#include <QElapsedTimer>
#include <QTimer>

#include "core/Logging.h"
#include "payload/EventIndex.h"
#include "session/CaptureTableModel.h"
#include "session/SessionController.h"
#include "session/TaskRunner.h"
#include "store/SessionStore.h"

namespace {

using Cells = QHash<qint64, CaptureTableModel::EventsCell>;

// Captures with the same events share one text.
void addCells(const EventIndex& index, const QList<qint64>& ids, Cells& cells)
{
    TextPool<QString> texts;
    for (const qint64 id : ids) {
        const CaptureEventSummary summary = index.summary(id);
        if (summary.firmApp)
            cells.insert(id, {summary.eventCount, texts.intern(summary.text()), summary.flags});
    }
}

} // namespace

const EventIndex* SessionController::eventIndex() const
{
    return m_events.get();
}

void SessionController::rebuildEvents()
{
    const quint64 generation = ++m_eventsGeneration;
    m_eventsBuilding = true;
    m_eventsPending.clear();
    m_eventsPendingBytes = 0;
    const QString path = m_config.storePath;
    const qint64 sessionId = m_sessionId;
    struct Built
    {
        EventIndex index;
        Cells cells;
    };
    auto built = std::make_shared<Built>();
    m_tasks->run(
        QString(),
        [path, sessionId, built](TaskControl& control) {
            SessionStore store;
            if (Expected<void> opened = store.open(path); !opened) {
                qCWarning(lcSession) << "the session's events could not be read:" << opened.error().message;
                return;
            }
            // One capture at a time: the index keeps no bodies, so memory stays flat in the session's size.
            const QList<qint64> ids = store.captureIds(sessionId);
            for (const qint64 id : ids) {
                if (control.isCanceled())
                    return;
                if (const std::optional<Capture> capture = store.capture(id))
                    built->index.add(CapturePayload::read(*capture));
            }
            addCells(built->index, built->index.captureIds(), built->cells);
        },
        [this, generation, built](bool canceled) {
            if (canceled || generation != m_eventsGeneration)
                return;
            auto index = std::make_unique<EventIndex>(std::move(built->index));
            std::swap(m_events, index);
            m_model->setEvents(built->cells, true);
            m_eventsBuilding = false;
            Q_EMIT eventIndexChanged(m_events.get());
            if (std::exchange(m_eventsRebuildWanted, false)) {
                rebuildEvents(); // arrivals were dropped meanwhile: the store has them
                return;
            }
            // What arrived meanwhile; the index leaves ids it already has alone.
            takeEventArrivals();
        },
        TaskRunner::Kind::Background);
}

void SessionController::addEventArrivals(const QList<Capture>& captures)
{
    if (captures.isEmpty())
        return;
    if (m_eventsBuilding || m_eventsReading) {
        qint64 bytes = 0;
        for (const Capture& capture : captures)
            bytes += capture.body.size();
        if (m_eventsPending.size() + captures.size() > maxEventsPending
            || m_eventsPendingBytes + bytes > maxEventsPendingBytes) {
            // Reading falls behind the arrivals: rather than hold their bodies, read the session again.
            qCWarning(lcSession) << "reading events fell behind the arrivals; the session's events are read again";
            m_eventsPending.clear();
            m_eventsPendingBytes = 0;
            if (m_eventsBuilding)
                m_eventsRebuildWanted = true;
            else
                rebuildEvents();
            return;
        }
        m_eventsPending += captures;
        m_eventsPendingBytes += bytes;
        return;
    }
    // Reading a body is the costly part and may be a large one: off this thread. Merging is quick and
    // happens here, in arrival order, one batch at a time.
    m_eventsReading = true;
    const quint64 generation = m_eventsGeneration;
    auto payloads = std::make_shared<std::vector<CapturePayload>>();
    m_tasks->run(
        QString(),
        [captures, payloads](TaskControl&) {
            payloads->reserve(size_t(captures.size()));
            for (const Capture& capture : captures)
                payloads->push_back(CapturePayload::read(capture));
        },
        [this, generation, payloads](bool canceled) {
            if (canceled) {
                m_eventsReading = false;
                return;
            }
            mergeEventPayloads(generation, payloads, 0);
        },
        TaskRunner::Kind::Background);
}

void SessionController::mergeEventPayloads(quint64 generation, std::shared_ptr<std::vector<CapturePayload>> payloads,
                                           size_t from)
{
    if (generation != m_eventsGeneration || !m_events) {
        takeEventArrivals();
        return;
    }
    // In slices of a few milliseconds: a batch of large deliveries holds hundreds of thousands of events.
    QElapsedTimer slice;
    slice.start();
    QList<qint64> ids;
    size_t next = from;
    while (next < payloads->size()) {
        CapturePayload& payload = payloads->at(next++);
        const qint64 id = payload.captureId;
        if (m_events->add(std::move(payload)))
            ids.append(id);
        if (slice.elapsed() >= eventsMergeSliceMs)
            break;
    }
    Cells cells;
    addCells(*m_events, ids, cells);
    if (!cells.isEmpty())
        m_model->setEvents(cells, false);
    if (!ids.isEmpty())
        Q_EMIT eventsAdded(ids);
    if (next < payloads->size()) {
        QTimer::singleShot(0, this,
                           [this, generation, payloads, next] { mergeEventPayloads(generation, payloads, next); });
        return;
    }
    takeEventArrivals();
}

void SessionController::takeEventArrivals()
{
    m_eventsReading = false;
    m_eventsPendingBytes = 0;
    addEventArrivals(std::exchange(m_eventsPending, {}));
}

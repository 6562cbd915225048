// SPDX-License-Identifier: MIT
// SessionController's Firm App events: the session's EventIndex, built off this thread when a session is
// shown and fed incrementally as captures arrive; the table's events column follows it.
#include <QLoggingCategory>

#include "core/Logging.h"
#include "payload/EventIndex.h"
#include "session/CaptureTableModel.h"
#include "session/SessionController.h"
#include "session/TaskRunner.h"
#include "store/SessionStore.h"

namespace {

CaptureTableModel::EventsCell cellOf(const CaptureEventSummary& summary)
{
    CaptureTableModel::EventsCell cell;
    cell.count = summary.eventCount;
    cell.text = summary.text();
    cell.flags = deliveryFlagNames(summary.flags);
    return cell;
}

using Cells = QHash<qint64, CaptureTableModel::EventsCell>;

void addCells(const EventIndex& index, const QList<qint64>& ids, Cells& cells)
{
    for (const qint64 id : ids) {
        const CaptureEventSummary summary = index.summary(id);
        if (summary.firmApp)
            cells.insert(id, cellOf(summary));
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
            if (auto error = store.open(path)) {
                qCWarning(lcSession) << "the session's events could not be read:" << error->message;
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
            // What arrived meanwhile; the index leaves ids it already has alone.
            const QList<Capture> pending = std::exchange(m_eventsPending, {});
            addEventArrivals(pending);
        },
        TaskRunner::Kind::Background);
}

void SessionController::addEventArrivals(const QList<Capture>& captures)
{
    if (captures.isEmpty())
        return;
    if (m_eventsBuilding || m_eventsReading) {
        m_eventsPending += captures;
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
            m_eventsReading = false;
            if (!canceled && generation == m_eventsGeneration && m_events) {
                QList<qint64> ids;
                for (CapturePayload& payload : *payloads) {
                    const qint64 id = payload.captureId;
                    if (m_events->add(std::move(payload)))
                        ids.append(id);
                }
                Cells cells;
                addCells(*m_events, ids, cells);
                if (!cells.isEmpty())
                    m_model->setEvents(cells, false);
                if (!ids.isEmpty())
                    Q_EMIT eventsAdded(ids);
            }
            addEventArrivals(std::exchange(m_eventsPending, {}));
        },
        TaskRunner::Kind::Background);
}

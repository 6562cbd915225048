// SPDX-License-Identifier: MIT
#pragma once

#include <QWidget>

#include "payload/EventIndex.h"

struct Capture;
class EventsTableModel;
class FieldChangesModel;
class QLabel;
class QPlainTextEdit;
class QPushButton;
class QTableView;
class TaskRunner;

// The Firm App events of one capture: a table (action, schema, docId, docUpdatedDate, fields changed,
// flags), the changes of the selected event (path, before, after, kind; a long value folds and expands on
// double-click or Enter, and shows whole below), and what could not be read in the payload.
//
// The window gives it the session's index with setIndex(), then captures with showCapture(). A capture the
// index does not hold (yet) is read on its own: its events show, with "before" unknown. After the index
// changed (arrivals, an import), refresh() reads the shown capture again. Asking for a document's timeline
// (the Timeline button, or double-clicking an event) emits timelineRequested().
class EventsView final : public QWidget
{
    Q_OBJECT

public:
    static constexpr qsizetype readAtOnceBytes = 256 * 1024; // larger bodies are read on the task runner
    explicit EventsView(QWidget* parent = nullptr);
    ~EventsView() override;

    // Not owned; must outlive the view or be replaced (null: every capture is read on its own).
    void setIndex(const EventIndex* index);
    void showCapture(const Capture& capture);
    // Where bodies over readAtOnceBytes are read; without one they are read on the spot.
    void setTaskRunner(TaskRunner* tasks);
    void showNothing();
    void refresh();

    qint64 captureId() const { return m_captureId; }
    // The selected event, or null.
    const EventInfo* selectedEvent() const;
    void selectEvent(int row);

Q_SIGNALS:
    void timelineRequested(const QString& schema, const QString& docId);

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    void toggleFold(int row);
    void showEvents();
    void showPayload(qint64 captureId, const QDateTime& receivedAt, const FirmPayload& payload);
    void showChanges();
    void showValue();
    void requestTimeline();
    const EventIndex* source() const;

    const EventIndex* m_index = nullptr;
    EventIndex m_single; // the shown capture alone, when the index does not hold it
    qint64 m_captureId = 0;
    bool m_showing = false;
    quint64 m_readGeneration = 0;
    TaskRunner* m_tasks = nullptr;
    QString m_problems;

    QLabel* m_summary;
    QPlainTextEdit* m_notes;
    QTableView* m_events;
    QTableView* m_changes;
    QPlainTextEdit* m_value;
    QPushButton* m_timeline;
    EventsTableModel* m_eventsModel;
    FieldChangesModel* m_changesModel;
};

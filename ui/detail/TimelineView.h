// SPDX-License-Identifier: MIT
#pragma once

#include <QWidget>

class EventIndex;
class FieldChangesModel;
class QLabel;
class QPlainTextEdit;
class QTableView;
class TimelineModel;

// One document's history across the session: every event for (schema, docId) in docUpdatedDate order
// (then arrival), what each changed, and the document's known state after it. Double-clicking an entry (or
// Enter) emits captureActivated() so the window can select that capture.
class TimelineView final : public QWidget
{
    Q_OBJECT

public:
    explicit TimelineView(QWidget* parent = nullptr);

    // Not owned; must outlive the view or be replaced.
    void setIndex(const EventIndex* index);
    void showDocument(const QString& schema, const QString& docId);
    // Reads the document again (after arrivals).
    void refresh();
    QString schema() const { return m_schema; }
    QString docId() const { return m_docId; }
    void selectEntry(int row);

Q_SIGNALS:
    void captureActivated(qint64 captureId);

private:
    void showEntry();

    const EventIndex* m_index = nullptr;
    QString m_schema;
    QString m_docId;
    QLabel* m_title;
    QTableView* m_entries;
    QTableView* m_changes;
    QPlainTextEdit* m_state;
    TimelineModel* m_model;
    FieldChangesModel* m_changesModel;
};

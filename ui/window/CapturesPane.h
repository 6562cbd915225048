// SPDX-License-Identifier: MIT
#pragma once

#include <QWidget>

class CaptureFilterModel;
class EmptyState;
class CaptureTableModel;
class QCompleter;
class QLabel;
class QLineEdit;
class QStringListModel;
class TaskRunner;
struct FilterError;
class QTableView;

// The captures pane: the filter field over the table, and following new captures. The table shows
// the controller's model through a sorting and filtering proxy; selection is reported by capture id.
class CapturesPane final : public QWidget
{
    Q_OBJECT

public:
    CapturesPane(CaptureTableModel* model, QWidget* parent = nullptr);

    QTableView* table() const { return m_table; }
    QLineEdit* filterEdit() const { return m_filter; }
    CaptureFilterModel* proxy() const { return m_proxy; }

    qint64 currentId() const; // 0 when nothing is current
    QList<qint64> selectedIds() const; // ascending
    bool isFollowing() const { return m_follow; }
    void setFollowing(bool follow);
    void focusFilter();
    void selectCapture(qint64 id); // makes it current and visible; nothing when it is filtered out
    void scrollToEnd();

    EmptyState* emptyState() const { return m_empty; }
    QLabel* filterErrorLabel() const { return m_filterError; }
    QStringList recentQueries() const { return m_recent; }
    void setRecentQueries(const QStringList& queries);

    QByteArray saveHeaderState() const;
    void restoreHeaderState(const QByteArray& state);

Q_SIGNALS:
    void currentCaptureChanged(qint64 id);
    void recentQueriesChanged(const QStringList& queries);

private:
    CaptureTableModel* m_model;
    CaptureFilterModel* m_proxy;
    QLineEdit* m_filter;
    QTableView* m_table;
    bool m_follow = true;
    EmptyState* m_empty;

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    void updateEmptyState();
    void showFilterError(const FilterError& error);
    void clearFilterError();
    void updateCompletions();
    void remember(const QString& query);

    QLabel* m_filterError;
    QCompleter* m_completer;
    QStringListModel* m_completions;
    QStringList m_recent;
};

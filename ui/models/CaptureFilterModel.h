// SPDX-License-Identifier: MIT
#pragma once

#include <QHash>
#include <QSet>
#include <QSortFilterProxyModel>
#include <memory>

#include "core/Capture.h"

class CaptureTableModel;
class FilterEvaluator;
class FilterQuery;
class TaskRunner;
struct FilterError;

// Sorting and filtering over the captures model, plus the colours of the view. The filter is a query in the
// filter language (docs/filter.md): a bad query is reported with its position and is not applied. A query is
// run over the session in the store on a worker thread; the view changes once the matching ids are known.
// Captures that arrive meanwhile are matched as they come, from their own bytes; when the query reads the
// signature, an arrival is decided again once its check is done.
class CaptureFilterModel final : public QSortFilterProxyModel
{
    Q_OBJECT

public:
    explicit CaptureFilterModel(QObject* parent = nullptr);
    ~CaptureFilterModel() override;
    void setCaptureModel(CaptureTableModel* model);
    // Where the session's captures are read from, and the runner that reads them.
    void setSession(const QString& storePath, qint64 sessionId, TaskRunner* tasks);
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    // The captures model keeps its rows in id order, which is also the order of number and time: sorted so,
    // the view shows the rows as they are, and a session of 100,000 loads without being sorted again.
    void sort(int column, Qt::SortOrder order = Qt::AscendingOrder) override;

    void setFilterText(const QString& text);
    QString filterText() const { return m_text; }
    bool isFiltering() const { return m_pending; }
    // Arrivals, before the table shows them: matched here against the query in force.
    void matchArrivals(const QList<Capture>& captures);

Q_SIGNALS:
    void filterApplied(int visibleRows);
    void filterFailed(const FilterError& error); // the query does not parse; the view is unchanged

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex& sourceParent) const override;

private:
    void run();
    void awaitSignature(const Capture& capture);
    void decideAwaited(); // arrivals whose signature is known now

    // At most this many arrivals (and bytes of their bodies) wait for their signature; over it they keep the
    // answer they had on arrival.
    static constexpr qsizetype maxAwaited = 4096;
    static constexpr qint64 maxAwaitedBytes = 32 * 1024 * 1024;

    CaptureTableModel* m_captures = nullptr;
    TaskRunner* m_tasks = nullptr;
    QString m_storePath;
    qint64 m_sessionId = 0;
    QString m_text;
    std::shared_ptr<const FilterQuery> m_query; // null: no filter
    std::unique_ptr<FilterEvaluator> m_evaluator;
    quint64 m_generation = 0;
    bool m_pending = false;
    QSet<qint64> m_matches; // ids that matched, of the rows that existed when the search started
    qint64 m_searchedUpToId = 0; // rows with larger ids arrived later and are matched as they come
    QSet<qint64> m_arrivalMatches; // matched while a search ran
    QHash<qint64, Capture> m_awaited; // arrivals whose signature the query reads and that is not checked yet
    qint64 m_awaitedBytes = 0;
    QHash<qint64, bool> m_decidedWhileSearching; // awaited arrivals decided while a search ran
};

// SPDX-License-Identifier: MIT
#pragma once

#include <QAbstractTableModel>
#include <QHash>

#include "core/Capture.h"

struct SignatureResult;

// The captures table: one small summary per capture, no bodies. Arrivals are queued and inserted
// with one beginInsertRows per event-loop turn, so a burst never floods the view.
class CaptureTableModel final : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column
    {
        TimeColumn,
        MethodColumn,
        PathColumn,
        SizeColumn,
        StatusColumn,
        SignatureColumn,
        ColumnCount
    };
    enum Role
    {
        IdRole = Qt::UserRole + 1,
        SortRole,
        MalformedRole,
        SignatureStateRole
    };

    // What the table shows of a capture's signature check.
    struct SignatureCell
    {
        int state = 0; // 0 unknown, 1 valid, 2 invalid, 3 neutral (missing, not applicable, no secret)
        QString text;
        QString toolTip;
    };

    // The table's cell for a check: a word, the scheme, and the whole report as a tool tip.
    static SignatureCell signatureCell(const SignatureResult& result);

    explicit CaptureTableModel(QObject* parent = nullptr);

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    // Queues arrivals; they appear at the end of this event-loop turn.
    void enqueue(const QList<CaptureSummary>& summaries);
    // Inserts what is queued now (called by the turn-end flush; tests may call it directly).
    void flushQueued();
    void reset(const QList<CaptureSummary>& summaries);
    // Replaces the signature cells of these captures with one dataChanged over the column.
    void setSignatures(const QHash<qint64, SignatureCell>& cells, bool replaceAll);
    void clear();

    const CaptureSummary& summaryAt(int row) const { return m_rows.at(row); }
    // Every row, for work off the UI thread (implicitly shared: taking it copies nothing).
    QList<CaptureSummary> summaries() const { return m_rows; }
    // Whether a capture matches a filter text: method, target or status, ignoring case. Thread-safe.
    static bool matches(const CaptureSummary& summary, const QString& needle);
    int rowOfId(qint64 id) const; // -1 when absent
    qint64 idAt(int row) const;

Q_SIGNALS:
    void rowsFlushed(int count);

private:
    QList<CaptureSummary> m_rows;
    QList<CaptureSummary> m_queued;
    QHash<qint64, int> m_rowById;
    QHash<qint64, SignatureCell> m_signatures;
    bool m_flushScheduled = false;
};

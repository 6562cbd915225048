// SPDX-License-Identifier: MIT
#pragma once

#include <QAbstractTableModel>
#include <QHash>
#include <QStringList>

#include "core/Capture.h"
#include "core/TextPool.h"
#include "filter/FilterSignature.h"
#include "payload/DeliveryFlags.h"

struct SignatureResult;

// The captures table: one small summary per capture, no bodies. Arrivals are queued and inserted
// with one beginInsertRows per event-loop turn, so a burst never floods the view.
class CaptureTableModel final : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column
    {
        NumberColumn,
        TimeColumn,
        MethodColumn,
        PathColumn,
        SourceColumn,
        EventsColumn,
        SignatureColumn,
        StatusColumn,
        SizeColumn,
        ColumnCount
    };
    enum Role
    {
        IdRole = Qt::UserRole + 1,
        SortRole,
        MalformedRole,
        SignatureStateRole,
        EventFlagsRole // the capture's delivery-check flags, a QStringList of deliveryFlagNames()
    };

    // What the table shows of a capture's signature check.
    struct SignatureCell
    {
        int state = 0; // 0 unknown, 1 valid, 2 invalid, 3 neutral (missing, not applicable, no secret)
        QString text;
        QString toolTip;
        FilterSignature filter; // what sig: and scheme: see
    };

    // The table's cell for a check: a word, the scheme, and the whole report as a tool tip.
    static SignatureCell signatureCell(const SignatureResult& result);

    // What the table shows of the Firm App events in a capture's body.
    struct EventsCell
    {
        int count = 0;
        QString text; // "3 · user, invoice"
        DeliveryFlags flags; // duplicate, out_of_order, ... of the capture's events together
    };

    explicit CaptureTableModel(QObject* parent = nullptr);

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    // Queues arrivals; they appear at the end of this event-loop turn. Their repeated texts are shared.
    void enqueue(const QList<CaptureSummary>& summaries);
    // Inserts what is queued now (called by the turn-end flush; tests may call it directly).
    void flushQueued();
    void reset(const QList<CaptureSummary>& summaries);
    // Replaces the signature cells of these captures (all of them when replaceAll). dataChanged covers the
    // rows changed, in runs, so that a few arrivals do not make the views look at every row.
    void setSignatures(const QHash<qint64, SignatureCell>& cells, bool replaceAll);
    int validCount() const { return m_validCount; }
    // Every capture's check as the filter language sees it.
    QHash<qint64, FilterSignature> filterSignatures() const;
    FilterSignature filterSignature(qint64 id) const { return m_signatures.value(id).filter; }
    int invalidCount() const { return m_invalidCount; }
    // Replaces the events cells of these captures (all of them when replaceAll).
    void setEvents(const QHash<qint64, EventsCell>& cells, bool replaceAll);
    void clear();

    // Rows taken out by removeIds(), with their cells, so that restore() can put them back as they were.
    struct Removed
    {
        QList<CaptureSummary> rows; // in id order
        QHash<qint64, SignatureCell> signatures;
        QHash<qint64, EventsCell> events;
    };
    Removed removeIds(const QList<qint64>& ids);
    void restore(const Removed& removed);

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
    static constexpr int maxRunsInPlace = 32; // more separate runs: rows removed by a reset, cells changed in one span
    void reindexFrom(int row);
    // dataChanged for one column: every row when ids is empty, else the rows of these ids, in runs.
    void columnChanged(int column, const QList<qint64>& ids, const QList<int>& roles);
    void countSignature(int state, int delta);

    QList<CaptureSummary> m_rows;
    QList<CaptureSummary> m_queued;
    QHash<qint64, int> m_rowById;
    QHash<qint64, SignatureCell> m_signatures;
    QHash<qint64, EventsCell> m_events;
    // The texts rows and cells repeat (method, path, source, a check's words), held once each.
    TextPool<QByteArray> m_bytes;
    TextPool<QString> m_texts;
    int m_validCount = 0;
    int m_invalidCount = 0;
    bool m_flushScheduled = false;
};

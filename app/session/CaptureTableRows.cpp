// SPDX-License-Identifier: MIT
// CaptureTableModel: taking rows out and putting them back (deleting captures, and undoing it).
#include <QSet>
#include <algorithm>

#include "session/CaptureTableModel.h"

void CaptureTableModel::countSignature(int state, int delta)
{
    if (state == 1)
        m_validCount += delta;
    else if (state == 2)
        m_invalidCount += delta;
}

void CaptureTableModel::reindexFrom(int row)
{
    for (int r = row; r < int(m_rows.size()); ++r)
        m_rowById.insert(m_rows.at(r).id, r);
}

CaptureTableModel::Removed CaptureTableModel::removeIds(const QList<qint64>& ids)
{
    Removed removed;
    QList<int> rows;
    rows.reserve(ids.size());
    for (qint64 id : ids) {
        const int row = rowOfId(id);
        if (row >= 0)
            rows.append(row);
    }
    std::sort(rows.begin(), rows.end());
    rows.erase(std::unique(rows.begin(), rows.end()), rows.end());
    if (rows.isEmpty())
        return removed;
    for (int row : std::as_const(rows)) {
        const CaptureSummary& summary = m_rows.at(row);
        removed.rows.append(summary);
        if (auto it = m_signatures.constFind(summary.id); it != m_signatures.constEnd()) {
            removed.signatures.insert(summary.id, *it);
            countSignature(it->state, -1);
            m_signatures.erase(it);
        }
        if (auto it = m_events.constFind(summary.id); it != m_events.constEnd()) {
            removed.events.insert(summary.id, *it);
            m_events.erase(it);
        }
        m_rowById.remove(summary.id);
    }
    // Contiguous runs: a few are removed one by one (selection and scrolling stay); many at once reset.
    int runs = 1;
    for (qsizetype i = 1; i < rows.size(); ++i)
        runs += rows.at(i) != rows.at(i - 1) + 1 ? 1 : 0;
    if (runs > maxRunsInPlace) {
        beginResetModel();
        QList<CaptureSummary> kept;
        kept.reserve(m_rows.size() - rows.size());
        qsizetype skip = 0;
        for (int row = 0; row < int(m_rows.size()); ++row) {
            if (skip < rows.size() && rows.at(skip) == row)
                ++skip;
            else
                kept.append(m_rows.at(row));
        }
        m_rows = std::move(kept);
        m_rowById.clear();
        reindexFrom(0);
        endResetModel();
        return removed;
    }
    // From the last run back, so that earlier row numbers stay right.
    int end = int(rows.size());
    while (end > 0) {
        int begin = end - 1;
        while (begin > 0 && rows.at(begin - 1) == rows.at(begin) - 1)
            --begin;
        const int first = rows.at(begin);
        const int last = rows.at(end - 1);
        beginRemoveRows({}, first, last);
        m_rows.remove(first, last - first + 1);
        endRemoveRows();
        end = begin;
    }
    reindexFrom(rows.constFirst());
    return removed;
}

void CaptureTableModel::restore(const Removed& removed)
{
    const auto lowerBound = [this](qint64 id) {
        return int(std::lower_bound(m_rows.cbegin(), m_rows.cend(), id,
                                    [](const CaptureSummary& row, qint64 value) { return row.id < value; })
                   - m_rows.cbegin());
    };
    // Rows are in id order, and so is the table: each run of restored rows goes where its ids belong.
    QList<CaptureSummary> missing;
    missing.reserve(removed.rows.size());
    for (const CaptureSummary& row : removed.rows) {
        if (rowOfId(row.id) < 0)
            missing.append(row);
    }
    if (missing.isEmpty())
        return;
    QList<QPair<int, qsizetype>> runs; // (row before which it goes, index of its first restored row)
    for (qsizetype i = 0; i < missing.size(); ++i) {
        const int position = lowerBound(missing.at(i).id);
        if (runs.isEmpty() || runs.constLast().first != position)
            runs.append({position, i});
    }
    if (runs.size() > maxRunsInPlace) {
        beginResetModel();
        QList<CaptureSummary> merged;
        merged.reserve(m_rows.size() + missing.size());
        std::merge(m_rows.cbegin(), m_rows.cend(), missing.cbegin(), missing.cend(), std::back_inserter(merged),
                   [](const CaptureSummary& a, const CaptureSummary& b) { return a.id < b.id; });
        m_rows = std::move(merged);
        reindexFrom(0);
        endResetModel();
    } else {
        // From the last run back, so that the positions found before stay right.
        for (qsizetype r = runs.size() - 1; r >= 0; --r) {
            const int position = runs.at(r).first;
            const qsizetype first = runs.at(r).second;
            const qsizetype end = r + 1 < runs.size() ? runs.at(r + 1).second : missing.size();
            beginInsertRows({}, position, position + int(end - first) - 1);
            m_rows.insert(position, end - first, CaptureSummary());
            std::copy(missing.cbegin() + first, missing.cbegin() + end, m_rows.begin() + position);
            endInsertRows();
        }
        reindexFrom(runs.constFirst().first);
    }
    for (auto it = removed.signatures.constBegin(); it != removed.signatures.constEnd(); ++it) {
        countSignature(m_signatures.value(it.key()).state, -1);
        countSignature(it->state, 1);
        m_signatures.insert(it.key(), *it);
    }
    m_events.insert(removed.events);
}

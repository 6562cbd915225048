// SPDX-License-Identifier: MIT
#include "models/CaptureFilterModel.h"

#include <QBrush>
#include <QPointer>
#include <QThreadPool>

#include "session/CaptureTableModel.h"
#include "widgets/Theme.h"

CaptureFilterModel::CaptureFilterModel(QObject* parent)
    : QSortFilterProxyModel(parent)
{
    setSortRole(CaptureTableModel::SortRole);
    setFilterKeyColumn(-1);
    setFilterCaseSensitivity(Qt::CaseInsensitive);
}

void CaptureFilterModel::setCaptureModel(CaptureTableModel* model)
{
    m_captures = model;
    setSourceModel(model);
}

void CaptureFilterModel::setFilterText(const QString& text)
{
    m_text = text;
    const quint64 generation = ++m_generation;
    if (text.isEmpty() || !m_captures) {
        m_pending = false;
        m_matches.clear();
        invalidateRowsFilter();
        Q_EMIT filterApplied(rowCount());
        return;
    }
    m_pending = true;
    const QList<CaptureSummary> rows = m_captures->summaries();
    QPointer<CaptureFilterModel> self(this);
    QThreadPool::globalInstance()->start([self, rows, text, generation] {
        QSet<qint64> matches;
        qint64 lastId = 0;
        for (const CaptureSummary& row : rows) {
            lastId = qMax(lastId, row.id);
            if (CaptureTableModel::matches(row, text))
                matches.insert(row.id);
        }
        QMetaObject::invokeMethod(
            self.data(),
            [self, matches = std::move(matches), lastId, generation]() mutable {
                if (!self || generation != self->m_generation)
                    return; // a newer filter text superseded this one
                self->m_matches = std::move(matches);
                self->m_searchedUpToId = lastId;
                self->m_pending = false;
                self->invalidateRowsFilter();
                Q_EMIT self->filterApplied(self->rowCount());
            },
            Qt::QueuedConnection);
    });
}

bool CaptureFilterModel::filterAcceptsRow(int sourceRow, const QModelIndex& sourceParent) const
{
    Q_UNUSED(sourceParent)
    if (m_text.isEmpty() || m_pending || !m_captures)
        return true; // until the search finishes, the view keeps showing what it showed
    const CaptureSummary& row = m_captures->summaryAt(sourceRow);
    if (row.id > m_searchedUpToId)
        return CaptureTableModel::matches(row, m_text);
    return m_matches.contains(row.id);
}

QVariant CaptureFilterModel::data(const QModelIndex& index, int role) const
{
    if (role == Qt::ForegroundRole) {
        if (index.data(CaptureTableModel::MalformedRole).toBool())
            return QBrush(Theme::color(Theme::Tone::Bad));
        if (index.column() == CaptureTableModel::SignatureColumn) {
            const int state = index.data(CaptureTableModel::SignatureStateRole).toInt();
            if (state == 1)
                return QBrush(Theme::color(Theme::Tone::Good));
            if (state == 2)
                return QBrush(Theme::color(Theme::Tone::Bad));
        }
        if (index.column() == CaptureTableModel::StatusColumn && index.data(CaptureTableModel::SortRole).toInt() >= 400)
            return QBrush(Theme::color(Theme::Tone::Warning));
    }
    if (role == Qt::DecorationRole) {
        if (index.column() == CaptureTableModel::SignatureColumn) {
            switch (index.data(CaptureTableModel::SignatureStateRole).toInt()) {
            case 1:
                return Theme::icon(Theme::Tone::Good);
            case 2:
                return Theme::icon(Theme::Tone::Bad);
            case 3:
                if (!index.data(Qt::DisplayRole).toString().isEmpty())
                    return Theme::icon(Theme::Tone::Muted);
                break;
            }
        }
        if (index.column() == CaptureTableModel::EventsColumn) {
            // An update for a document this session never saw created is information, not a warning.
            QStringList flags = index.data(CaptureTableModel::EventFlagsRole).toStringList();
            flags.removeAll(QStringLiteral("unknown_document"));
            if (!flags.isEmpty())
                return Theme::icon(Theme::Tone::Warning);
        }
    }
    return QSortFilterProxyModel::data(index, role);
}

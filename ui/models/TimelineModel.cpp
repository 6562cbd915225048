// SPDX-License-Identifier: MIT
#include "models/TimelineModel.h"

#include "models/FieldChangesModel.h"
#include "models/ModelText.h"
#include "payload/JsonText.h"

using namespace ModelText;

TimelineModel::TimelineModel(QObject* parent)
    : QAbstractTableModel(parent)
{ }

void TimelineModel::setTimeline(const DocumentTimeline& timeline)
{
    beginResetModel();
    m_timeline = timeline;
    endResetModel();
}

int TimelineModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : int(m_timeline.entries.size());
}

int TimelineModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant TimelineModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const TimelineEntry& entry = m_timeline.entries.at(index.row());
    if (role == CaptureIdRole)
        return entry.event.captureId;
    if (role == FullTextRole && index.column() == StateColumn)
        return entry.deletedAfter && entry.stateAfter == "{}" ? tr("(deleted)") : JsonText::pretty(entry.stateAfter);
    if (role == Qt::FontRole && index.column() == FlagsColumn && entry.event.flags)
        return boldFont();
    if (role == Qt::ForegroundRole && index.column() == StateColumn && entry.deletedAfter)
        return dimmedColour();
    if (role != Qt::DisplayRole)
        return {};
    switch (index.column()) {
    case DateColumn:
        return entry.event.docUpdatedDate.isEmpty() ? tr("(no date)") : entry.event.docUpdatedDate;
    case ActionColumn:
        return entry.event.actionText;
    case CaptureColumn:
        return QStringLiteral("%1 #%2").arg(entry.event.captureId).arg(entry.event.index);
    case ChangesColumn: {
        QStringList paths;
        for (const FieldChange& change : entry.changes)
            paths.append(change.path);
        return paths.isEmpty() ? QStringLiteral("0")
                               : QStringLiteral("%1: %2").arg(paths.size()).arg(paths.join(QStringLiteral(", ")));
    }
    case FlagsColumn:
        return flagsText(entry.event.flags);
    case StateColumn:
        if (entry.deletedAfter && entry.stateAfter == "{}")
            return tr("(deleted)");
        return foldedJson(entry.stateAfter, FieldChangesModel::foldChars);
    default:
        return {};
    }
}

QVariant TimelineModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    return columnTitle(
        section,
        {tr("docUpdatedDate"), tr("Action"), tr("Capture"), tr("Changes"), tr("Flags"), tr("Known state after")});
}

// SPDX-License-Identifier: MIT
#include "models/EventsTableModel.h"

#include "models/ModelText.h"

using namespace ModelText;

EventsTableModel::EventsTableModel(QObject* parent)
    : QAbstractTableModel(parent)
{ }

void EventsTableModel::setEvents(const QList<EventInfo>& events)
{
    beginResetModel();
    m_events = events;
    m_fields.clear();
    m_fields.reserve(events.size());
    for (const EventInfo& event : events)
        m_fields.append(event.fields());
    endResetModel();
}

int EventsTableModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : int(m_events.size());
}

int EventsTableModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant EventsTableModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const EventInfo& event = m_events.at(index.row());
    const QStringList& fields = m_fields.at(index.row());
    if (role == FlagsRole)
        return int(event.flags);
    if (role == SortRole) {
        switch (index.column()) {
        case DateColumn:
            return event.docUpdatedMs;
        case FieldsColumn:
            return int(fields.size());
        default:
            return data(index, Qt::DisplayRole);
        }
    }
    if (role == Qt::FontRole && index.column() == FlagsColumn && event.flags)
        return boldFont();
    if (role == Qt::ForegroundRole && index.column() == DateColumn && event.docUpdatedDate.isEmpty())
        return dimmedColour();
    if (role != Qt::DisplayRole)
        return {};
    switch (index.column()) {
    case ActionColumn:
        return event.actionText;
    case SchemaColumn:
        return event.schema;
    case DocIdColumn:
        return event.docId;
    case DateColumn:
        return event.docUpdatedDate.isEmpty() ? tr("(no date)") : event.docUpdatedDate;
    case FieldsColumn:
        if (event.action == EventAction::Delete)
            return tr("(deleted)");
        return fields.isEmpty() ? QStringLiteral("0")
                                : QStringLiteral("%1: %2").arg(fields.size()).arg(fields.join(QStringLiteral(", ")));
    case FlagsColumn:
        return flagsText(event.flags);
    default:
        return {};
    }
}

QVariant EventsTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    return columnTitle(
        section, {tr("Action"), tr("Schema"), tr("docId"), tr("docUpdatedDate"), tr("Fields changed"), tr("Flags")});
}

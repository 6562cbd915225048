// SPDX-License-Identifier: MIT
#pragma once

#include <QAbstractTableModel>
#include <QList>
#include <QStringList>

#include "payload/EventIndex.h"

// The events of one capture: action, schema, docId, docUpdatedDate, fields changed, flags.
class EventsTableModel final : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column
    {
        ActionColumn,
        SchemaColumn,
        DocIdColumn,
        DateColumn,
        FieldsColumn,
        FlagsColumn,
        ColumnCount
    };
    enum Role
    {
        FlagsRole = Qt::UserRole + 1, // DeliveryFlags as int
        SortRole,
    };

    explicit EventsTableModel(QObject* parent = nullptr);

    void setEvents(const QList<EventInfo>& events);
    const EventInfo& eventAt(int row) const { return m_events.at(row); }

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    QList<EventInfo> m_events;
    QList<QStringList> m_fields;
};

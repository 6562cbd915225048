// SPDX-License-Identifier: MIT
#pragma once

#include <QAbstractTableModel>

#include "payload/EventIndex.h"

// A document's timeline: one row per event with the state known after it.
class TimelineModel final : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column
    {
        DateColumn,
        ActionColumn,
        CaptureColumn,
        ChangesColumn,
        FlagsColumn,
        StateColumn,
        ColumnCount
    };
    enum Role
    {
        CaptureIdRole = Qt::UserRole + 1,
        FullTextRole, // the state after, laid out on lines
    };

    explicit TimelineModel(QObject* parent = nullptr);

    void setTimeline(const DocumentTimeline& timeline);
    const DocumentTimeline& timeline() const { return m_timeline; }
    const TimelineEntry& entryAt(int row) const { return m_timeline.entries.at(row); }

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    DocumentTimeline m_timeline;
};

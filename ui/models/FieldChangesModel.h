// SPDX-License-Identifier: MIT
#pragma once

#include <QAbstractTableModel>
#include <QList>
#include <QSet>

#include "payload/EventChanges.h"

// Rows of changes: path, before, after, kind. Long values are folded to one line; an expanded row shows
// them whole, laid out on lines.
class FieldChangesModel final : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column
    {
        PathColumn,
        BeforeColumn,
        AfterColumn,
        KindColumn,
        ColumnCount
    };
    enum Role
    {
        FullTextRole = Qt::UserRole + 1, // the whole value, laid out on lines
        FoldableRole, // bool: the row has a value too long for one line
        ExpandedRole,
    };
    static constexpr int foldChars = 80;

    explicit FieldChangesModel(QObject* parent = nullptr);

    void setChanges(const QList<FieldChange>& changes);
    const FieldChange& changeAt(int row) const { return m_changes.at(row); }
    bool isFoldable(int row) const;
    bool isExpanded(int row) const { return m_expanded.contains(row); }
    void setExpanded(int row, bool expanded);
    void toggleExpanded(int row) { setExpanded(row, !isExpanded(row)); }

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    static QString beforeText(const FieldChange& change, bool whole);
    static QString afterText(const FieldChange& change, bool whole);

private:
    QList<FieldChange> m_changes;
    QSet<int> m_expanded;
};

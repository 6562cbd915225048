// SPDX-License-Identifier: MIT
#pragma once

#include <QAbstractTableModel>

#include "payload/CaptureCompare.h"

// Two bodies side by side: each difference with its path, the left and the right value, and its kind.
class StructuralDiffModel final : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column
    {
        PathColumn,
        LeftColumn,
        RightColumn,
        KindColumn,
        ColumnCount
    };
    enum Role
    {
        FullTextRole = Qt::UserRole + 1,
    };

    explicit StructuralDiffModel(QObject* parent = nullptr);

    void setDiff(const StructuralDiff& diff, const QString& leftTitle, const QString& rightTitle);
    const StructuralChange& changeAt(int row) const { return m_diff.changes.at(row); }

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    StructuralDiff m_diff;
    QString m_leftTitle;
    QString m_rightTitle;
};

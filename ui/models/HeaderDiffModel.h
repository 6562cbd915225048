// SPDX-License-Identifier: MIT
#pragma once

#include <QAbstractTableModel>

#include "payload/CaptureCompare.h"

// Two header lists side by side, by name: the values on each side and whether they differ. With
// differencesOnly, names whose values are the same are left out.
class HeaderDiffModel final : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column
    {
        NameColumn,
        LeftColumn,
        RightColumn,
        KindColumn,
        ColumnCount
    };

    explicit HeaderDiffModel(QObject* parent = nullptr);

    void setHeaders(const QList<HeaderDifference>& headers, const QString& leftTitle, const QString& rightTitle);
    void setDifferencesOnly(bool only);
    bool differencesOnly() const { return m_differencesOnly; }

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    void rebuild();

    QList<HeaderDifference> m_all;
    QList<HeaderDifference> m_rows;
    QString m_leftTitle;
    QString m_rightTitle;
    bool m_differencesOnly = false;
};

// SPDX-License-Identifier: MIT
#include "CaptureFilterModel.h"

#include <QBrush>
#include <QColor>

#include "capture/CaptureTableModel.h"

CaptureFilterModel::CaptureFilterModel(QObject* parent)
    : QSortFilterProxyModel(parent)
{
    setSortRole(CaptureTableModel::SortRole);
    setFilterKeyColumn(-1);
    setFilterCaseSensitivity(Qt::CaseInsensitive);
}

QVariant CaptureFilterModel::data(const QModelIndex& index, int role) const
{
    if (role == Qt::ForegroundRole) {
        if (index.data(CaptureTableModel::MalformedRole).toBool())
            return QBrush(QColor(0xb0, 0x00, 0x20));
        if (index.column() == CaptureTableModel::SignatureColumn) {
            const int state = index.data(CaptureTableModel::SignatureStateRole).toInt();
            if (state == 1)
                return QBrush(QColor(0x0a, 0x7a, 0x32));
            if (state == 2)
                return QBrush(QColor(0xb0, 0x00, 0x20));
        }
        if (index.column() == CaptureTableModel::StatusColumn && index.data(CaptureTableModel::SortRole).toInt() >= 400)
            return QBrush(QColor(0xb3, 0x5c, 0x00));
    }
    return QSortFilterProxyModel::data(index, role);
}

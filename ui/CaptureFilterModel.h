// SPDX-License-Identifier: MIT
#pragma once

#include <QSortFilterProxyModel>

// Sorting and filtering over the captures model, plus the colours of the view: malformed captures and
// error answers stand out.
class CaptureFilterModel final : public QSortFilterProxyModel
{
    Q_OBJECT

public:
    explicit CaptureFilterModel(QObject* parent = nullptr);
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
};

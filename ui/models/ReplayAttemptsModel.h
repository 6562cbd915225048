// SPDX-License-Identifier: MIT
#pragma once

#include <QAbstractTableModel>
#include <QList>

#include "core/ReplayAttempt.h"

// The replay and forward attempts of one capture, oldest first: time, target, result, duration, re-signed.
class ReplayAttemptsModel final : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column
    {
        Time,
        Target,
        Result,
        Duration,
        Resigned,
        ColumnCount
    };
    enum Role
    {
        SucceededRole = Qt::UserRole + 1 // bool
    };

    explicit ReplayAttemptsModel(QObject* parent = nullptr);

    void setAttempts(const QList<ReplayAttempt>& attempts);
    void append(const ReplayAttempt& attempt);
    const ReplayAttempt& attempt(int row) const { return m_attempts.at(row); }
    const QList<ReplayAttempt>& attempts() const { return m_attempts; }

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    QList<ReplayAttempt> m_attempts;
};

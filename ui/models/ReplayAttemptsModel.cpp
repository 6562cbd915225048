// SPDX-License-Identifier: MIT
#include "models/ReplayAttemptsModel.h"

#include <QApplication>
#include <QPalette>

#include "models/ModelText.h"
#include "widgets/StatusColors.h"

ReplayAttemptsModel::ReplayAttemptsModel(QObject* parent)
    : QAbstractTableModel(parent)
{ }

void ReplayAttemptsModel::setAttempts(const QList<ReplayAttempt>& attempts)
{
    beginResetModel();
    m_attempts = attempts;
    endResetModel();
}

void ReplayAttemptsModel::append(const ReplayAttempt& attempt)
{
    const int row = int(m_attempts.size());
    beginInsertRows({}, row, row);
    m_attempts.append(attempt);
    endInsertRows();
}

int ReplayAttemptsModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : int(m_attempts.size());
}

int ReplayAttemptsModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant ReplayAttemptsModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const ReplayAttempt& attempt = m_attempts.at(index.row());
    if (role == SucceededRole)
        return attempt.succeeded();
    if (role == Qt::ForegroundRole && index.column() == Result && !attempt.succeeded())
        return StatusColors::negative(QApplication::palette());
    if (role == Qt::ToolTipRole && index.column() == Result)
        return attempt.summaryText();
    if (role != Qt::DisplayRole)
        return {};
    switch (index.column()) {
    case Time:
        return attempt.startedAt.toLocalTime().toString(QStringLiteral("yyyy-MM-dd HH:mm:ss"));
    case Target:
        return QString((attempt.forwarded ? tr("forward ") : QString()) + attempt.targetUrl);
    case Result:
        return attempt.summaryText();
    case Duration:
        return tr("%1 ms").arg(attempt.durationMs);
    case Resigned:
        return attempt.resignedScheme;
    default:
        return {};
    }
}

QVariant ReplayAttemptsModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    return ModelText::columnTitle(section, {tr("Time"), tr("Target"), tr("Result"), tr("Duration"), tr("Re-signed")});
}

// SPDX-License-Identifier: MIT
#include "models/FieldChangesModel.h"

#include "models/ModelText.h"
#include "payload/JsonText.h"

using namespace ModelText;

FieldChangesModel::FieldChangesModel(QObject* parent)
    : QAbstractTableModel(parent)
{ }

void FieldChangesModel::setChanges(const QList<FieldChange>& changes)
{
    beginResetModel();
    m_changes = changes;
    m_expanded.clear();
    endResetModel();
}

bool FieldChangesModel::isFoldable(int row) const
{
    const FieldChange& change = m_changes.at(row);
    return change.before.size() > foldChars || change.after.size() > foldChars;
}

void FieldChangesModel::setExpanded(int row, bool expanded)
{
    if (row < 0 || row >= m_changes.size() || expanded == isExpanded(row) || (expanded && !isFoldable(row)))
        return;
    if (expanded)
        m_expanded.insert(row);
    else
        m_expanded.remove(row);
    Q_EMIT dataChanged(index(row, 0), index(row, ColumnCount - 1), {Qt::DisplayRole, ExpandedRole});
}

QString FieldChangesModel::beforeText(const FieldChange& change, bool whole)
{
    if (!change.beforeKnown)
        return tr("unknown");
    if (change.before.isEmpty())
        return tr("(none)");
    return whole ? JsonText::pretty(change.before) : foldedJson(change.before, foldChars);
}

QString FieldChangesModel::afterText(const FieldChange& change, bool whole)
{
    if (change.after.isEmpty())
        return tr("(none)");
    return whole ? JsonText::pretty(change.after) : foldedJson(change.after, foldChars);
}

int FieldChangesModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : int(m_changes.size());
}

int FieldChangesModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant FieldChangesModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const FieldChange& change = m_changes.at(index.row());
    switch (role) {
    case FoldableRole:
        return isFoldable(index.row());
    case ExpandedRole:
        return isExpanded(index.row());
    case Qt::ForegroundRole:
        if ((index.column() == BeforeColumn && (!change.beforeKnown || change.before.isEmpty()))
            || (index.column() == AfterColumn && change.after.isEmpty())
            || (index.column() == KindColumn && change.kind == ChangeKind::Unchanged))
            return dimmedColour();
        return {};
    case Qt::FontRole:
        if (index.column() == BeforeColumn && !change.beforeKnown)
            return italicFont();
        return {};
    case Qt::DisplayRole:
    case FullTextRole:
        break;
    default:
        return {};
    }
    // The full text is the display text with the values whole.
    const bool whole = role == FullTextRole || isExpanded(index.row());
    switch (index.column()) {
    case PathColumn:
        return change.path;
    case BeforeColumn:
        return beforeText(change, whole);
    case AfterColumn:
        return afterText(change, whole);
    case KindColumn:
        return change.kind == ChangeKind::Unchanged ? tr("unchanged but sent") : QString(changeKindName(change.kind));
    default:
        return {};
    }
}

QVariant FieldChangesModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    return columnTitle(section, {tr("Field"), tr("Before"), tr("After"), tr("Change")});
}

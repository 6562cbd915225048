// SPDX-License-Identifier: MIT
#include "models/StructuralDiffModel.h"

#include "models/FieldChangesModel.h"
#include "models/ModelText.h"
#include "payload/JsonText.h"

using namespace ModelText;

namespace {

QString valueText(const QByteArray& json, bool whole)
{
    if (json.isEmpty())
        return StructuralDiffModel::tr("(none)");
    return whole ? JsonText::pretty(json) : foldedJson(json, FieldChangesModel::foldChars);
}

} // namespace

StructuralDiffModel::StructuralDiffModel(QObject* parent)
    : QAbstractTableModel(parent)
{ }

void StructuralDiffModel::setDiff(const StructuralDiff& diff, const QString& leftTitle, const QString& rightTitle)
{
    beginResetModel();
    m_diff = diff;
    m_leftTitle = leftTitle;
    m_rightTitle = rightTitle;
    endResetModel();
    Q_EMIT headerDataChanged(Qt::Horizontal, 0, ColumnCount - 1);
}

int StructuralDiffModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : int(m_diff.changes.size());
}

int StructuralDiffModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant StructuralDiffModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const StructuralChange& change = m_diff.changes.at(index.row());
    const bool whole = role == FullTextRole;
    if (role == Qt::ForegroundRole) {
        if ((index.column() == LeftColumn && change.left.isEmpty())
            || (index.column() == RightColumn && change.right.isEmpty()))
            return dimmedColour();
        return {};
    }
    if (role != Qt::DisplayRole && role != FullTextRole)
        return {};
    switch (index.column()) {
    case PathColumn:
        return change.path.isEmpty() ? tr("(the whole body)") : change.path;
    case LeftColumn:
        return valueText(change.left, whole);
    case RightColumn:
        return valueText(change.right, whole);
    case KindColumn:
        return change.kind == StructuralChange::Kind::OrderChanged ? tr("order changed")
                                                                   : QString(JsonStructuralDiff::kindName(change.kind));
    default:
        return {};
    }
}

QVariant StructuralDiffModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    return columnTitle(section,
                       {tr("Path"), m_leftTitle.isEmpty() ? tr("Left") : m_leftTitle,
                        m_rightTitle.isEmpty() ? tr("Right") : m_rightTitle, tr("Difference")});
}

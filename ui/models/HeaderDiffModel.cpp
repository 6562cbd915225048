// SPDX-License-Identifier: MIT
#include "models/HeaderDiffModel.h"

#include "models/ModelText.h"

using namespace ModelText;

namespace {

QString joinedValues(const QList<QByteArray>& values)
{
    if (values.isEmpty())
        return HeaderDiffModel::tr("(none)");
    QStringList texts;
    for (const QByteArray& value : values)
        texts.append(QString::fromUtf8(value));
    return texts.join(QStringLiteral(" | "));
}

} // namespace

HeaderDiffModel::HeaderDiffModel(QObject* parent)
    : QAbstractTableModel(parent)
{ }

void HeaderDiffModel::setHeaders(const QList<HeaderDifference>& headers, const QString& leftTitle,
                                 const QString& rightTitle)
{
    m_all = headers;
    m_leftTitle = leftTitle;
    m_rightTitle = rightTitle;
    rebuild();
    Q_EMIT headerDataChanged(Qt::Horizontal, 0, ColumnCount - 1);
}

void HeaderDiffModel::setDifferencesOnly(bool only)
{
    if (only == m_differencesOnly)
        return;
    m_differencesOnly = only;
    rebuild();
}

void HeaderDiffModel::rebuild()
{
    beginResetModel();
    m_rows.clear();
    for (const HeaderDifference& header : m_all) {
        if (!m_differencesOnly || header.kind != HeaderDifference::Kind::Same)
            m_rows.append(header);
    }
    endResetModel();
}

int HeaderDiffModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int HeaderDiffModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant HeaderDiffModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const HeaderDifference& header = m_rows.at(index.row());
    if (role == Qt::ForegroundRole) {
        if (header.kind == HeaderDifference::Kind::Same || (index.column() == LeftColumn && header.left.isEmpty())
            || (index.column() == RightColumn && header.right.isEmpty()))
            return dimmedColour();
        return {};
    }
    if (role != Qt::DisplayRole)
        return {};
    switch (index.column()) {
    case NameColumn:
        return QString::fromUtf8(header.name);
    case LeftColumn:
        return joinedValues(header.left);
    case RightColumn:
        return joinedValues(header.right);
    case KindColumn:
        return QString(CaptureCompare::kindName(header.kind));
    default:
        return {};
    }
}

QVariant HeaderDiffModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    return columnTitle(section,
                       {tr("Header"), m_leftTitle.isEmpty() ? tr("Left") : m_leftTitle,
                        m_rightTitle.isEmpty() ? tr("Right") : m_rightTitle, tr("Difference")});
}

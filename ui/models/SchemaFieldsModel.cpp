// SPDX-License-Identifier: MIT
#include "models/SchemaFieldsModel.h"

#include <QDateTime>
#include <QLocale>

#include "models/ModelText.h"

namespace {

QString seen(qint64 ms)
{
    return QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC).toString(Qt::ISODateWithMs);
}

} // namespace

SchemaFieldsModel::SchemaFieldsModel(QObject* parent)
    : QAbstractTableModel(parent)
{ }

void SchemaFieldsModel::setFields(const std::vector<SchemaField>& fields)
{
    beginResetModel();
    m_fields = fields;
    endResetModel();
}

int SchemaFieldsModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : int(m_fields.size());
}

int SchemaFieldsModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant SchemaFieldsModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const SchemaField& field = m_fields[size_t(index.row())];
    switch (role) {
    case FirstCaptureIdRole:
        return field.firstCaptureId;
    case LastCaptureIdRole:
        return field.lastCaptureId;
    case SortRole:
        switch (index.column()) {
        case FirstSeenColumn:
            return field.firstSeenMs;
        case LastSeenColumn:
            return field.lastSeenMs;
        case CountColumn:
            return field.count;
        default:
            return data(index, Qt::DisplayRole);
        }
    case Qt::FontRole: {
        // More than one type besides null is what drift looks like.
        QStringList types = field.typeNames();
        types.removeAll(QStringLiteral("null"));
        return index.column() == TypesColumn && types.size() > 1 ? QVariant(ModelText::boldFont()) : QVariant();
    }
    case Qt::DisplayRole:
        break;
    default:
        return {};
    }
    switch (index.column()) {
    case PathColumn:
        return field.path;
    case TypesColumn:
        return field.typeNames().join(QStringLiteral(", "));
    case FirstSeenColumn:
        return seen(field.firstSeenMs);
    case LastSeenColumn:
        return seen(field.lastSeenMs);
    case CountColumn:
        return QLocale().toString(field.count);
    default:
        return {};
    }
}

QVariant SchemaFieldsModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    return ModelText::columnTitle(section, {tr("Field"), tr("Types"), tr("First seen"), tr("Last seen"), tr("Values")});
}

// SPDX-License-Identifier: MIT
#pragma once

#include <QAbstractTableModel>
#include <vector>

#include "payload/SchemaDrift.h"

// The fields one schema's diffs have shown: path, JSON types, first and last seen, values seen.
class SchemaFieldsModel final : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column
    {
        PathColumn,
        TypesColumn,
        FirstSeenColumn,
        LastSeenColumn,
        CountColumn,
        ColumnCount
    };
    enum Role
    {
        SortRole = Qt::UserRole + 1,
        FirstCaptureIdRole,
        LastCaptureIdRole,
    };

    explicit SchemaFieldsModel(QObject* parent = nullptr);

    // A copy is kept: the index may grow while the view shows it.
    void setFields(const std::vector<SchemaField>& fields);
    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    std::vector<SchemaField> m_fields;
};

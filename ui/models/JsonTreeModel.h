// SPDX-License-Identifier: MIT
#pragma once

#include <QAbstractItemModel>
#include <vector>

#include "json/JsonDocument.h"

// A JSON body as a tree in received order: key (or index), type and value, every value as written.
// Built once over the parsed document (one small node per value), then read-only.
class JsonTreeModel final : public QAbstractItemModel
{
    Q_OBJECT

public:
    enum Column
    {
        KeyColumn,
        TypeColumn,
        ValueColumn,
        ColumnCount
    };
    enum Role
    {
        PathRole = Qt::UserRole + 1, // $.payload.events[0].docId
        RawRole // the value's exact JSON text
    };

    explicit JsonTreeModel(QObject* parent = nullptr);
    void setDocument(const JsonDocument& document);

    QModelIndex index(int row, int column, const QModelIndex& parent = {}) const override;
    QModelIndex parent(const QModelIndex& child) const override;
    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    // Indexes whose key or value contains text (ignoring case), in document order.
    QModelIndexList find(const QString& text) const;

private:
    struct Node
    {
        JsonValue value;
        int parent = -1;
        int row = 0;
        int firstChild = -1; // children are stored contiguously
        int childCount = 0;
        QString key; // member name, or "[i]" for an element
    };
    QModelIndex indexOfNode(int node, int column) const;
    QString path(int node) const;

    JsonDocument m_document;
    std::vector<Node> m_nodes;
};

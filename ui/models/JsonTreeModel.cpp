// SPDX-License-Identifier: MIT
#include "models/JsonTreeModel.h"

#include <QCoreApplication>
#include <QRegularExpression>

#include "models/ModelText.h"

namespace {

QString typeName(const JsonValue& value)
{
    switch (value.type()) {
    case JsonType::Null:
        return QCoreApplication::translate("JsonTreeModel", "null");
    case JsonType::False:
    case JsonType::True:
        return QCoreApplication::translate("JsonTreeModel", "boolean");
    case JsonType::Number:
        return QCoreApplication::translate("JsonTreeModel", "number");
    case JsonType::String:
        return QCoreApplication::translate("JsonTreeModel", "string");
    case JsonType::Array:
        return QCoreApplication::translate("JsonTreeModel", "array");
    case JsonType::Object:
        break;
    }
    return QCoreApplication::translate("JsonTreeModel", "object");
}

bool isIdentifier(const QString& key)
{
    static const QRegularExpression identifier(QStringLiteral("^[A-Za-z_$][A-Za-z0-9_$]*$"));
    return identifier.match(key).hasMatch();
}

} // namespace

JsonTreeModel::JsonTreeModel(QObject* parent)
    : QAbstractItemModel(parent)
{ }

void JsonTreeModel::setDocument(const JsonDocument& document)
{
    beginResetModel();
    m_document = document;
    m_nodes.clear();
    if (!document.isNull()) {
        m_nodes.reserve(size_t(document.nodeCount()));
        m_nodes.push_back({document.root(), -1, 0, -1, 0, QStringLiteral("$")});
        // Breadth first, so that each node's children sit next to each other.
        for (size_t current = 0; current < m_nodes.size(); ++current) {
            const JsonValue value = m_nodes[current].value;
            if (!value.isObject() && !value.isArray())
                continue;
            const int first = int(m_nodes.size());
            const qsizetype count = value.size();
            for (qsizetype i = 0; i < count; ++i) {
                const QString key = value.isObject() ? value.keyAt(i).toString() : QStringLiteral("[%1]").arg(i);
                m_nodes.push_back({value.at(i), int(current), int(i), -1, 0, key});
            }
            m_nodes[current].firstChild = first;
            m_nodes[current].childCount = int(count);
        }
    }
    endResetModel();
}

QModelIndex JsonTreeModel::indexOfNode(int node, int column) const
{
    if (node <= 0)
        return node == 0 ? createIndex(0, column, quintptr(0)) : QModelIndex();
    return createIndex(m_nodes[size_t(node)].row, column, quintptr(node));
}

QModelIndex JsonTreeModel::index(int row, int column, const QModelIndex& parent) const
{
    if (column < 0 || column >= ColumnCount || row < 0)
        return {};
    if (!parent.isValid())
        return row == 0 && !m_nodes.empty() ? createIndex(0, column, quintptr(0)) : QModelIndex();
    const Node& node = m_nodes[size_t(parent.internalId())];
    if (row >= node.childCount)
        return {};
    return createIndex(row, column, quintptr(node.firstChild + row));
}

QModelIndex JsonTreeModel::parent(const QModelIndex& child) const
{
    if (!child.isValid())
        return {};
    const int parentNode = m_nodes[size_t(child.internalId())].parent;
    return parentNode < 0 ? QModelIndex() : indexOfNode(parentNode, 0);
}

int JsonTreeModel::rowCount(const QModelIndex& parent) const
{
    if (!parent.isValid())
        return m_nodes.empty() ? 0 : 1;
    if (parent.column() != 0)
        return 0;
    return m_nodes[size_t(parent.internalId())].childCount;
}

int JsonTreeModel::columnCount(const QModelIndex&) const
{
    return ColumnCount;
}

QString JsonTreeModel::path(int node) const
{
    QStringList parts;
    for (int current = node; current > 0; current = m_nodes[size_t(current)].parent) {
        const Node& n = m_nodes[size_t(current)];
        const bool element = m_nodes[size_t(n.parent)].value.isArray();
        if (element)
            parts.prepend(n.key);
        else if (isIdentifier(n.key))
            parts.prepend(QLatin1Char('.') + n.key);
        else
            parts.prepend(QStringLiteral("[\"%1\"]").arg(n.key));
    }
    return QLatin1Char('$') + parts.join(QString());
}

QVariant JsonTreeModel::data(const QModelIndex& index, int role) const
{
    if (!index.isValid())
        return {};
    const int id = int(index.internalId());
    const Node& node = m_nodes[size_t(id)];
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case KeyColumn:
            return node.key;
        case TypeColumn:
            return typeName(node.value);
        case ValueColumn:
            if (node.value.isObject())
                return tr("%n member(s)", nullptr, int(node.childCount));
            if (node.value.isArray())
                return tr("%n element(s)", nullptr, int(node.childCount));
            if (node.value.isString())
                return node.value.toString();
            return QString::fromUtf8(node.value.raw());
        }
        break;
    case Qt::ToolTipRole:
        return path(id);
    case PathRole:
        return path(id);
    case RawRole:
        return QString::fromUtf8(node.value.raw());
    }
    return {};
}

QVariant JsonTreeModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    return ModelText::columnTitle(section, {tr("Key"), tr("Type"), tr("Value")});
}

QModelIndexList JsonTreeModel::find(const QString& text) const
{
    QModelIndexList found;
    if (text.isEmpty())
        return found;
    // Document order is depth first; walk it with an explicit stack.
    std::vector<int> stack {0};
    while (!stack.empty() && !m_nodes.empty()) {
        const int id = stack.back();
        stack.pop_back();
        const Node& node = m_nodes[size_t(id)];
        const bool scalar = !node.value.isObject() && !node.value.isArray();
        const QString value = node.value.isString() ? node.value.toString() : QString::fromUtf8(node.value.raw());
        if (node.key.contains(text, Qt::CaseInsensitive) || (scalar && value.contains(text, Qt::CaseInsensitive)))
            found.append(indexOfNode(id, KeyColumn));
        for (int child = node.childCount - 1; child >= 0; --child)
            stack.push_back(node.firstChild + child);
    }
    return found;
}

// SPDX-License-Identifier: MIT
#include "json/JsonValue.h"

#include "json/JsonDocumentData.h"
#include "json/JsonNumber.h"
#include "json/JsonStringCodec.h"

JsonType JsonValue::type() const
{
    return m_data ? m_data->nodes[m_index].type : JsonType::Null;
}

qsizetype JsonValue::begin() const
{
    return m_data ? m_data->nodes[m_index].begin : 0;
}

qsizetype JsonValue::end() const
{
    return m_data ? m_data->nodes[m_index].end : 0;
}

QByteArrayView JsonValue::raw() const
{
    if (!m_data)
        return {};
    const JsonNode& node = m_data->nodes[m_index];
    return QByteArrayView(m_data->source.constData() + node.begin, node.end - node.begin);
}

qsizetype JsonValue::size() const
{
    if (!m_data)
        return 0;
    const JsonNode& node = m_data->nodes[m_index];
    return (node.type == JsonType::Array || node.type == JsonType::Object) ? node.count : 0;
}

JsonValue JsonValue::at(qsizetype index) const
{
    if (index < 0 || index >= size())
        return {};
    const JsonNode& node = m_data->nodes[m_index];
    const size_t slot = node.first + size_t(node.type == JsonType::Object ? 2 * index + 1 : index);
    return JsonValue(m_data, m_data->children[slot]);
}

JsonValue JsonValue::keyAt(qsizetype index) const
{
    if (!isObject() || index < 0 || index >= size())
        return {};
    const JsonNode& node = m_data->nodes[m_index];
    return JsonValue(m_data, m_data->children[node.first + size_t(2 * index)]);
}

JsonValue JsonValue::member(const QString& key) const
{
    if (!isObject())
        return {};
    for (qsizetype i = size() - 1; i >= 0; --i) {
        if (keyAt(i).toString() == key)
            return at(i);
    }
    return {};
}

QString JsonValue::toString() const
{
    if (!isString())
        return {};
    const JsonNode& node = m_data->nodes[m_index];
    const QByteArrayView token = raw();
    return JsonStringCodec::decodeToken(token, node.escaped);
}

bool JsonValue::hasEscapes() const
{
    return m_data && m_data->nodes[m_index].escaped;
}

QByteArrayView JsonValue::numberText() const
{
    return isNumber() ? raw() : QByteArrayView();
}

double JsonValue::toDouble() const
{
    return isNumber() ? JsonNumber::parse(raw()) : 0.0;
}

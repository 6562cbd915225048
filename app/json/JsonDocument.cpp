// SPDX-License-Identifier: MIT
#include "json/JsonDocument.h"

#include "json/JsonDocumentData.h"

JsonDocument::JsonDocument(std::shared_ptr<const JsonDocumentData> data)
    : m_data(std::move(data))
{ }

JsonValue JsonDocument::root() const
{
    if (!m_data || m_data->nodes.empty())
        return {};
    return JsonValue(m_data.get(), 0);
}

const QByteArray& JsonDocument::source() const
{
    static const QByteArray empty;
    return m_data ? m_data->source : empty;
}

qsizetype JsonDocument::nodeCount() const
{
    return m_data ? qsizetype(m_data->nodes.size()) : 0;
}

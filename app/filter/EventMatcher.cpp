// SPDX-License-Identifier: MIT
#include "filter/EventMatcher.h"

#include "json/JsonReader.h"

namespace {

bool meets(const std::vector<FilterPattern>& patterns, const std::optional<QByteArray>& member)
{
    for (const FilterPattern& pattern : patterns) {
        if (!member || !pattern.matches(QByteArrayView(*member)))
            return false;
    }
    return true;
}

std::optional<QByteArray> stringMember(const JsonValue& object, const QString& key)
{
    const JsonValue value = object.member(key);
    if (!value.isString())
        return std::nullopt;
    return value.toString().toUtf8();
}

} // namespace

bool EventCondition::matches(const std::optional<QByteArray>& schema, const std::optional<QByteArray>& action,
                             const std::optional<QByteArray>& docId) const
{
    return meets(schemas, schema) && meets(actions, action) && meets(docIds, docId);
}

std::vector<JsonEventMatcher::Event> JsonEventMatcher::readEvents(QByteArrayView body)
{
    std::vector<Event> events;
    // The reader only looks at the bytes while reading, and nothing it returns is kept past this function.
    const QByteArray source = QByteArray::fromRawData(body.data(), body.size());
    JsonReadOptions options;
    options.maxDepth = 512;
    options.skipByteOrderMark = true;
    const JsonReadResult read = JsonReader::read(source, options);
    if (!read.ok())
        return events;
    const JsonValue payload
        = read.document.root().isObject() ? read.document.root().member(QStringLiteral("payload")) : JsonValue();
    const JsonValue list = payload.isObject() ? payload.member(QStringLiteral("events")) : JsonValue();
    if (!list.isArray())
        return events;
    const QString schemaKey = QStringLiteral("schema");
    const QString actionKey = QStringLiteral("action");
    const QString docIdKey = QStringLiteral("docId");
    for (qsizetype i = 0; i < list.size(); ++i) {
        const JsonValue event = list.at(i);
        if (!event.isObject())
            continue;
        events.push_back(
            {stringMember(event, schemaKey), stringMember(event, actionKey), stringMember(event, docIdKey)});
    }
    return events;
}

bool JsonEventMatcher::matches(qint64 captureId, QByteArrayView body, const EventCondition& condition)
{
    if (captureId == 0 || captureId != m_cachedId) {
        m_cached = readEvents(body);
        m_cachedId = captureId;
    }
    for (const Event& event : m_cached) {
        if (condition.matches(event.schema, event.action, event.docId))
            return true;
    }
    return false;
}

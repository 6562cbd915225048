// SPDX-License-Identifier: MIT
#include "payload/SchemaDrift.h"

#include "json/JsonStringCodec.h"
#include "payload/JsonText.h"

namespace {

FieldType typeOf(const JsonValue& value)
{
    switch (value.type()) {
    case JsonType::Null:
        return FieldType::Null;
    case JsonType::True:
    case JsonType::False:
        return FieldType::Boolean;
    case JsonType::Number: {
        const QByteArrayView text = value.raw();
        return text.contains('.') || text.contains('e') || text.contains('E') ? FieldType::Number : FieldType::Integer;
    }
    case JsonType::String:
        return FieldType::String;
    case JsonType::Array:
        return FieldType::Array;
    case JsonType::Object:
        return FieldType::Object;
    }
    return FieldType::Null;
}

// Integer and number are one kind for drift: 1 then 1.5 is the same field type.
FieldTypes kindOf(FieldTypes types)
{
    FieldTypes kinds = types & ~FieldTypes(FieldType::Null);
    if (kinds.testFlag(FieldType::Number))
        kinds = (kinds & ~FieldTypes(FieldType::Number)) | FieldType::Integer;
    return kinds;
}

void indentTo(QByteArray& out, int indent)
{
    out.append('\n');
    out.append(QByteArray(2 * indent, ' '));
}

void appendQuoted(QByteArray& out, QStringView text)
{
    JsonStringCodec::appendQuoted(out, text);
}

} // namespace

QStringList SchemaField::typeNames() const
{
    QStringList names;
    if (types.testFlag(FieldType::String))
        names.append(QStringLiteral("string"));
    if (types.testFlag(FieldType::Number))
        names.append(QStringLiteral("number"));
    else if (types.testFlag(FieldType::Integer))
        names.append(QStringLiteral("integer"));
    if (types.testFlag(FieldType::Boolean))
        names.append(QStringLiteral("boolean"));
    if (types.testFlag(FieldType::Object))
        names.append(QStringLiteral("object"));
    if (types.testFlag(FieldType::Array))
        names.append(QStringLiteral("array"));
    if (types.testFlag(FieldType::Null))
        names.append(QStringLiteral("null"));
    return names;
}

SchemaDrift::SchemaDrift(QString name)
    : m_name(std::move(name))
{ }

DeliveryFlags SchemaDrift::observe(const JsonValue& diff, qint64 seenMs, qint64 captureId)
{
    ++m_events;
    DeliveryFlags flags;
    if (!diff.isObject() || diff.size() == 0)
        return flags;
    m_fieldsBefore = int(m_fields.size());
    for (const JsonMember& member : JsonText::members(diff)) {
        QString path;
        JsonText::appendKey(path, member.key);
        observeValue(member.value, -1, path, member.key, 0, seenMs, captureId, &flags);
    }
    if (!m_baseline) {
        m_baseline = true;
        flags = {};
    }
    return flags;
}

void SchemaDrift::observeValue(const JsonValue& value, int parent, const QString& path, const QString& key, int depth,
                               qint64 seenMs, qint64 captureId, DeliveryFlags* flags)
{
    const FieldType type = typeOf(value);
    int index = m_byPath.value(path, -1);
    if (index < 0) {
        if (int(m_fields.size()) >= maxFields) {
            m_truncated = true;
            return;
        }
        index = int(m_fields.size());
        m_byPath.insert(path, index);
        m_fields.push_back(SchemaField {path, key, parent, {}, seenMs, seenMs, captureId, captureId, 0});
        *flags |= DeliveryFlag::NewField;
    } else {
        // A path this very event introduced (mixed array elements) is new, not changed.
        const FieldTypes seen = kindOf(m_fields[size_t(index)].types);
        const FieldTypes now = kindOf(FieldTypes(type));
        if (index < m_fieldsBefore && seen != FieldTypes() && now != FieldTypes() && !(seen & now))
            *flags |= DeliveryFlag::TypeChanged;
    }
    SchemaField& field = m_fields[size_t(index)];
    field.types |= type;
    ++field.count;
    if (seenMs < field.firstSeenMs) {
        field.firstSeenMs = seenMs;
        field.firstCaptureId = captureId;
    }
    if (seenMs >= field.lastSeenMs) {
        field.lastSeenMs = seenMs;
        field.lastCaptureId = captureId;
    }
    if (depth + 1 >= maxDepth)
        return;
    if (value.isObject()) {
        for (const JsonMember& member : JsonText::members(value)) {
            QString childPath = path;
            JsonText::appendKey(childPath, member.key);
            observeValue(member.value, index, childPath, member.key, depth + 1, seenMs, captureId, flags);
        }
    } else if (value.isArray()) {
        const QString elements = path + QStringLiteral("[]");
        for (qsizetype i = 0; i < value.size(); ++i)
            observeValue(value.at(i), index, elements, QString(), depth + 1, seenMs, captureId, flags);
    }
}

QByteArray SchemaDrift::toJsonSchema() const
{
    std::vector<std::vector<int>> children(m_fields.size() + 1);
    for (size_t i = 0; i < m_fields.size(); ++i) {
        const int parent = m_fields[i].parent;
        children[parent < 0 ? m_fields.size() : size_t(parent)].push_back(int(i));
    }
    QByteArray out = "{";
    indentTo(out, 1);
    out += R"("$schema": "https://json-schema.org/draft/2020-12/schema",)";
    indentTo(out, 1);
    out += R"("title": )";
    appendQuoted(out, m_name);
    out += ',';
    indentTo(out, 1);
    out += R"("description": )";
    appendQuoted(out,
                 QStringLiteral("The fields seen in %1 Firm App event diff(s) of schema \"%2\"; diffs carry changed "
                                "fields only, so none is required.")
                     .arg(m_events)
                     .arg(m_name));
    out += ',';
    indentTo(out, 1);
    out += R"("type": "object")";
    appendProperties(out, children, -1, 1);
    indentTo(out, 0);
    out += "}\n";
    return out;
}

void SchemaDrift::appendProperties(QByteArray& out, const std::vector<std::vector<int>>& children, int parent,
                                   int indent) const
{
    const std::vector<int>& members = children[parent < 0 ? m_fields.size() : size_t(parent)];
    int items = -1;
    QList<int> properties;
    for (int child : members) {
        if (m_fields[size_t(child)].isArrayElement())
            items = child;
        else
            properties.append(child);
    }
    if (!properties.isEmpty()) {
        out += ',';
        indentTo(out, indent);
        out += R"("properties": {)";
        for (qsizetype i = 0; i < properties.size(); ++i) {
            indentTo(out, indent + 1);
            appendQuoted(out, m_fields[size_t(properties.at(i))].key);
            out += ": ";
            appendSchema(out, children, properties.at(i), indent + 1);
            if (i + 1 < properties.size())
                out += ',';
        }
        indentTo(out, indent);
        out += '}';
    }
    if (items >= 0) {
        out += ',';
        indentTo(out, indent);
        out += R"("items": )";
        appendSchema(out, children, items, indent);
    }
}

void SchemaDrift::appendSchema(QByteArray& out, const std::vector<std::vector<int>>& children, int field,
                               int indent) const
{
    const QStringList types = m_fields[size_t(field)].typeNames();
    out += '{';
    indentTo(out, indent + 1);
    out += R"("type": )";
    if (types.size() == 1) {
        appendQuoted(out, types.constFirst());
    } else {
        out += '[';
        for (qsizetype i = 0; i < types.size(); ++i) {
            if (i > 0)
                out += ", ";
            appendQuoted(out, types.at(i));
        }
        out += ']';
    }
    appendProperties(out, children, field, indent + 1);
    indentTo(out, indent);
    out += '}';
}

// SPDX-License-Identifier: MIT
#pragma once

#include <QByteArray>
#include <QHash>
#include <QString>
#include <QStringList>
#include <vector>

#include "json/JsonValue.h"
#include "payload/DeliveryFlags.h"

// The JSON types seen for a field; integer and number are told apart so the export can say "integer".
enum class FieldType : quint8
{
    Null = 0x01,
    Boolean = 0x02,
    Integer = 0x04,
    Number = 0x08, // with a fraction or an exponent
    String = 0x10,
    Array = 0x20,
    Object = 0x40,
};
Q_DECLARE_FLAGS(FieldTypes, FieldType)
Q_DECLARE_OPERATORS_FOR_FLAGS(FieldTypes)

struct SchemaField
{
    QString path; // "name", "address.city", "tags[]" (the elements of an array)
    QString key; // the last segment; empty for array elements
    int parent = -1; // index of the enclosing field, -1 at the top
    FieldTypes types;
    qint64 firstSeenMs = 0;
    qint64 lastSeenMs = 0;
    qint64 firstCaptureId = 0;
    qint64 lastCaptureId = 0;
    qint64 count = 0; // values seen (each element of an array counts)

    bool isArrayElement() const { return key.isEmpty() && parent >= 0; }
    // JSON Schema type names in a fixed order: "string", "integer"/"number", "boolean", "object", "array", "null".
    QStringList typeNames() const;
};

// What one schema's diffs have looked like so far: each field path with its types and when it was first
// and last seen. The first event that carries a diff sets the baseline; later ones that bring an unseen
// path are NewField, and a non-null value of a type not seen for its path is TypeChanged (null never
// counts: in a diff it means the field was cleared). At most maxFields paths and maxDepth levels are
// tracked, so a schema whose keys are ids cannot grow without bound.
class SchemaDrift final
{
public:
    static constexpr int maxFields = 2000;
    static constexpr int maxDepth = 8;

    explicit SchemaDrift(QString name = {});

    const QString& name() const { return m_name; }
    qint64 eventCount() const { return m_events; }
    const std::vector<SchemaField>& fields() const { return m_fields; }
    int fieldIndex(const QString& path) const { return m_byPath.value(path, -1); }
    bool truncated() const { return m_truncated; }

    // Records one event of this schema; diff may be invalid (no diff).
    DeliveryFlags observe(const JsonValue& diff, qint64 seenMs, qint64 captureId);

    // A JSON Schema (draft 2020-12) document for the fields seen, indented, ending with a newline.
    QByteArray toJsonSchema() const;

private:
    void observeValue(const JsonValue& value, int parent, const QString& path, const QString& key, int depth,
                      qint64 seenMs, qint64 captureId, DeliveryFlags* flags);
    void appendProperties(QByteArray& out, const std::vector<std::vector<int>>& children, int parent, int indent) const;
    void appendSchema(QByteArray& out, const std::vector<std::vector<int>>& children, int field, int indent) const;

    QString m_name;
    qint64 m_events = 0;
    bool m_baseline = false;
    bool m_truncated = false;
    int m_fieldsBefore = 0;
    std::vector<SchemaField> m_fields;
    QHash<QString, int> m_byPath;
};

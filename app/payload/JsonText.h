// SPDX-License-Identifier: MIT
#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QList>
#include <QString>
#include <QStringView>

#include "json/JsonReader.h"
#include "json/JsonValue.h"

// One member of an object as JSON.parse keeps it: the last of duplicate keys wins, at the first key's place.
struct JsonMember
{
    QString key;
    JsonValue value;
};

// Helpers over exact JSON text shared by the payload model, its diffs and the capture compare.
class JsonText final
{
public:
    // The value's exact source tokens with the whitespace between them removed (strings and numbers untouched).
    static QByteArray compact(QByteArrayView raw);
    // Compact text laid out on lines with two-space indentation; tokens stay exactly as they are.
    static QString pretty(QByteArrayView compactText);

    // JSON Schema's names: "null", "boolean", "number", "string", "array", "object".
    static QLatin1StringView typeName(JsonType type);

    // The members of an object with duplicate keys resolved as JSON.parse does.
    static QList<JsonMember> members(const JsonValue& object);
    // Equal as values: key order ignored, duplicates resolved, numbers by exact value (1.0 == 1, 1e2 == 100,
    // also beyond 2^53), strings by their decoded text. Nesting beyond maxDepth compares by source text.
    static bool equal(const JsonValue& a, const JsonValue& b);
    static bool numbersEqual(QByteArrayView a, QByteArrayView b);

    // Path segments: a key is written bare when it is made of letters, digits, '_', '$' and '-' ("name",
    // "address.city"), otherwise quoted ("[\"a b\"]"); an array element is "[3]".
    static void appendKey(QString& path, QStringView key);
    static void appendIndex(QString& path, qsizetype index);

    static constexpr int maxDepth = 256;
    // JSON read as the payload model reads it: nesting up to maxDepth levels.
    static JsonReadResult read(const QByteArray& json);
    // The same for a body as received, which may start with a UTF-8 byte order mark (passed over).
    static JsonReadResult readBody(const QByteArray& body);
};

// SPDX-License-Identifier: MIT
#pragma once

#include <QByteArray>
#include <vector>

#include "json/JsonValue.h"

// The compact tree behind a JsonDocument: one node per value, children stored contiguously.
struct JsonNode
{
    qsizetype begin = 0;
    qsizetype end = 0;
    quint32 first = 0; // index of the first child in JsonDocumentData::children
    quint32 count = 0; // elements, or members (an object's children are key, value pairs)
    JsonType type = JsonType::Null;
    bool escaped = false; // a string containing a backslash escape
};

class JsonDocumentData final
{
public:
    QByteArray source;
    std::vector<JsonNode> nodes;
    std::vector<quint32> children;
};

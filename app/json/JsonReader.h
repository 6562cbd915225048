// SPDX-License-Identifier: MIT
#pragma once

#include <QByteArray>
#include <optional>

#include "json/JsonDocument.h"
#include "json/JsonError.h"

struct JsonReadOptions
{
    int maxDepth = 10000; // nesting of arrays and objects
    bool skipByteOrderMark = false; // accept (and skip) a leading UTF-8 BOM, as body parsers do
};

struct JsonReadResult
{
    JsonDocument document; // null when error is set
    std::optional<JsonError> error;

    bool ok() const { return !error.has_value(); }
};

// Reads JSON exactly as ECMAScript JSON.parse accepts it (RFC 8259 grammar, any top-level value,
// lone surrogate escapes allowed) into an order-preserving tree that remembers every value's byte span.
// Linear time; iterative, so deep nesting ends in a TooDeep error, never a stack overflow.
class JsonReader final
{
public:
    static JsonReadResult read(const QByteArray& source, const JsonReadOptions& options = {});
};

// SPDX-License-Identifier: MIT
#pragma once

#include <QByteArray>
#include <memory>

#include "json/JsonValue.h"

class JsonDocumentData;

// A parsed JSON text and its source bytes. Cheap to copy (shared, immutable).
class JsonDocument final
{
public:
    JsonDocument() = default;

    bool isNull() const { return m_data == nullptr; }
    JsonValue root() const;
    const QByteArray& source() const;
    qsizetype nodeCount() const;

private:
    friend class JsonReader;
    explicit JsonDocument(std::shared_ptr<const JsonDocumentData> data);

    std::shared_ptr<const JsonDocumentData> m_data;
};

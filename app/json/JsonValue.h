// SPDX-License-Identifier: MIT
#pragma once

#include <QByteArrayView>
#include <QString>
#include <QtGlobal>

class JsonDocumentData;

enum class JsonType : quint8
{
    Null,
    False,
    True,
    Number,
    String,
    Array,
    Object
};

// A light handle on one value of a JsonDocument; valid while the document lives. Objects keep their
// members exactly as written: source order, duplicate keys included.
class JsonValue final
{
public:
    JsonValue() = default;

    bool isValid() const { return m_data != nullptr; }
    JsonType type() const;
    bool isObject() const { return isValid() && type() == JsonType::Object; }
    bool isArray() const { return isValid() && type() == JsonType::Array; }
    bool isString() const { return isValid() && type() == JsonType::String; }
    bool isNumber() const { return isValid() && type() == JsonType::Number; }

    // Byte span in the source: [begin, end). Strings include their quotes.
    qsizetype begin() const;
    qsizetype end() const;
    QByteArrayView raw() const;

    // Members of an object or elements of an array, in source order.
    qsizetype size() const;
    JsonValue at(qsizetype index) const; // array element, or object member value
    JsonValue keyAt(qsizetype index) const; // object member key (a string value)
    // The value of the last member with this key, as JSON.parse would keep it; invalid when absent.
    JsonValue member(const QString& key) const;

    // The decoded string (UTF-16; unpaired surrogates from \u escapes are kept, invalid UTF-8 becomes U+FFFD).
    QString toString() const;
    bool hasEscapes() const;
    // A number's source text, e.g. "1.50e+3".
    QByteArrayView numberText() const;
    double toDouble() const;

    bool operator==(const JsonValue& other) const = default;

private:
    friend class JsonDocument;
    friend class JsonStringifier;
    JsonValue(const JsonDocumentData* data, quint32 index)
        : m_data(data)
        , m_index(index)
    { }

    const JsonDocumentData* m_data = nullptr;
    quint32 m_index = 0;
};

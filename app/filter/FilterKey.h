// SPDX-License-Identifier: MIT
#pragma once

#include <QList>
#include <QString>
#include <QStringList>
#include <optional>

// What a term of a filter query looks at. Text is a term without a key (free text).
enum class FilterKey : quint8
{
    Text,
    Method,
    Path,
    Status,
    Sig,
    Scheme,
    Schema,
    Action,
    Doc,
    Header,
    Body,
    Size,
    After,
    Before,
    Peer
};

// The form a key's value takes in a term: kept as written (Text), or read into the term's typed fields.
enum class FilterValueForm : quint8
{
    Text,
    Method,
    Status,
    Size,
    Signature,
    Scheme,
    Header,
    Time
};

// One key as the filter field offers it for completion: "status", what its value looks like, and the values
// worth proposing (empty when the value is free, such as a path).
struct FilterKeyInfo
{
    FilterKey key = FilterKey::Text;
    QString name;
    QString hint;
    QStringList values;
};

class FilterKeys final
{
public:
    // Every key (Text excepted) in the order a completion list shows them.
    static QList<FilterKeyInfo> all();
    static QString name(FilterKey key); // "status"; empty for Text
    static std::optional<FilterKey> fromName(QStringView name); // ignores case
    // How a value is read and written back: free text, paths, patterns and body text stay as written.
    static FilterValueForm valueForm(FilterKey key);
    // The key closest to a mistyped one ("stauts" -> "status"), or empty when none is close.
    static QString nearest(QStringView name);
};

// SPDX-License-Identifier: MIT
#pragma once

#include <QByteArray>
#include <QList>
#include <QString>

#include "json/JsonValue.h"

struct StructuralChange
{
    enum class Kind : quint8
    {
        Added, // only on the right
        Removed, // only on the left
        Changed, // on both sides, different values (or types)
        OrderChanged, // same members or elements, in another order (left and right hold the orders)
    };

    QString path; // "" is the top-level value
    Kind kind = Kind::Changed;
    QByteArray left; // exact compact JSON text; empty when absent
    QByteArray right;

    bool operator==(const StructuralChange& other) const = default;
};

struct StructuralDiff
{
    QList<StructuralChange> changes;
    bool truncated = false; // more than Options::maxChanges differences: the rest is not listed
};

struct StructuralDiffOptions
{
    bool noteOrder = true;
    int maxChanges = 10000;
};

// Compares two JSON values member by member. Object key order does not make values differ (JSON.parse
// semantics: duplicate keys resolved, numbers by exact value, strings by decoded text); with noteOrder, an
// object whose common keys come in another order, or an array holding the same elements in another order,
// gets one OrderChanged entry. Arrays are otherwise compared index by index.
class JsonStructuralDiff final
{
public:
    using Options = StructuralDiffOptions;

    static StructuralDiff compare(const JsonValue& left, const JsonValue& right, const QString& path = {},
                                  const Options& options = {});
    static StructuralDiff compare(const JsonValue& left, const JsonValue& right, const QString& path, bool noteOrder)
    {
        Options options;
        options.noteOrder = noteOrder;
        return compare(left, right, path, options);
    }

    static QLatin1StringView kindName(StructuralChange::Kind kind); // "added", "removed", "changed", "order_changed"
};

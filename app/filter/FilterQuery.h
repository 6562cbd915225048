// SPDX-License-Identifier: MIT
#pragma once

#include <QDate>
#include <QDateTime>
#include <QFlags>
#include <QString>
#include <QTime>
#include <optional>
#include <vector>

#include "filter/FilterKey.h"
#include "filter/FilterSignature.h"
#include "signature/SignatureScheme.h"

class QTimeZone;

enum class FilterCompare : quint8
{
    Equal,
    Less,
    LessOrEqual,
    Greater,
    GreaterOrEqual
};

// A time as after: and before: take it. Absolute times without an offset, today and yesterday are read in the
// time zone given when the query is evaluated; relative ones count back from the evaluation's "now".
struct FilterTime
{
    enum class Kind : quint8
    {
        Absolute, // a date, or a date and time, with or without an offset
        Relative, // -90m: `amount` units before now
        Today,
        Yesterday
    };

    Kind kind = Kind::Absolute;
    QDate date;
    QTime time; // invalid for a date alone (its midnight)
    std::optional<int> offsetSeconds; // from UTC, when the text gave Z or +hh:mm
    qint64 amount = 0;
    char unit = 'm'; // s, m, h, d, w

    qint64 resolveMs(const QDateTime& now, const QTimeZone& zone) const; // milliseconds since the epoch
    QString toString() const;
    bool operator==(const FilterTime& other) const = default;
};

// One term: a key and its value, or free text. The value is kept as typed (quotes removed); the parsed forms
// below are set for the keys that have them.
struct FilterTerm
{
    FilterKey key = FilterKey::Text;
    QString value;
    qsizetype start = 0; // the term's place in the query text (UTF-16 units), for the window to underline
    qsizetype length = 0;

    FilterCompare compare = FilterCompare::Equal; // status, size
    qint64 number = 0; // status code, or size in bytes
    int statusClass = 0; // 2 for 2xx; 0 when `number` is the code
    FilterSignatureState signature = FilterSignatureState::Unknown; // sig
    SignatureScheme scheme = SignatureScheme::None; // scheme
    QString headerName; // header
    std::optional<QString> headerValue; // header:name=value
    FilterTime time; // after, before

    QString toString() const; // canonical: normalised key and value, quoted where needed
};

// A node of a parsed query. And and Or have two or more children (nested ones of the same kind are merged),
// Not has one.
struct FilterNode
{
    enum class Kind : quint8
    {
        Term,
        And,
        Or,
        Not
    };

    Kind kind = Kind::Term;
    FilterTerm term;
    std::vector<FilterNode> children;
};

// What evaluating a query reads besides a capture's summary (method, target, status, size, time).
enum class FilterNeed : quint8
{
    Headers = 1,
    Body = 2,
    Signature = 4,
    Peer = 8,
    Events = 16
};
Q_DECLARE_FLAGS(FilterNeeds, FilterNeed)
Q_DECLARE_OPERATORS_FOR_FLAGS(FilterNeeds)

// A parsed query. Empty (no terms) matches every capture.
class FilterQuery final
{
public:
    FilterQuery() = default;
    explicit FilterQuery(FilterNode root);

    bool isEmpty() const { return !m_root.has_value(); }
    const FilterNode* root() const { return m_root ? &*m_root : nullptr; }
    // The canonical text: parsing it gives a query with the same canonical text.
    QString toString() const;
    // Headers and Body for free text, header: and body:; Events for schema:, action: and doc:.
    FilterNeeds needs() const;

private:
    std::optional<FilterNode> m_root;
};

// SPDX-License-Identifier: MIT
#pragma once

#include <QByteArray>
#include <QHash>
#include <QList>
#include <QString>
#include <functional>

// How a field fared in one event.
enum class ChangeKind : quint8
{
    Added, // it had no value before (known), now it has one
    Changed, // a different value, or a new value whose previous one is unknown
    Removed, // the diff sent null (the field was cleared), or a nested member or element is gone, or a delete
    Unchanged, // sent again with the value it already had ("unchanged but sent")
};

// One row of an event's diff. Values are exact compact JSON text; an empty text means "no value".
struct FieldChange
{
    QString path; // "name", "address.city", "tags[2]"
    ChangeKind kind = ChangeKind::Changed;
    bool beforeKnown = false; // false: the session has no earlier value for this field
    QByteArray before; // empty when unknown, or known to be absent
    QByteArray after; // empty when absent after the event (a nested removal, a delete)

    bool operator==(const FieldChange& other) const = default;
};

// "added", "changed", "removed", "unchanged_but_sent".
QLatin1StringView changeKindName(ChangeKind kind);

// What the session knows of one field before an event.
struct KnownValue
{
    enum class State : quint8
    {
        Unknown,
        Absent, // known not to exist: the document was just created or deleted, or the field was cleared
        Present
    };
    State state = State::Unknown;
    QByteArray json;
};

// A document's known fields while its events are walked in order. A create or a delete makes every field
// known (absent until set); before the first of them the document's fields are unknown. A null in a diff
// clears the field.
class DocumentState final
{
public:
    void reset(bool known);
    void apply(const QByteArray& diff);
    KnownValue value(const QString& key) const;
    QByteArray toJson() const; // the present fields as a compact object, in the order they were first set
    QList<QPair<QString, QByteArray>> fields() const;
    bool isKnown() const { return m_known; }

private:
    struct Slot
    {
        QString key;
        QByteArray json; // "null" for a cleared field
    };
    bool m_known = false;
    QList<Slot> m_slots;
    QHash<QString, qsizetype> m_byKey;
};

// The rows of one event. A diff value of null at the top level means the field was cleared: it is
// Removed (or Unchanged when it was known to be absent already), and "after" is the null that was sent.
// Nested objects and arrays are compared member by member (JsonStructuralDiff, order ignored): each nested
// difference is its own row. A value equal to the known one is one Unchanged row.
class EventChanges final
{
public:
    // A create, an update or an unknown action: one row (or several, when nested) per field of the diff.
    // A create's fields had no value before it, whatever before() says.
    static QList<FieldChange> forDiff(const QByteArray& diff, bool create,
                                      const std::function<KnownValue(const QString& key)>& before);
    // A delete: every field the session knew, removed.
    static QList<FieldChange> forDelete(const DocumentState& stateBefore);
};

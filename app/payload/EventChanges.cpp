// SPDX-License-Identifier: MIT
#include "payload/EventChanges.h"

#include "json/JsonStringCodec.h"
#include "payload/JsonStructuralDiff.h"
#include "payload/JsonText.h"

QLatin1StringView changeKindName(ChangeKind kind)
{
    switch (kind) {
    case ChangeKind::Added:
        return QLatin1StringView("added");
    case ChangeKind::Changed:
        return QLatin1StringView("changed");
    case ChangeKind::Removed:
        return QLatin1StringView("removed");
    case ChangeKind::Unchanged:
        break;
    }
    return QLatin1StringView("unchanged_but_sent");
}

void DocumentState::reset(bool known)
{
    m_known = known;
    m_slots.clear();
    m_byKey.clear();
}

void DocumentState::apply(const QByteArray& diff)
{
    if (diff.isEmpty())
        return;
    const JsonDocument document = JsonText::read(diff).document;
    for (const JsonMember& member : JsonText::members(document.root())) {
        const QByteArray json = JsonText::compact(member.value.raw());
        const auto it = m_byKey.constFind(member.key);
        if (it != m_byKey.constEnd()) {
            m_slots[*it].json = json;
            continue;
        }
        m_byKey.insert(member.key, m_slots.size());
        m_slots.append(Slot {member.key, json});
    }
}

KnownValue DocumentState::value(const QString& key) const
{
    const auto it = m_byKey.constFind(key);
    if (it == m_byKey.constEnd())
        return KnownValue {m_known ? KnownValue::State::Absent : KnownValue::State::Unknown, {}};
    const QByteArray& json = m_slots.at(*it).json;
    if (json == "null")
        return KnownValue {KnownValue::State::Absent, {}};
    return KnownValue {KnownValue::State::Present, json};
}

QList<QPair<QString, QByteArray>> DocumentState::fields() const
{
    QList<QPair<QString, QByteArray>> out;
    out.reserve(m_slots.size());
    for (const Slot& slot : m_slots) {
        if (slot.json != "null")
            out.append({slot.key, slot.json});
    }
    return out;
}

QByteArray DocumentState::toJson() const
{
    QByteArray out = "{";
    bool first = true;
    for (const Slot& slot : m_slots) {
        if (slot.json == "null")
            continue;
        if (!first)
            out += ',';
        first = false;
        JsonStringCodec::appendQuoted(out, slot.key);
        out += ':';
        out += slot.json;
    }
    out += '}';
    return out;
}

QList<FieldChange> EventChanges::forDiff(const QByteArray& diff, bool create,
                                         const std::function<KnownValue(const QString& key)>& before)
{
    QList<FieldChange> rows;
    if (diff.isEmpty())
        return rows;
    const JsonDocument document = JsonText::read(diff).document;
    for (const JsonMember& member : JsonText::members(document.root())) {
        QString path;
        JsonText::appendKey(path, member.key);
        const QByteArray after = JsonText::compact(member.value.raw());
        const KnownValue known = create ? KnownValue {KnownValue::State::Absent, {}} : before(member.key);
        const bool beforeKnown = known.state != KnownValue::State::Unknown;
        if (member.value.type() == JsonType::Null) {
            const ChangeKind kind
                = known.state == KnownValue::State::Absent ? ChangeKind::Unchanged : ChangeKind::Removed;
            rows.append(FieldChange {path, kind, beforeKnown, known.json, after});
            continue;
        }
        if (known.state == KnownValue::State::Unknown) {
            rows.append(FieldChange {path, ChangeKind::Changed, false, {}, after});
            continue;
        }
        if (known.state == KnownValue::State::Absent) {
            rows.append(FieldChange {path, ChangeKind::Added, true, {}, after});
            continue;
        }
        const JsonDocument previous = JsonText::read(known.json).document;
        const StructuralDiff nested = JsonStructuralDiff::compare(previous.root(), member.value, path, false);
        if (nested.changes.isEmpty()) {
            rows.append(FieldChange {path, ChangeKind::Unchanged, true, known.json, after});
            continue;
        }
        for (const StructuralChange& change : nested.changes) {
            const ChangeKind kind = change.kind == StructuralChange::Kind::Added ? ChangeKind::Added
                : change.kind == StructuralChange::Kind::Removed                 ? ChangeKind::Removed
                                                                                 : ChangeKind::Changed;
            rows.append(FieldChange {change.path, kind, true, change.left, change.right});
        }
    }
    return rows;
}

QList<FieldChange> EventChanges::forDelete(const DocumentState& stateBefore)
{
    QList<FieldChange> rows;
    for (const auto& [key, json] : stateBefore.fields()) {
        QString path;
        JsonText::appendKey(path, key);
        rows.append(FieldChange {path, ChangeKind::Removed, true, json, {}});
    }
    return rows;
}

// SPDX-License-Identifier: MIT
#include "payload/JsonStructuralDiff.h"

#include <QHash>

#include "json/JsonStringCodec.h"
#include "payload/JsonText.h"

namespace {

// Arrays up to this length are checked for being a reordering of each other (quadratic in the length).
constexpr qsizetype maxPermutationCheck = 512;

QByteArray keyList(const QStringList& keys)
{
    QByteArray out = "[";
    for (qsizetype i = 0; i < keys.size(); ++i) {
        if (i > 0)
            out += ',';
        JsonStringCodec::appendQuoted(out, keys.at(i));
    }
    out += ']';
    return out;
}

bool isPermutation(const JsonValue& left, const JsonValue& right)
{
    const qsizetype n = left.size();
    if (n != right.size() || n > maxPermutationCheck)
        return false;
    std::vector<bool> used(size_t(n), false);
    for (qsizetype i = 0; i < n; ++i) {
        bool found = false;
        for (qsizetype j = 0; j < n && !found; ++j) {
            if (!used[size_t(j)] && JsonText::equal(left.at(i), right.at(j))) {
                used[size_t(j)] = true;
                found = true;
            }
        }
        if (!found)
            return false;
    }
    return true;
}

class Differ
{
public:
    explicit Differ(const JsonStructuralDiff::Options& options)
        : m_options(options)
    { }

    void run(const JsonValue& left, const JsonValue& right, const QString& path, int depth);
    StructuralDiff m_result;

private:
    void add(StructuralChange::Kind kind, const QString& path, const JsonValue* left, const JsonValue* right);
    void objects(const JsonValue& left, const JsonValue& right, const QString& path, int depth);
    void arrays(const JsonValue& left, const JsonValue& right, const QString& path, int depth);
    bool full() const { return m_result.truncated; }

    JsonStructuralDiff::Options m_options;
};

void Differ::add(StructuralChange::Kind kind, const QString& path, const JsonValue* left, const JsonValue* right)
{
    if (m_result.changes.size() >= m_options.maxChanges) {
        m_result.truncated = true;
        return;
    }
    m_result.changes.append(StructuralChange {path, kind, left ? JsonText::compact(left->raw()) : QByteArray(),
                                              right ? JsonText::compact(right->raw()) : QByteArray()});
}

void Differ::run(const JsonValue& left, const JsonValue& right, const QString& path, int depth)
{
    if (full())
        return;
    if (left.isObject() && right.isObject() && depth < JsonText::maxDepth) {
        objects(left, right, path, depth);
    } else if (left.isArray() && right.isArray() && depth < JsonText::maxDepth) {
        arrays(left, right, path, depth);
    } else if (!JsonText::equal(left, right)) {
        add(StructuralChange::Kind::Changed, path, &left, &right);
    }
}

void Differ::objects(const JsonValue& left, const JsonValue& right, const QString& path, int depth)
{
    const QList<JsonMember> a = JsonText::members(left);
    const QList<JsonMember> b = JsonText::members(right);
    QHash<QString, qsizetype> inRight;
    inRight.reserve(b.size());
    for (qsizetype i = 0; i < b.size(); ++i)
        inRight.insert(b.at(i).key, i);
    QHash<QString, qsizetype> inLeft;
    inLeft.reserve(a.size());
    QStringList commonLeft;
    for (qsizetype i = 0; i < a.size(); ++i) {
        const JsonMember& member = a.at(i);
        inLeft.insert(member.key, i);
        QString child = path;
        JsonText::appendKey(child, member.key);
        const auto match = inRight.constFind(member.key);
        if (match == inRight.constEnd()) {
            add(StructuralChange::Kind::Removed, child, &member.value, nullptr);
            continue;
        }
        commonLeft.append(member.key);
        run(member.value, b.at(*match).value, child, depth + 1);
    }
    QStringList commonRight;
    for (const JsonMember& member : b) {
        if (inLeft.contains(member.key)) {
            commonRight.append(member.key);
            continue;
        }
        QString child = path;
        JsonText::appendKey(child, member.key);
        add(StructuralChange::Kind::Added, child, nullptr, &member.value);
    }
    if (m_options.noteOrder && commonLeft != commonRight && !full()) {
        if (m_result.changes.size() >= m_options.maxChanges) {
            m_result.truncated = true;
            return;
        }
        m_result.changes.append(
            StructuralChange {path, StructuralChange::Kind::OrderChanged, keyList(commonLeft), keyList(commonRight)});
    }
}

void Differ::arrays(const JsonValue& left, const JsonValue& right, const QString& path, int depth)
{
    if (m_options.noteOrder && !JsonText::equal(left, right) && isPermutation(left, right)) {
        add(StructuralChange::Kind::OrderChanged, path, &left, &right);
        return;
    }
    const qsizetype common = qMin(left.size(), right.size());
    for (qsizetype i = 0; i < common && !full(); ++i) {
        QString child = path;
        JsonText::appendIndex(child, i);
        run(left.at(i), right.at(i), child, depth + 1);
    }
    for (qsizetype i = common; i < left.size() && !full(); ++i) {
        QString child = path;
        JsonText::appendIndex(child, i);
        const JsonValue value = left.at(i);
        add(StructuralChange::Kind::Removed, child, &value, nullptr);
    }
    for (qsizetype i = common; i < right.size() && !full(); ++i) {
        QString child = path;
        JsonText::appendIndex(child, i);
        const JsonValue value = right.at(i);
        add(StructuralChange::Kind::Added, child, nullptr, &value);
    }
}

} // namespace

StructuralDiff JsonStructuralDiff::compare(const JsonValue& left, const JsonValue& right, const QString& path,
                                           const Options& options)
{
    Differ differ(options);
    if (!left.isValid() || !right.isValid()) {
        if (left.isValid())
            differ.m_result.changes.append(
                StructuralChange {path, StructuralChange::Kind::Removed, JsonText::compact(left.raw()), {}});
        else if (right.isValid())
            differ.m_result.changes.append(
                StructuralChange {path, StructuralChange::Kind::Added, {}, JsonText::compact(right.raw())});
        return differ.m_result;
    }
    differ.run(left, right, path, 0);
    return differ.m_result;
}

QLatin1StringView JsonStructuralDiff::kindName(StructuralChange::Kind kind)
{
    switch (kind) {
    case StructuralChange::Kind::Added:
        return QLatin1StringView("added");
    case StructuralChange::Kind::Removed:
        return QLatin1StringView("removed");
    case StructuralChange::Kind::Changed:
        return QLatin1StringView("changed");
    case StructuralChange::Kind::OrderChanged:
        break;
    }
    return QLatin1StringView("order_changed");
}

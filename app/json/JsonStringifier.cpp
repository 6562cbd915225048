// SPDX-License-Identifier: MIT
#include "json/JsonStringifier.h"

#include <QHash>
#include <algorithm>
#include <limits>
#include <vector>

#include "json/JsonDocumentData.h"
#include "json/JsonNumber.h"
#include "json/JsonStringCodec.h"

namespace {

// Objects with up to this many members find duplicates by a linear scan; larger ones use a hash.
constexpr quint32 linearScanLimit = 16;

struct Member
{
    QString key; // decoded, for duplicates and ordering; empty in source order (not needed)
    quint32 keyNode; // the (first) key token, which is what gets written
    quint32 value; // node index of the winning (last) value
    quint32 index; // array index when isIndex
    bool isIndex;
};

struct Frame
{
    const JsonNode* node;
    std::vector<Member> members; // objects only, in output order
    quint32 next = 0;
};

QString decodedKey(const JsonDocumentData& data, quint32 keyNode)
{
    const JsonNode& node = data.nodes[keyNode];
    const QByteArrayView token(data.source.constData() + node.begin, node.end - node.begin);
    return JsonStringCodec::decodeToken(token, node.escaped);
}

std::vector<Member> orderedMembers(const JsonDocumentData& data, const JsonNode& node,
                                   const JsonStringifyOptions& options)
{
    std::vector<Member> members;
    members.reserve(node.count);
    const quint32* pairs = data.children.data() + node.first;
    const auto byKey = [](const Member& a, const Member& b) {
        return QStringView(a.key).compare(QStringView(b.key), Qt::CaseSensitive) < 0;
    };
    if (options.sourceOrder) {
        // Keys are decoded only to be sorted; duplicates stay, in their order.
        for (quint32 i = 0; i < node.count; ++i)
            members.push_back(Member {options.sortKeys ? decodedKey(data, pairs[2 * i]) : QString(), pairs[2 * i],
                                      pairs[2 * i + 1], 0, false});
        if (options.sortKeys)
            std::stable_sort(members.begin(), members.end(), byKey);
        return members;
    }

    QHash<QString, quint32> slots;
    if (node.count > linearScanLimit)
        slots.reserve(node.count);
    for (quint32 i = 0; i < node.count; ++i) {
        QString key = decodedKey(data, pairs[2 * i]);
        const quint32 value = pairs[2 * i + 1];
        if (node.count > linearScanLimit) {
            const auto found = slots.constFind(key);
            if (found != slots.constEnd()) {
                members[*found].value = value;
                continue;
            }
            slots.insert(key, quint32(members.size()));
        } else {
            auto same = std::find_if(members.begin(), members.end(), [&key](const Member& m) { return m.key == key; });
            if (same != members.end()) {
                same->value = value;
                continue;
            }
        }
        quint32 index = 0;
        const bool isIndex = JsonStringifier::isArrayIndex(key, &index);
        members.push_back(Member {std::move(key), pairs[2 * i], value, index, isIndex});
    }
    if (options.sortKeys) {
        std::sort(members.begin(), members.end(), byKey); // keys are unique here
    } else {
        std::stable_partition(members.begin(), members.end(), [](const Member& m) { return m.isIndex; });
        const auto firstNamed
            = std::find_if(members.begin(), members.end(), [](const Member& m) { return !m.isIndex; });
        std::sort(members.begin(), firstNamed, [](const Member& a, const Member& b) { return a.index < b.index; });
    }
    return members;
}

bool isPlainAscii(QByteArrayView token)
{
    for (const char c : token) {
        if (static_cast<unsigned char>(c) >= 0x80)
            return false;
    }
    return true;
}

void appendString(QByteArray& out, const JsonDocumentData& data, const JsonNode& node,
                  const JsonStringifyOptions& options)
{
    const QByteArrayView token(data.source.constData() + node.begin, node.end - node.begin);
    // Unescaped ASCII is already written the way JSON.stringify writes it (controls cannot appear raw).
    if (!node.escaped && isPlainAscii(token) && (!options.asciiOnly || !token.contains('\x7f'))
        && (!options.escapeSlash || !token.contains('/'))) {
        out.append(token);
        return;
    }
    JsonStringCodec::appendQuoted(out, JsonStringCodec::decodeToken(token), options.asciiOnly, options.escapeSlash);
}

void appendNewline(QByteArray& out, const QByteArray& indent, size_t depth)
{
    out.append('\n');
    for (size_t i = 0; i < depth; ++i)
        out.append(indent);
}

} // namespace

bool JsonStringifier::isArrayIndex(const QString& key, quint32* index)
{
    const qsizetype n = key.size();
    if (n == 0 || n > 10)
        return false;
    if (key.at(0) == u'0' && n > 1)
        return false;
    quint64 value = 0;
    for (const QChar c : key) {
        if (c < u'0' || c > u'9')
            return false;
        value = value * 10 + quint64(c.unicode() - u'0');
    }
    if (value > 4294967294ULL)
        return false;
    if (index)
        *index = quint32(value);
    return true;
}

QByteArray JsonStringifier::stringify(const JsonValue& value, const JsonStringifyOptions& options)
{
    QByteArray out;
    if (value.isValid())
        out.reserve(value.end() - value.begin());
    append(out, value, options);
    return out;
}

bool JsonStringifier::stringify(const JsonValue& value, const JsonStringifyOptions& options, qsizetype maxSize,
                                QByteArray* out)
{
    out->clear();
    if (value.isValid())
        out->reserve(std::min(maxSize, qsizetype(value.end() - value.begin())));
    if (append(*out, value, options, maxSize))
        return true;
    *out = QByteArray();
    return false;
}

void JsonStringifier::append(QByteArray& out, const JsonValue& value, const JsonStringifyOptions& options)
{
    append(out, value, options, std::numeric_limits<qsizetype>::max());
}

bool JsonStringifier::append(QByteArray& out, const JsonValue& value, const JsonStringifyOptions& options,
                             qsizetype maxSize)
{
    if (!value.isValid())
        return true;
    const JsonDocumentData& data = *value.m_data;
    const bool pretty = !options.indent.isEmpty();
    const char* itemSeparator = (options.spaceAfterSeparators && !pretty) ? ", " : ",";
    const char* keySeparator = (options.spaceAfterSeparators || pretty) ? ": " : ":";
    std::vector<Frame> stack;

    // Writes a scalar, or opens a container (pushing a frame); returns true when a frame was pushed.
    auto open = [&](quint32 index) {
        const JsonNode& node = data.nodes[index];
        switch (node.type) {
        case JsonType::Null:
            out.append("null", 4);
            return false;
        case JsonType::True:
            out.append("true", 4);
            return false;
        case JsonType::False:
            out.append("false", 5);
            return false;
        case JsonType::Number:
            JsonNumber::appendJson(
                out, JsonNumber::parse(QByteArrayView(data.source.constData() + node.begin, node.end - node.begin)));
            return false;
        case JsonType::String:
            appendString(out, data, node, options);
            return false;
        case JsonType::Array:
            out.append('[');
            stack.push_back(Frame {&node, {}, 0});
            return true;
        case JsonType::Object:
            out.append('{');
            stack.push_back(Frame {&node, orderedMembers(data, node, options), 0});
            return true;
        }
        return false;
    };

    open(value.m_index);
    while (!stack.empty()) {
        if (out.size() > maxSize)
            return false;
        Frame& frame = stack.back();
        const bool object = frame.node->type == JsonType::Object;
        const quint32 count = object ? quint32(frame.members.size()) : frame.node->count;
        if (frame.next == count) {
            if (pretty && count > 0)
                appendNewline(out, options.indent, stack.size() - 1);
            out.append(object ? '}' : ']');
            stack.pop_back();
            continue;
        }
        if (frame.next > 0)
            out.append(itemSeparator);
        if (pretty)
            appendNewline(out, options.indent, stack.size());
        quint32 child = 0;
        if (object) {
            const Member& member = frame.members[frame.next];
            appendString(out, data, data.nodes[member.keyNode], options);
            out.append(keySeparator);
            child = member.value;
        } else {
            child = data.children[frame.node->first + frame.next];
        }
        ++frame.next;
        open(child); // may push, invalidating frame
    }
    return out.size() <= maxSize;
}

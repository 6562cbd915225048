// SPDX-License-Identifier: MIT
#include "payload/JsonText.h"

#include <QHash>
#include <limits>

#include "json/JsonStringCodec.h"

namespace {

bool isSpace(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

// A JSON number as sign, significant digits (no leading or trailing zeros) and the decimal exponent of
// the last digit, so that equal values have equal forms whatever their spelling.
struct DecimalForm
{
    bool negative = false;
    QByteArray digits;
    qint64 exponent = 0;
};

DecimalForm decimalForm(QByteArrayView text)
{
    DecimalForm form;
    qsizetype i = 0;
    if (i < text.size() && text[i] == '-') {
        form.negative = true;
        ++i;
    }
    qint64 fractionDigits = 0;
    bool inFraction = false;
    for (; i < text.size(); ++i) {
        const char c = text[i];
        if (c == '.') {
            inFraction = true;
            continue;
        }
        if (c == 'e' || c == 'E')
            break;
        if (c < '0' || c > '9')
            break;
        if (inFraction)
            ++fractionDigits;
        if (c == '0' && form.digits.isEmpty())
            continue; // leading zero
        form.digits.append(c);
    }
    qint64 exponent = 0;
    if (i < text.size() && (text[i] == 'e' || text[i] == 'E')) {
        ++i;
        bool negativeExponent = false;
        if (i < text.size() && (text[i] == '+' || text[i] == '-'))
            negativeExponent = text[i++] == '-';
        constexpr qint64 cap = std::numeric_limits<qint64>::max() / 16;
        for (; i < text.size() && text[i] >= '0' && text[i] <= '9'; ++i)
            exponent = std::min(cap, exponent * 10 + (text[i] - '0'));
        if (negativeExponent)
            exponent = -exponent;
    }
    // Leading zeros of the fraction were skipped above but still count in fractionDigits: that is right,
    // the exponent refers to the position of the last digit written.
    qsizetype trailing = 0;
    while (trailing < form.digits.size() && form.digits.at(form.digits.size() - 1 - trailing) == '0')
        ++trailing;
    form.digits.chop(trailing);
    form.exponent = exponent - fractionDigits + trailing;
    if (form.digits.isEmpty()) { // zero, whatever its sign: -0 == 0
        form.negative = false;
        form.exponent = 0;
    }
    return form;
}

bool stringsEqual(const JsonValue& a, const JsonValue& b)
{
    if (!a.hasEscapes() && !b.hasEscapes())
        return a.raw() == b.raw();
    return a.toString() == b.toString();
}

bool equalAt(const JsonValue& a, const JsonValue& b, int depth)
{
    const JsonType type = a.type();
    const auto kind = [](JsonType t) {
        return t == JsonType::True || t == JsonType::False ? JsonType::True : t;
    };
    if (kind(type) != kind(b.type()))
        return false;
    switch (type) {
    case JsonType::Null:
        return true;
    case JsonType::True:
    case JsonType::False:
        return type == b.type();
    case JsonType::Number:
        return JsonText::numbersEqual(a.raw(), b.raw());
    case JsonType::String:
        return stringsEqual(a, b);
    case JsonType::Array:
        if (a.size() != b.size())
            return false;
        if (depth >= JsonText::maxDepth)
            return JsonText::compact(a.raw()) == JsonText::compact(b.raw());
        for (qsizetype i = 0; i < a.size(); ++i) {
            if (!equalAt(a.at(i), b.at(i), depth + 1))
                return false;
        }
        return true;
    case JsonType::Object: {
        if (depth >= JsonText::maxDepth)
            return JsonText::compact(a.raw()) == JsonText::compact(b.raw());
        const QList<JsonMember> left = JsonText::members(a);
        const QList<JsonMember> right = JsonText::members(b);
        if (left.size() != right.size())
            return false;
        QHash<QString, JsonValue> byKey;
        byKey.reserve(right.size());
        for (const JsonMember& member : right)
            byKey.insert(member.key, member.value);
        for (const JsonMember& member : left) {
            const auto it = byKey.constFind(member.key);
            if (it == byKey.constEnd() || !equalAt(member.value, *it, depth + 1))
                return false;
        }
        return true;
    }
    }
    return false;
}

bool isBareKey(QStringView key)
{
    if (key.isEmpty())
        return false;
    for (const QChar c : key) {
        const char16_t u = c.unicode();
        const bool ok = (u >= 'a' && u <= 'z') || (u >= 'A' && u <= 'Z') || (u >= '0' && u <= '9') || u == '_'
            || u == '$' || u == '-';
        if (!ok)
            return false;
    }
    return true;
}

} // namespace

QByteArray JsonText::compact(QByteArrayView raw)
{
    QByteArray out;
    out.reserve(raw.size());
    bool inString = false;
    for (qsizetype i = 0; i < raw.size(); ++i) {
        const char c = raw[i];
        if (inString) {
            out.append(c);
            if (c == '\\' && i + 1 < raw.size())
                out.append(raw[++i]);
            else if (c == '"')
                inString = false;
        } else if (c == '"') {
            inString = true;
            out.append(c);
        } else if (!isSpace(c)) {
            out.append(c);
        }
    }
    return out;
}

QString JsonText::pretty(QByteArrayView text)
{
    QByteArray out;
    out.reserve(text.size() + text.size() / 4);
    int depth = 0;
    const auto newline = [&](int level) {
        out.append('\n');
        out.append(QByteArray(2 * qMax(0, level), ' '));
    };
    for (qsizetype i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (c == '"') {
            const qsizetype start = i++;
            while (i < text.size() && text[i] != '"')
                i += text[i] == '\\' ? 2 : 1;
            out.append(text.sliced(start, qMin(i, text.size() - 1) - start + 1));
        } else if (c == '{' || c == '[') {
            const char close = c == '{' ? '}' : ']';
            if (i + 1 < text.size() && text[i + 1] == close) {
                out.append(c).append(close);
                ++i;
                continue;
            }
            out.append(c);
            newline(++depth);
        } else if (c == '}' || c == ']') {
            newline(--depth);
            out.append(c);
        } else if (c == ',') {
            out.append(c);
            newline(depth);
        } else if (c == ':') {
            out.append(": ");
        } else if (!isSpace(c)) {
            out.append(c);
        }
    }
    return QString::fromUtf8(out);
}

QLatin1StringView JsonText::typeName(JsonType type)
{
    switch (type) {
    case JsonType::Null:
        return QLatin1StringView("null");
    case JsonType::True:
    case JsonType::False:
        return QLatin1StringView("boolean");
    case JsonType::Number:
        return QLatin1StringView("number");
    case JsonType::String:
        return QLatin1StringView("string");
    case JsonType::Array:
        return QLatin1StringView("array");
    case JsonType::Object:
        return QLatin1StringView("object");
    }
    return QLatin1StringView("null");
}

QList<JsonMember> JsonText::members(const JsonValue& object)
{
    QList<JsonMember> out;
    if (!object.isObject())
        return out;
    const qsizetype n = object.size();
    out.reserve(n);
    QHash<QString, qsizetype> position;
    position.reserve(n);
    for (qsizetype i = 0; i < n; ++i) {
        QString key = object.keyAt(i).toString();
        const auto it = position.constFind(key);
        if (it != position.constEnd()) {
            out[*it].value = object.at(i);
            continue;
        }
        position.insert(key, out.size());
        out.append(JsonMember {std::move(key), object.at(i)});
    }
    return out;
}

bool JsonText::equal(const JsonValue& a, const JsonValue& b)
{
    if (!a.isValid() || !b.isValid())
        return a.isValid() == b.isValid();
    return equalAt(a, b, 0);
}

bool JsonText::numbersEqual(QByteArrayView a, QByteArrayView b)
{
    if (a == b)
        return true;
    const DecimalForm x = decimalForm(a);
    const DecimalForm y = decimalForm(b);
    return x.negative == y.negative && x.digits == y.digits && x.exponent == y.exponent;
}

void JsonText::appendKey(QString& path, QStringView key)
{
    if (isBareKey(key)) {
        if (!path.isEmpty())
            path.append(QLatin1Char('.'));
        path.append(key);
        return;
    }
    QByteArray quoted;
    JsonStringCodec::appendQuoted(quoted, key);
    path.append(QLatin1Char('[')).append(QString::fromUtf8(quoted)).append(QLatin1Char(']'));
}

void JsonText::appendIndex(QString& path, qsizetype index)
{
    path.append(QLatin1Char('[')).append(QString::number(index)).append(QLatin1Char(']'));
}

JsonReadResult JsonText::read(const QByteArray& json)
{
    JsonReadOptions options;
    options.maxDepth = maxDepth;
    return JsonReader::read(json, options);
}

JsonReadResult JsonText::readBody(const QByteArray& body)
{
    JsonReadOptions options;
    options.maxDepth = maxDepth;
    options.skipByteOrderMark = true;
    return JsonReader::read(body, options);
}

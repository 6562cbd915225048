// SPDX-License-Identifier: MIT
#include "har/HarJsonParser.h"

#include <QCoreApplication>
#include <charconv>
#include <cstring>

#include "json/JsonStringCodec.h"

namespace {

bool isSpace(char c)
{
    return c == ' ' || c == '\n' || c == '\r' || c == '\t';
}

} // namespace

HarJsonParser::HarJsonParser(const char* data, qsizetype size)
    : m_data(data)
    , m_size(size)
{ }

void HarJsonParser::skipWhitespace()
{
    while (m_pos < m_size && isSpace(m_data[m_pos]))
        ++m_pos;
}

void HarJsonParser::skipByteOrderMark()
{
    if (m_pos == 0 && m_size >= 3 && std::memcmp(m_data, "\xEF\xBB\xBF", 3) == 0)
        m_pos = 3;
}

char HarJsonParser::peek()
{
    skipWhitespace();
    return m_pos < m_size ? m_data[m_pos] : '\0';
}

std::optional<HarJsonParser::Error> HarJsonParser::expect(char c, const char* what)
{
    skipWhitespace();
    if (m_pos >= m_size)
        return truncatedError();
    if (m_data[m_pos] != c)
        return makeError(what);
    ++m_pos;
    return std::nullopt;
}

bool HarJsonParser::accept(char c)
{
    skipWhitespace();
    if (m_pos < m_size && m_data[m_pos] == c) {
        ++m_pos;
        return true;
    }
    return false;
}

std::optional<HarJsonParser::Error> HarJsonParser::readKey(std::string_view& key)
{
    skipWhitespace();
    if (m_pos >= m_size)
        return truncatedError();
    if (m_data[m_pos] != '"')
        return makeError(QT_TRANSLATE_NOOP("HarJsonParser", "expected a member name in double quotes"));
    qsizetype offset = 0;
    qsizetype length = 0;
    bool inScratch = false;
    if (auto error = parseString(offset, length, inScratch))
        return error;
    key = inScratch ? std::string_view(m_scratch).substr(size_t(offset), size_t(length))
                    : std::string_view(m_data + offset, size_t(length));
    return expect(':', "expected ':' after a member name");
}

void HarJsonParser::clear()
{
    m_nodes.clear();
    m_scratch.clear();
}

std::string_view HarJsonParser::key(const Node& node) const
{
    return node.keyInScratch ? std::string_view(m_scratch).substr(size_t(node.keyOffset), size_t(node.keyLength))
                             : std::string_view(m_data + node.keyOffset, size_t(node.keyLength));
}

std::string_view HarJsonParser::string(const Node& node) const
{
    return node.stringInScratch
        ? std::string_view(m_scratch).substr(size_t(node.stringOffset), size_t(node.stringLength))
        : std::string_view(m_data + node.stringOffset, size_t(node.stringLength));
}

qint32 HarJsonParser::member(qint32 object, std::string_view name) const
{
    if (object < 0 || node(object).type != Type::Object)
        return -1;
    // The last duplicate wins, as in JavaScript.
    qint32 found = -1;
    for (qint32 child = node(object).firstChild; child >= 0; child = node(child).nextSibling) {
        if (key(node(child)) == name)
            found = child;
    }
    return found;
}

QString HarJsonParser::describeOffset(qsizetype offset) const
{
    qsizetype line = 1;
    qsizetype lineStart = 0;
    const qsizetype end = qMin(offset, m_size);
    for (qsizetype i = 0; i < end; ++i) {
        if (m_data[i] == '\n') {
            ++line;
            lineStart = i + 1;
        }
    }
    return QCoreApplication::translate("HarJsonParser", "line %1, column %2").arg(line).arg(offset - lineStart + 1);
}

HarJsonParser::Error HarJsonParser::makeError(const char* message) const
{
    Error error;
    error.offset = m_pos;
    error.message = QCoreApplication::translate("HarJsonParser", "%1 at %2")
                        .arg(QCoreApplication::translate("HarJsonParser", message), describeOffset(m_pos));
    return error;
}

void HarJsonParser::appendChild(qint32 parent, qint32& previous, qint32 child)
{
    if (previous < 0)
        m_nodes[size_t(parent)].firstChild = child;
    else
        m_nodes[size_t(previous)].nextSibling = child;
    previous = child;
    ++m_nodes[size_t(parent)].childCount;
}

std::optional<HarJsonParser::Error> HarJsonParser::afterMember(char closing, const char* message, bool& closed)
{
    skipWhitespace();
    if (m_pos >= m_size)
        return truncatedError();
    if (m_data[m_pos] == ',') {
        ++m_pos;
        return std::nullopt;
    }
    if (m_data[m_pos] == closing) {
        ++m_pos;
        closed = true;
        return std::nullopt;
    }
    return makeError(message);
}

HarJsonParser::Error HarJsonParser::truncatedError() const
{
    Error error;
    error.truncated = true;
    error.offset = m_size;
    error.message
        = QCoreApplication::translate("HarJsonParser", "the file ends in the middle of the JSON (truncated?) at %1")
              .arg(describeOffset(m_size));
    return error;
}

std::optional<HarJsonParser::Error> HarJsonParser::parseValue(qint32& index)
{
    skipWhitespace();
    m_valueStart = m_pos;
    return parseValueAt(index, 0);
}

void HarJsonParser::setLimits(qsizetype maxNodes, qsizetype maxBytes)
{
    m_maxNodes = maxNodes;
    m_maxBytes = maxBytes;
}

std::optional<HarJsonParser::Error> HarJsonParser::checkLimits() const
{
    const bool nodes = qsizetype(m_nodes.size()) >= m_maxNodes;
    if (!nodes && m_pos - m_valueStart <= m_maxBytes)
        return std::nullopt;
    Error error = makeError(nodes ? "more JSON values than the limit" : "more JSON text than the limit");
    error.message += u" (" + QString::number(nodes ? m_maxNodes : m_maxBytes)
        + (nodes ? QStringView(u" values)") : QStringView(u" bytes)"));
    error.tooLarge = true;
    return error;
}

std::optional<HarJsonParser::Error> HarJsonParser::skipValue(qsizetype offset)
{
    m_pos = offset;
    skipWhitespace();
    qint64 depth = 0;
    while (m_pos < m_size) {
        const char c = m_data[m_pos++];
        if (c == '"') {
            while (m_pos < m_size && m_data[m_pos] != '"')
                m_pos += m_data[m_pos] == '\\' ? 2 : 1;
            if (m_pos >= m_size)
                return truncatedError();
            ++m_pos;
        } else if (c == '{' || c == '[') {
            ++depth;
            continue;
        } else if (c == '}' || c == ']') {
            if (--depth < 0)
                return makeError("unbalanced brackets");
        } else if (depth == 0) {
            while (m_pos < m_size && std::string_view(",]} \t\r\n").find(m_data[m_pos]) == std::string_view::npos)
                ++m_pos;
        }
        if (depth == 0)
            return std::nullopt;
    }
    return truncatedError();
}

std::optional<HarJsonParser::Error> HarJsonParser::parseValueAt(qint32& index, int depth)
{
    skipWhitespace();
    if (m_pos >= m_size)
        return truncatedError();
    if (depth > maxDepth) {
        Error error = makeError(QT_TRANSLATE_NOOP("HarJsonParser", "JSON nested too deeply"));
        error.tooDeep = true;
        return error;
    }
    if (auto error = checkLimits())
        return error;
    index = qint32(m_nodes.size());
    m_nodes.emplace_back();
    m_nodes.back().sourceOffset = m_pos;
    const char c = m_data[m_pos];
    switch (c) {
    case '{': {
        m_nodes[size_t(index)].type = Type::Object;
        ++m_pos;
        if (accept('}'))
            return std::nullopt;
        qint32 previous = -1;
        for (;;) {
            std::string_view ignored;
            skipWhitespace();
            if (m_pos >= m_size)
                return truncatedError();
            if (m_data[m_pos] != '"')
                return makeError(QT_TRANSLATE_NOOP("HarJsonParser", "expected a member name in double quotes"));
            qsizetype keyOffset = 0;
            qsizetype keyLength = 0;
            bool keyInScratch = false;
            if (auto error = parseString(keyOffset, keyLength, keyInScratch))
                return error;
            if (auto error = expect(':', "expected ':' after a member name"))
                return error;
            qint32 child = -1;
            if (auto error = parseValueAt(child, depth + 1))
                return error;
            Node& childNode = m_nodes[size_t(child)];
            childNode.keyOffset = keyOffset;
            childNode.keyLength = keyLength;
            childNode.keyInScratch = keyInScratch;
            appendChild(index, previous, child);
            bool closed = false;
            if (auto error = afterMember('}', "expected ',' or '}' in an object", closed))
                return error;
            if (closed)
                return std::nullopt;
        }
    }
    case '[': {
        m_nodes[size_t(index)].type = Type::Array;
        ++m_pos;
        if (accept(']'))
            return std::nullopt;
        qint32 previous = -1;
        for (;;) {
            qint32 child = -1;
            if (auto error = parseValueAt(child, depth + 1))
                return error;
            appendChild(index, previous, child);
            bool closed = false;
            if (auto error = afterMember(']', "expected ',' or ']' in an array", closed))
                return error;
            if (closed)
                return std::nullopt;
        }
    }
    case '"': {
        qsizetype offset = 0;
        qsizetype length = 0;
        bool inScratch = false;
        if (auto error = parseString(offset, length, inScratch))
            return error;
        if (auto error = checkLimits())
            return error;
        Node& n = m_nodes[size_t(index)];
        n.type = Type::String;
        n.stringOffset = offset;
        n.stringLength = length;
        n.stringInScratch = inScratch;
        return std::nullopt;
    }
    case 't':
        m_nodes[size_t(index)].type = Type::Bool;
        m_nodes[size_t(index)].boolean = true;
        return parseLiteral("true");
    case 'f':
        m_nodes[size_t(index)].type = Type::Bool;
        return parseLiteral("false");
    case 'n':
        return parseLiteral("null");
    default:
        if (c == '-' || (c >= '0' && c <= '9')) {
            double value = 0;
            if (auto error = parseNumber(value))
                return error;
            m_nodes[size_t(index)].type = Type::Number;
            m_nodes[size_t(index)].number = value;
            return std::nullopt;
        }
        return makeError(QT_TRANSLATE_NOOP("HarJsonParser", "expected a JSON value"));
    }
}

std::optional<HarJsonParser::Error> HarJsonParser::parseLiteral(std::string_view literal)
{
    const qsizetype available = m_size - m_pos;
    const qsizetype compare = qMin(available, qsizetype(literal.size()));
    if (std::memcmp(m_data + m_pos, literal.data(), size_t(compare)) != 0)
        return makeError(QT_TRANSLATE_NOOP("HarJsonParser", "expected a JSON value"));
    if (available < qsizetype(literal.size()))
        return truncatedError();
    m_pos += qsizetype(literal.size());
    return std::nullopt;
}

std::optional<HarJsonParser::Error> HarJsonParser::parseNumber(double& value)
{
    const qsizetype start = m_pos;
    auto digits = [this] {
        const qsizetype from = m_pos;
        while (m_pos < m_size && m_data[m_pos] >= '0' && m_data[m_pos] <= '9')
            ++m_pos;
        return m_pos - from;
    };
    if (m_data[m_pos] == '-')
        ++m_pos;
    if (m_pos >= m_size)
        return truncatedError();
    if (m_data[m_pos] == '0') {
        ++m_pos;
    } else if (digits() == 0) {
        return makeError(QT_TRANSLATE_NOOP("HarJsonParser", "invalid number"));
    }
    if (m_pos < m_size && m_data[m_pos] == '.') {
        ++m_pos;
        if (digits() == 0)
            return m_pos >= m_size ? truncatedError() : makeError(QT_TRANSLATE_NOOP("HarJsonParser", "invalid number"));
    }
    if (m_pos < m_size && (m_data[m_pos] == 'e' || m_data[m_pos] == 'E')) {
        ++m_pos;
        if (m_pos < m_size && (m_data[m_pos] == '+' || m_data[m_pos] == '-'))
            ++m_pos;
        if (digits() == 0)
            return m_pos >= m_size ? truncatedError() : makeError(QT_TRANSLATE_NOOP("HarJsonParser", "invalid number"));
    }
    const auto result = std::from_chars(m_data + start, m_data + m_pos, value);
    if (result.ec == std::errc::result_out_of_range)
        value = m_data[start] == '-' ? -1e308 : 1e308;
    else if (result.ec != std::errc())
        return makeError(QT_TRANSLATE_NOOP("HarJsonParser", "invalid number"));
    return std::nullopt;
}

std::optional<HarJsonParser::Error> HarJsonParser::parseString(qsizetype& offset, qsizetype& length, bool& inScratch)
{
    ++m_pos; // the opening quote
    const qsizetype start = m_pos;
    m_pos = JsonStringCodec::skipPlain(m_data, m_pos, m_size);
    if (m_pos >= m_size)
        return truncatedError();
    if (m_data[m_pos] == '"') {
        offset = start;
        length = m_pos - start;
        inScratch = false;
        ++m_pos;
        return std::nullopt;
    }
    // Slow path: unescape into the scratch buffer.
    inScratch = true;
    offset = qsizetype(m_scratch.size());
    m_scratch.append(m_data + start, size_t(m_pos - start));
    for (;;) {
        const qsizetype runStart = m_pos;
        m_pos = JsonStringCodec::skipPlain(m_data, m_pos, m_size);
        m_scratch.append(m_data + runStart, size_t(m_pos - runStart));
        if (m_pos >= m_size)
            return truncatedError();
        const char c = m_data[m_pos];
        if (c == '"') {
            ++m_pos;
            length = qsizetype(m_scratch.size()) - offset;
            return std::nullopt;
        }
        if (c != '\\')
            return makeError(QT_TRANSLATE_NOOP("HarJsonParser", "control character inside a string (must be escaped)"));
        if (++m_pos >= m_size)
            return truncatedError();
        const char escape = m_data[m_pos++];
        switch (escape) {
        case '"':
        case '\\':
        case '/':
            m_scratch.push_back(escape);
            break;
        case 'b':
            m_scratch.push_back('\b');
            break;
        case 'f':
            m_scratch.push_back('\f');
            break;
        case 'n':
            m_scratch.push_back('\n');
            break;
        case 'r':
            m_scratch.push_back('\r');
            break;
        case 't':
            m_scratch.push_back('\t');
            break;
        case 'u': {
            auto readHex4 = [this](char32_t& unit) -> std::optional<Error> {
                if (m_size - m_pos < 4)
                    return truncatedError();
                unit = 0;
                for (int i = 0; i < 4; ++i) {
                    const int v = JsonStringCodec::hexValue(m_data[m_pos + i]);
                    if (v < 0)
                        return makeError(QT_TRANSLATE_NOOP("HarJsonParser", "invalid \\u escape"));
                    unit = unit * 16 + char32_t(v);
                }
                m_pos += 4;
                return std::nullopt;
            };
            char32_t unit = 0;
            if (auto error = readHex4(unit))
                return error;
            if (unit >= 0xD800 && unit <= 0xDBFF && m_size - m_pos >= 6 && m_data[m_pos] == '\\'
                && m_data[m_pos + 1] == 'u') {
                const qsizetype save = m_pos;
                m_pos += 2;
                char32_t low = 0;
                if (auto error = readHex4(low))
                    return error;
                if (low >= 0xDC00 && low <= 0xDFFF) {
                    JsonStringCodec::appendUtf8(m_scratch, 0x10000 + ((unit - 0xD800) << 10) + (low - 0xDC00));
                    break;
                }
                m_pos = save;
            }
            // An unpaired surrogate cannot be UTF-8: it becomes U+FFFD, as JSON.parse + UTF-8 would.
            if (unit >= 0xD800 && unit <= 0xDFFF)
                unit = 0xFFFD;
            JsonStringCodec::appendUtf8(m_scratch, unit);
            break;
        }
        default:
            --m_pos;
            return makeError(QT_TRANSLATE_NOOP("HarJsonParser", "invalid escape in a string"));
        }
    }
}

// SPDX-License-Identifier: MIT
#include "json/JsonReader.h"

#include <QCoreApplication>
#include <limits>
#include <vector>

#include "json/JsonDocumentData.h"

namespace {

struct Frame
{
    quint32 node;
    size_t childStart;
    bool object;
};

class Parser
{
public:
    Parser(const QByteArray& source, const JsonReadOptions& options)
        : m_s(reinterpret_cast<const unsigned char*>(source.constData()))
        , m_n(source.size())
        , m_options(options)
    { }

    std::optional<JsonError> run(JsonDocumentData& data);

private:
    bool fail(JsonError::Code code, qsizetype offset, QString message)
    {
        if (!m_error)
            m_error = JsonError {code, std::move(message), offset, 1, 1};
        return false;
    }
    bool failUnexpected(qsizetype offset);
    void skipWhitespace()
    {
        while (m_pos < m_n) {
            const unsigned char c = m_s[m_pos];
            if (c != ' ' && c != '\t' && c != '\n' && c != '\r')
                return;
            ++m_pos;
        }
    }
    quint32 addNode(JsonType type, qsizetype begin, qsizetype end, bool escaped = false);
    bool parseString();
    bool parseNumber();
    bool parseLiteral(const char* word, qsizetype length, JsonType type);
    bool parseKey();
    void close(qsizetype end);

    const unsigned char* m_s;
    qsizetype m_n;
    qsizetype m_pos = 0;
    JsonReadOptions m_options;
    JsonDocumentData* m_data = nullptr;
    std::vector<Frame> m_stack;
    std::vector<quint32> m_pending; // children of the open containers, innermost last
    std::optional<JsonError> m_error;
};

QString describe(unsigned char c)
{
    if (c >= 0x20 && c < 0x7F)
        return QCoreApplication::translate("JsonReader", "unexpected character '%1'").arg(QChar(char16_t(c)));
    return QCoreApplication::translate("JsonReader", "unexpected byte 0x%1").arg(uint(c), 2, 16, QLatin1Char('0'));
}

bool Parser::failUnexpected(qsizetype offset)
{
    if (offset >= m_n)
        return fail(JsonError::Code::UnexpectedEnd, m_n,
                    QCoreApplication::translate("JsonReader", "unexpected end of JSON input"));
    return fail(JsonError::Code::UnexpectedCharacter, offset, describe(m_s[offset]));
}

quint32 Parser::addNode(JsonType type, qsizetype begin, qsizetype end, bool escaped)
{
    const auto index = quint32(m_data->nodes.size());
    m_data->nodes.push_back(JsonNode {begin, end, 0, 0, type, escaped});
    if (!m_stack.empty())
        m_pending.push_back(index);
    return index;
}

bool Parser::parseString()
{
    const qsizetype begin = m_pos++;
    bool escaped = false;
    while (true) {
        if (m_pos >= m_n)
            return fail(JsonError::Code::UnexpectedEnd, m_n,
                        QCoreApplication::translate("JsonReader", "unterminated string"));
        const unsigned char c = m_s[m_pos];
        if (c == '"')
            break;
        if (c < 0x20)
            return fail(JsonError::Code::ControlCharacterInString, m_pos,
                        QCoreApplication::translate("JsonReader", "control character 0x%1 in string (must be escaped)")
                            .arg(uint(c), 2, 16, QLatin1Char('0')));
        if (c == '\\') {
            escaped = true;
            if (m_pos + 1 >= m_n)
                return fail(JsonError::Code::UnexpectedEnd, m_n,
                            QCoreApplication::translate("JsonReader", "unterminated string"));
            const unsigned char e = m_s[m_pos + 1];
            if (e == 'u') {
                for (qsizetype k = 2; k < 6; ++k) {
                    if (m_pos + k >= m_n)
                        return fail(JsonError::Code::UnexpectedEnd, m_n,
                                    QCoreApplication::translate("JsonReader", "unterminated string"));
                    const unsigned char h = m_s[m_pos + k];
                    const bool hex = (h >= '0' && h <= '9') || (h >= 'a' && h <= 'f') || (h >= 'A' && h <= 'F');
                    if (!hex)
                        return fail(JsonError::Code::InvalidEscape, m_pos + k,
                                    QCoreApplication::translate("JsonReader", "bad \\u escape: expected a hex digit"));
                }
                m_pos += 6;
                continue;
            }
            if (e != '"' && e != '\\' && e != '/' && e != 'b' && e != 'f' && e != 'n' && e != 'r' && e != 't')
                return fail(JsonError::Code::InvalidEscape, m_pos + 1,
                            QCoreApplication::translate("JsonReader", "bad escape sequence"));
            m_pos += 2;
            continue;
        }
        ++m_pos;
    }
    ++m_pos;
    addNode(JsonType::String, begin, m_pos, escaped);
    return true;
}

bool Parser::parseNumber()
{
    const qsizetype begin = m_pos;
    auto digit = [this](qsizetype p) {
        return p < m_n && m_s[p] >= '0' && m_s[p] <= '9';
    };
    auto invalid = [this](qsizetype p) {
        if (p >= m_n)
            return fail(JsonError::Code::UnexpectedEnd, m_n,
                        QCoreApplication::translate("JsonReader", "unexpected end of JSON input in a number"));
        return fail(JsonError::Code::InvalidNumber, p,
                    QCoreApplication::translate("JsonReader", "invalid number: ") + describe(m_s[p]));
    };
    if (m_s[m_pos] == '-')
        ++m_pos;
    if (!digit(m_pos))
        return invalid(m_pos);
    if (m_s[m_pos] == '0') {
        ++m_pos;
    } else {
        while (digit(m_pos))
            ++m_pos;
    }
    if (m_pos < m_n && m_s[m_pos] == '.') {
        ++m_pos;
        if (!digit(m_pos))
            return invalid(m_pos);
        while (digit(m_pos))
            ++m_pos;
    }
    if (m_pos < m_n && (m_s[m_pos] == 'e' || m_s[m_pos] == 'E')) {
        ++m_pos;
        if (m_pos < m_n && (m_s[m_pos] == '+' || m_s[m_pos] == '-'))
            ++m_pos;
        if (!digit(m_pos))
            return invalid(m_pos);
        while (digit(m_pos))
            ++m_pos;
    }
    addNode(JsonType::Number, begin, m_pos);
    return true;
}

bool Parser::parseLiteral(const char* word, qsizetype length, JsonType type)
{
    for (qsizetype k = 0; k < length; ++k) {
        if (m_pos + k >= m_n || m_s[m_pos + k] != static_cast<unsigned char>(word[k]))
            return failUnexpected(m_pos + k);
    }
    addNode(type, m_pos, m_pos + length);
    m_pos += length;
    return true;
}

bool Parser::parseKey()
{
    skipWhitespace();
    if (m_pos >= m_n || m_s[m_pos] != '"') {
        if (m_pos < m_n)
            return fail(
                JsonError::Code::UnexpectedCharacter, m_pos,
                describe(m_s[m_pos])
                    + QCoreApplication::translate("JsonReader", " (expected a property name in double quotes)"));
        return failUnexpected(m_pos);
    }
    if (!parseString())
        return false;
    skipWhitespace();
    if (m_pos >= m_n || m_s[m_pos] != ':') {
        if (m_pos < m_n)
            return fail(JsonError::Code::UnexpectedCharacter, m_pos,
                        describe(m_s[m_pos])
                            + QCoreApplication::translate("JsonReader", " (expected ':' after a property name)"));
        return failUnexpected(m_pos);
    }
    ++m_pos;
    return true;
}

void Parser::close(qsizetype end)
{
    const Frame frame = m_stack.back();
    m_stack.pop_back();
    JsonNode& node = m_data->nodes[frame.node];
    node.end = end;
    node.first = quint32(m_data->children.size());
    const size_t children = m_pending.size() - frame.childStart;
    node.count = quint32(frame.object ? children / 2 : children);
    m_data->children.insert(m_data->children.end(), m_pending.begin() + qsizetype(frame.childStart), m_pending.end());
    m_pending.resize(frame.childStart);
}

std::optional<JsonError> Parser::run(JsonDocumentData& data)
{
    m_data = &data;
    if (m_n >= qsizetype(std::numeric_limits<quint32>::max()))
        return JsonError {JsonError::Code::TooLarge, QCoreApplication::translate("JsonReader", "JSON text too large"),
                          0, 1, 1};
    if (m_options.skipByteOrderMark && m_n >= 3 && m_s[0] == 0xEF && m_s[1] == 0xBB && m_s[2] == 0xBF)
        m_pos = 3;
    data.nodes.reserve(size_t(m_n / 8 + 1));

    bool ok = true;
    while (ok) {
        // A value is expected here.
        skipWhitespace();
        if (m_pos >= m_n) {
            ok = failUnexpected(m_pos);
            break;
        }
        const unsigned char c = m_s[m_pos];
        if (c == '{' || c == '[') {
            if (int(m_stack.size()) >= m_options.maxDepth) {
                ok = fail(
                    JsonError::Code::TooDeep, m_pos,
                    QCoreApplication::translate("JsonReader", "nesting deeper than %1 levels").arg(m_options.maxDepth));
                break;
            }
            const bool object = c == '{';
            const quint32 node = addNode(object ? JsonType::Object : JsonType::Array, m_pos, m_pos);
            m_stack.push_back(Frame {node, m_pending.size(), object});
            ++m_pos;
            skipWhitespace();
            if (m_pos < m_n && m_s[m_pos] == (object ? '}' : ']')) {
                ++m_pos;
                close(m_pos);
            } else {
                if (object && !parseKey()) {
                    ok = false;
                    break;
                }
                continue;
            }
        } else if (c == '"') {
            ok = parseString();
        } else if (c == '-' || (c >= '0' && c <= '9')) {
            ok = parseNumber();
        } else if (c == 't') {
            ok = parseLiteral("true", 4, JsonType::True);
        } else if (c == 'f') {
            ok = parseLiteral("false", 5, JsonType::False);
        } else if (c == 'n') {
            ok = parseLiteral("null", 4, JsonType::Null);
        } else {
            ok = failUnexpected(m_pos);
        }
        if (!ok)
            break;

        // After a value: a separator, a closer, or the end of the text.
        bool expectValue = false;
        while (!m_stack.empty()) {
            skipWhitespace();
            if (m_pos >= m_n) {
                ok = failUnexpected(m_pos);
                break;
            }
            const bool object = m_stack.back().object;
            const unsigned char s = m_s[m_pos];
            if (s == ',') {
                ++m_pos;
                if (object && !parseKey())
                    ok = false;
                expectValue = true;
                break;
            }
            if (s == (object ? '}' : ']')) {
                ++m_pos;
                close(m_pos);
                continue;
            }
            ok = fail(JsonError::Code::UnexpectedCharacter, m_pos,
                      describe(s)
                          + (object ? QCoreApplication::translate("JsonReader", " (expected ',' or '}')")
                                    : QCoreApplication::translate("JsonReader", " (expected ',' or ']')")));
            break;
        }
        if (!ok || expectValue)
            continue;
        skipWhitespace();
        if (m_pos < m_n)
            ok = fail(JsonError::Code::TrailingContent, m_pos,
                      describe(m_s[m_pos])
                          + QCoreApplication::translate("JsonReader", " after the end of the JSON value"));
        break;
    }
    if (ok)
        return std::nullopt;

    JsonError error = *m_error;
    // Line and column are counted only when needed: lines by LF, columns in characters (UTF-8 lead bytes).
    int line = 1;
    qsizetype lineStart = 0;
    for (qsizetype i = 0; i < error.offset && i < m_n; ++i) {
        if (m_s[i] == '\n') {
            ++line;
            lineStart = i + 1;
        }
    }
    int column = 1;
    for (qsizetype i = lineStart; i < error.offset && i < m_n; ++i) {
        if ((m_s[i] & 0xC0) != 0x80)
            ++column;
    }
    error.line = line;
    error.column = column;
    return error;
}

} // namespace

JsonReadResult JsonReader::read(const QByteArray& source, const JsonReadOptions& options)
{
    auto data = std::make_shared<JsonDocumentData>();
    data->source = source;
    Parser parser(data->source, options);
    JsonReadResult result;
    if (auto error = parser.run(*data)) {
        result.error = std::move(error);
        return result;
    }
    result.document = JsonDocument(std::move(data));
    return result;
}

// SPDX-License-Identifier: MIT
#pragma once

#include <QString>
#include <QtGlobal>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

// A small pull parser over JSON text in memory (usually a mapped file), made for the HAR reader:
// the top level is walked token by token so entries can be converted one at a time, and each entry
// is parsed into a compact tree that is cleared before the next one. Strings without escapes are
// views into the input; no whole-document tree is ever built.
class HarJsonParser final
{
public:
    enum class Type : quint8
    {
        Null,
        Bool,
        Number,
        String,
        Array,
        Object
    };

    struct Node
    {
        Type type = Type::Null;
        bool boolean = false;
        bool keyInScratch = false;
        bool stringInScratch = false;
        qint32 firstChild = -1;
        qint32 nextSibling = -1;
        qint32 childCount = 0;
        qsizetype keyOffset = 0;
        qsizetype keyLength = 0;
        qsizetype stringOffset = 0;
        qsizetype stringLength = 0;
        double number = 0;
        qsizetype sourceOffset = 0; // where the value starts in the input
    };

    struct Error
    {
        bool truncated = false; // the input ended inside a value
        bool tooDeep = false;
        bool tooLarge = false; // the value has more nodes or bytes than setLimits() allows
        qsizetype offset = 0;
        QString message;
    };

    static constexpr int maxDepth = 64;
    // Defaults for one value parsed by parseValue() (one HAR entry): 64 bytes of tree per node, so at most
    // 16 MiB of tree; the bytes bound the unescaped strings beside it.
    static constexpr qsizetype defaultMaxNodes = qsizetype(1) << 18;
    static constexpr qsizetype defaultMaxBytes = qsizetype(256) << 20;

    HarJsonParser(const char* data, qsizetype size);

    qsizetype position() const { return m_pos; }
    qsizetype size() const { return m_size; }
    void skipWhitespace();
    // Skips a UTF-8 byte order mark at the very start.
    void skipByteOrderMark();
    bool atEnd() const { return m_pos >= m_size; }
    // The next non-space byte, or 0 at the end.
    char peek();
    // Consumes c (after spaces) or returns an error naming what was expected.
    std::optional<Error> expect(char c, const char* what);
    // Consumes c (after spaces) when it is next.
    bool accept(char c);
    // Reads an object key and the ':' after it; the key stays valid until the next clear().
    std::optional<Error> readKey(std::string_view& key);

    // Parses one value at the current position into the tree; the root is nodes()[index]. A value with more
    // than maxNodes nodes, or longer than maxBytes of text, fails with Error::tooLarge.
    std::optional<Error> parseValue(qint32& index);
    void setLimits(qsizetype maxNodes, qsizetype maxBytes);
    // Moves past one value starting at offset without building anything (after a tooLarge or tooDeep
    // error, to go on with the next entry). Brackets are only counted, not matched.
    std::optional<Error> skipValue(qsizetype offset);
    // Forgets the tree and the unescaped strings.
    void clear();

    const Node& node(qint32 index) const { return m_nodes[size_t(index)]; }
    std::string_view key(const Node& node) const;
    std::string_view string(const Node& node) const;
    // The member named key of an object node, or -1.
    qint32 member(qint32 object, std::string_view key) const;

    // "line 3, column 14" for a byte offset (computed on demand, for error messages).
    QString describeOffset(qsizetype offset) const;
    Error makeError(const char* message) const;

private:
    std::optional<Error> parseValueAt(qint32& index, int depth);
    std::optional<Error> parseString(qsizetype& offset, qsizetype& length, bool& inScratch);
    std::optional<Error> parseNumber(double& value);
    std::optional<Error> parseLiteral(std::string_view literal);
    Error truncatedError() const;
    std::optional<Error> checkLimits() const;
    // Links child after previous under parent.
    void appendChild(qint32 parent, qint32& previous, qint32 child);
    // After an array element or object member: a ',' (go on), the closing bracket (closed), or an error.
    std::optional<Error> afterMember(char closing, const char* message, bool& closed);

    const char* m_data;
    qsizetype m_size;
    qsizetype m_pos = 0;
    qsizetype m_valueStart = 0;
    qsizetype m_maxNodes = defaultMaxNodes;
    qsizetype m_maxBytes = defaultMaxBytes;
    std::vector<Node> m_nodes;
    std::string m_scratch;
};

// SPDX-License-Identifier: MIT
#include "filter/FilterParser.h"

#include <QCoreApplication>

#include "filter/FilterSyntax.h"
#include "filter/FilterValues.h"

namespace {

using Kind = FilterToken::Kind;

// Recursive descent over the tokens; the first error stops it.
class Parser final
{
public:
    explicit Parser(std::vector<FilterToken> tokens)
        : m_tokens(std::move(tokens))
    { }

    std::optional<FilterNode> parseQuery(std::optional<FilterError>& error)
    {
        if (m_tokens.empty())
            return std::nullopt;
        std::optional<FilterNode> node = parseAnd();
        if (!m_error && m_position < m_tokens.size())
            fail(current(), QCoreApplication::translate("FilterParser", "unmatched ): there is no ( before it"));
        error = m_error;
        return m_error ? std::nullopt : std::move(node);
    }

private:
    bool atEnd() const { return m_position >= m_tokens.size(); }
    const FilterToken& current() const { return m_tokens[m_position]; }
    bool at(Kind kind) const { return !atEnd() && current().kind == kind; }
    // Whether a term can start here (what an operator needs after it).
    bool atTermStart() const { return at(Kind::Word) || at(Kind::Not) || at(Kind::Open); }

    void fail(const FilterToken& token, const QString& message) { fail(token.start, token.length, message); }
    void fail(qsizetype start, qsizetype length, const QString& message)
    {
        if (!m_error)
            m_error = FilterError {start, length, message};
    }

    static FilterNode combine(FilterNode::Kind kind, std::vector<FilterNode> parts)
    {
        if (parts.size() == 1)
            return std::move(parts.front());
        FilterNode node;
        node.kind = kind;
        for (FilterNode& part : parts) {
            // (a b) c is a b c: merging keeps one canonical form for the same meaning.
            if (part.kind == kind) {
                for (FilterNode& child : part.children)
                    node.children.push_back(std::move(child));
            } else {
                node.children.push_back(std::move(part));
            }
        }
        return node;
    }

    std::optional<FilterNode> parseAnd()
    {
        std::vector<FilterNode> parts;
        while (!m_error && !atEnd() && !at(Kind::Close)) {
            if (at(Kind::And)) {
                const FilterToken& token = current();
                ++m_position;
                if (parts.empty() || !atTermStart()) {
                    fail(token, QCoreApplication::translate("FilterParser", "and needs a term on each side"));
                    break;
                }
            }
            std::optional<FilterNode> part = parseOr();
            if (!part)
                break;
            parts.push_back(std::move(*part));
        }
        if (m_error || parts.empty())
            return std::nullopt;
        return combine(FilterNode::Kind::And, std::move(parts));
    }

    std::optional<FilterNode> parseOr()
    {
        std::vector<FilterNode> parts;
        std::optional<FilterNode> first = parseUnary();
        if (!first)
            return std::nullopt;
        parts.push_back(std::move(*first));
        while (at(Kind::Or)) {
            const FilterToken& token = current();
            ++m_position;
            if (!atTermStart()) {
                fail(token, QCoreApplication::translate("FilterParser", "or needs a term on each side"));
                return std::nullopt;
            }
            std::optional<FilterNode> next = parseUnary();
            if (!next)
                return std::nullopt;
            parts.push_back(std::move(*next));
        }
        return combine(FilterNode::Kind::Or, std::move(parts));
    }

    std::optional<FilterNode> parseUnary()
    {
        if (atEnd())
            return std::nullopt;
        const FilterToken& token = current();
        switch (token.kind) {
        case Kind::Or:
        case Kind::And:
            fail(
                token,
                QCoreApplication::translate("FilterParser", "%1 needs a term on each side").arg(token.value.toLower()));
            return std::nullopt;
        case Kind::Close:
            fail(token, QCoreApplication::translate("FilterParser", "unmatched ): there is no ( before it"));
            return std::nullopt;
        case Kind::Not: {
            ++m_position;
            if (!atTermStart()) {
                fail(
                    token,
                    QCoreApplication::translate("FilterParser", "- must be followed by a term, with no space between"));
                return std::nullopt;
            }
            if (!enter(token))
                return std::nullopt;
            std::optional<FilterNode> child = parseUnary();
            --m_depth;
            if (!child)
                return std::nullopt;
            FilterNode node;
            node.kind = FilterNode::Kind::Not;
            node.children.push_back(std::move(*child));
            return node;
        }
        case Kind::Open: {
            ++m_position;
            if (at(Kind::Close)) {
                fail(token.start, current().start + 1 - token.start,
                     QCoreApplication::translate("FilterParser", "empty parentheses"));
                return std::nullopt;
            }
            if (!enter(token))
                return std::nullopt;
            std::optional<FilterNode> inner = parseAnd();
            --m_depth;
            if (m_error)
                return std::nullopt;
            if (!at(Kind::Close)) {
                fail(token, QCoreApplication::translate("FilterParser", "unclosed (: add a )"));
                return std::nullopt;
            }
            ++m_position;
            return inner;
        }
        case Kind::Word:
            break;
        }
        ++m_position;
        FilterNode node;
        if (auto error = FilterValues::read(token, node.term)) {
            fail(error->start, error->length, error->message);
            return std::nullopt;
        }
        return node;
    }

    bool enter(const FilterToken& token)
    {
        if (++m_depth <= FilterParser::maxDepth)
            return true;
        fail(token,
             QCoreApplication::translate("FilterParser", "nested too deeply (at most %1 levels of parentheses and -)")
                 .arg(FilterParser::maxDepth));
        return false;
    }

    std::vector<FilterToken> m_tokens;
    size_t m_position = 0;
    int m_depth = 0;
    std::optional<FilterError> m_error;
};

} // namespace

FilterParseResult FilterParser::parse(QStringView text)
{
    FilterParseResult result;
    std::vector<FilterToken> tokens = FilterSyntax::tokenize(text, &result.error);
    if (result.error)
        return result;
    Parser parser(std::move(tokens));
    std::optional<FilterNode> root = parser.parseQuery(result.error);
    if (root)
        result.query = FilterQuery(std::move(*root));
    return result;
}

// SPDX-License-Identifier: MIT
#include "filter/FilterSyntax.h"

#include <QCoreApplication>

namespace {

bool isAsciiLetter(QChar c)
{
    return (c >= QLatin1Char('a') && c <= QLatin1Char('z')) || (c >= QLatin1Char('A') && c <= QLatin1Char('Z'));
}

bool endsWord(QChar c)
{
    return FilterSyntax::isSpace(c) || c == QLatin1Char('(') || c == QLatin1Char(')');
}

bool isOperator(QStringView word, QLatin1StringView name)
{
    return word.compare(name, Qt::CaseInsensitive) == 0;
}

QString quoted(const QString& value)
{
    QString text = QStringLiteral("\"");
    for (const QChar c : value) {
        if (c == QLatin1Char('"') || c == QLatin1Char('\\'))
            text += QLatin1Char('\\');
        text += c;
    }
    return text + QLatin1Char('"');
}

} // namespace

QString FilterError::toString() const
{
    return QCoreApplication::translate("FilterSyntax", "column %1: %2").arg(start + 1).arg(message);
}

bool FilterSyntax::isSpace(QChar c)
{
    return c.isSpace();
}

qsizetype FilterSyntax::keyLength(QStringView word)
{
    if (word.isEmpty() || !isAsciiLetter(word.front()))
        return 0;
    for (qsizetype i = 1; i < word.size(); ++i) {
        const QChar c = word.at(i);
        if (c == QLatin1Char(':'))
            return i;
        if (!isAsciiLetter(c) && !(c >= QLatin1Char('0') && c <= QLatin1Char('9')) && c != QLatin1Char('_')
            && c != QLatin1Char('-'))
            return 0;
    }
    return 0;
}

QString FilterSyntax::quoteValue(const QString& value)
{
    bool bare = !value.isEmpty();
    for (const QChar c : value) {
        if (endsWord(c) || c == QLatin1Char('"'))
            bare = false;
    }
    return bare ? value : quoted(value);
}

QString FilterSyntax::quoteText(const QString& text)
{
    // Only bare words are operators, negations or keys: quoted, the same text stays free text.
    const bool special = text.startsWith(QLatin1Char('-')) || isOperator(text, QLatin1StringView("or"))
        || isOperator(text, QLatin1StringView("and")) || keyLength(text) > 0;
    return special ? quoted(text) : quoteValue(text);
}

std::vector<FilterToken> FilterSyntax::tokenize(QStringView text, std::optional<FilterError>* error)
{
    std::vector<FilterToken> tokens;
    qsizetype i = 0;
    const qsizetype n = text.size();
    while (i < n) {
        const QChar c = text.at(i);
        if (isSpace(c)) {
            ++i;
            continue;
        }
        FilterToken token;
        token.start = i;
        if (c == QLatin1Char('(') || c == QLatin1Char(')')) {
            token.kind = c == QLatin1Char('(') ? FilterToken::Kind::Open : FilterToken::Kind::Close;
            token.length = 1;
            tokens.push_back(token);
            ++i;
            continue;
        }
        if (c == QLatin1Char('-')) {
            if (i + 1 >= n || (endsWord(text.at(i + 1)) && text.at(i + 1) != QLatin1Char('('))) {
                *error = FilterError {
                    i, 1,
                    QCoreApplication::translate("FilterSyntax", "- must be followed by a term, with no space between")};
                return {};
            }
            token.kind = FilterToken::Kind::Not;
            token.length = 1;
            tokens.push_back(token);
            ++i;
            continue;
        }
        // A word: bare characters and "quoted" parts, side by side, up to white space or a parenthesis.
        const qsizetype key = keyLength(text.sliced(i));
        if (key > 0) {
            token.key = text.sliced(i, key).toString();
            i += key + 1;
        }
        token.valueStart = i;
        bool quoted = false;
        while (i < n && !endsWord(text.at(i))) {
            if (text.at(i) != QLatin1Char('"')) {
                token.value += text.at(i++);
                continue;
            }
            quoted = true;
            const qsizetype open = i++;
            bool closed = false;
            while (i < n) {
                const QChar q = text.at(i);
                if (q == QLatin1Char('"')) {
                    closed = true;
                    ++i;
                    break;
                }
                if (q == QLatin1Char('\\') && i + 1 < n
                    && (text.at(i + 1) == QLatin1Char('"') || text.at(i + 1) == QLatin1Char('\\'))) {
                    token.value += text.at(i + 1);
                    i += 2;
                    continue;
                }
                token.value += q;
                ++i;
            }
            if (!closed) {
                *error
                    = FilterError {open, n - open,
                                   QCoreApplication::translate("FilterSyntax", "unterminated quote: add a closing \"")};
                return {};
            }
        }
        token.valueLength = i - token.valueStart;
        token.length = i - token.start;
        if (token.key.isEmpty() && !quoted) {
            if (isOperator(token.value, QLatin1StringView("or")))
                token.kind = FilterToken::Kind::Or;
            else if (isOperator(token.value, QLatin1StringView("and")))
                token.kind = FilterToken::Kind::And;
        }
        tokens.push_back(token);
    }
    return tokens;
}

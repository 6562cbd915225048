// SPDX-License-Identifier: MIT
#pragma once

#include <QString>
#include <optional>
#include <vector>

#include "filter/FilterError.h"

// One token of a query. A word is free text or key:value; its value has its quotes removed.
struct FilterToken
{
    enum class Kind : quint8
    {
        Word,
        Not, // a - directly before a term
        Or,
        And,
        Open,
        Close
    };

    Kind kind = Kind::Word;
    qsizetype start = 0;
    qsizetype length = 0;
    QString key; // as typed; empty for free text
    QString value;
    qsizetype valueStart = 0; // the value's span in the text, quotes included
    qsizetype valueLength = 0;
};

// The lexical rules, shared by the lexer and the canonical writer so that what one writes the other reads.
namespace FilterSyntax {

// Words end at white space and parentheses; "..." groups anything (\" and \\ inside are escapes); `-` before a
// term negates it; a bare `or` / `and` (any case) is an operator; a word starting `name:` has a key.
std::vector<FilterToken> tokenize(QStringView text, std::optional<FilterError>* error);

bool isSpace(QChar c);
// Length of the key of a word that starts `name:` (a letter, then letters, digits, _ or -), or 0.
qsizetype keyLength(QStringView word);
// A key's value, quoted when it would not read back as one word.
QString quoteValue(const QString& value);
// Free text, quoted also when bare it would read as an operator, a negation or a key.
QString quoteText(const QString& text);

} // namespace FilterSyntax

// SPDX-License-Identifier: MIT
#pragma once

#include <QString>
#include <QtGlobal>

// Why a JSON text could not be read, and where: 1-based line and column (in characters), 0-based byte offset.
struct JsonError
{
    enum class Code
    {
        UnexpectedEnd,
        UnexpectedCharacter,
        InvalidNumber,
        ControlCharacterInString,
        InvalidEscape,
        TooDeep,
        TrailingContent,
        TooLarge
    };

    Code code = Code::UnexpectedEnd;
    QString message;
    qsizetype offset = 0;
    int line = 1;
    int column = 1;

    // "line 3, column 7 (byte 41): unexpected character '}'"
    QString toString() const;
};

// SPDX-License-Identifier: MIT
#pragma once

#include <QString>

// Why a query could not be read, and where: the span [start, start + length) of the query text, in UTF-16 units
// (QString positions, as a line edit counts them). Never empty, always inside the text.
struct FilterError
{
    qsizetype start = 0;
    qsizetype length = 0;
    QString message;

    QString toString() const; // "column 8: status: expects 2xx, 404 or a comparison like >=400"
    bool operator==(const FilterError& other) const = default;
};

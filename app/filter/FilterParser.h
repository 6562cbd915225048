// SPDX-License-Identifier: MIT
#pragma once

#include <QString>
#include <optional>

#include "filter/FilterError.h"
#include "filter/FilterQuery.h"

struct FilterParseResult
{
    FilterQuery query; // empty when error is set
    std::optional<FilterError> error;

    bool ok() const { return !error.has_value(); }
};

// Reads the filter language (docs/filter.md). Terms side by side must all hold; `or` joins the terms on either
// side of it and binds tighter than that implicit and (a b or c = a and (b or c)); parentheses group; `-`
// negates. A pure function of the text: the same text gives the same result, whatever the clock says.
class FilterParser final
{
public:
    static constexpr int maxDepth = 64; // nested parentheses and negations

    static FilterParseResult parse(QStringView text);
};

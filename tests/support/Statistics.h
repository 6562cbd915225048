// SPDX-License-Identifier: MIT
#pragma once

#include <algorithm>
#include <iterator>

// The median of a set of timings or sizes (the upper one of an even count); 0 for none. Benchmarks quote
// medians, never a single run.
template<typename Container>
auto median(Container values)
{
    using Value = typename Container::value_type;
    if (values.empty())
        return Value {};
    std::sort(values.begin(), values.end());
    return *std::next(values.begin(), values.size() / 2);
}

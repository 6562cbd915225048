// SPDX-License-Identifier: MIT
#pragma once

#include <QString>
#include <optional>

#include "filter/FilterError.h"
#include "filter/FilterQuery.h"

struct FilterToken;

// Reads a word into a term: the key, and the value in the form its key takes. Errors point at the key (unknown)
// or at the value (not of the expected form).
namespace FilterValues {

std::optional<FilterError> read(const FilterToken& word, FilterTerm& term);
// after: / before: values; nullopt when the text is none of the accepted forms.
std::optional<FilterTime> readTime(QStringView text);

} // namespace FilterValues

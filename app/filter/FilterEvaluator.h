// SPDX-License-Identifier: MIT
#pragma once

#include <QDateTime>
#include <QTimeZone>
#include <memory>

#include "filter/FilterQuery.h"

class EventMatcher;
struct FilterRecord;

// What evaluation depends on besides the query: the clock and time zone for after:/before:, and who answers the
// Firm App keys.
struct FilterContext
{
    QDateTime now = QDateTime::currentDateTimeUtc();
    QTimeZone zone = QTimeZone::systemTimeZone(); // for dates and times written without an offset
    std::shared_ptr<EventMatcher> events; // null: a JsonEventMatcher of the evaluator's own
};

// A query made ready to test many records: times resolved, patterns compiled, and the terms of each group
// ordered cheapest first. One evaluator (and its event matcher) is used by one thread at a time.
class FilterEvaluator final
{
public:
    enum class Result : quint8
    {
        False,
        True,
        Unknown // the record has no content yet and the answer depends on its headers or body
    };

    explicit FilterEvaluator(const FilterQuery& query, const FilterContext& context = {});
    ~FilterEvaluator();
    FilterEvaluator(FilterEvaluator&&) noexcept;
    FilterEvaluator& operator=(FilterEvaluator&&) noexcept;

    Result evaluate(const FilterRecord& record) const;
    bool matches(const FilterRecord& record) const { return evaluate(record) == Result::True; }
    // What a record must carry to be decided: FilterNeed::Headers / Body (the Firm App keys count as Body when
    // the matcher reads bodies), Signature, Peer.
    FilterNeeds needs() const;

private:
    struct Program;
    std::unique_ptr<Program> d;
};

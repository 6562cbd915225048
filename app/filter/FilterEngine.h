// SPDX-License-Identifier: MIT
#pragma once

#include <QHash>
#include <QList>
#include <QString>
#include <functional>
#include <optional>

#include "filter/FilterEvaluator.h"
#include "filter/FilterSignature.h"
#include "store/SessionStore.h"

class FilterQuery;

struct FilterRunOptions
{
    FilterContext context;
    qint64 afterId = 0; // only captures with a larger id: filtering what arrived since the last run
    // Called every few thousand captures and at the end; return false to cancel.
    std::function<bool(qint64 done, qint64 total)> progress;
};

struct FilterRunResult
{
    QList<qint64> ids; // the matching captures, in id order; empty when canceled or failed
    qint64 scanned = 0; // captures looked at
    qint64 contentReads = 0; // captures whose headers or body were read, one by one or with the scan
    bool bulkContent = false; // whether the scan switched to reading headers and bodies with every row
    bool canceled = false;
    std::optional<Error> error;
};

// Filters a whole session in the store, on the calling thread (the window runs it on a worker). It opens a
// connection of its own and reads one snapshot. The summary columns are read in bulk; headers and bodies only
// for captures the summary cannot decide, one by one, until most captures turn out to need them, and from then
// on with the scan itself.
class FilterEngine final
{
public:
    static FilterRunResult matchingIds(const QString& storePath, qint64 sessionId, const FilterQuery& query,
                                       const QHash<qint64, FilterSignature>& signatures,
                                       const FilterRunOptions& options = {});
};

// SPDX-License-Identifier: MIT
#include "filter/FilterEngine.h"

#include "filter/FilterQuery.h"
#include "filter/FilterRecord.h"
#include "store/CaptureScan.h"

namespace {

// Rows looked at before deciding whether headers and bodies are better read with every row.
constexpr qint64 sampleRows = 1024;
constexpr qint64 progressEvery = 4096;

void setContent(FilterRecord& record, const CaptureRow& row)
{
    record.hasContent = true;
    record.headers.clear();
    CaptureScan::forEachHeader(row.headers, [&record](QByteArrayView name, QByteArrayView value) {
        record.headers.push_back({name, value});
    });
    record.body = row.body;
}

} // namespace

FilterRunResult FilterEngine::matchingIds(const QString& storePath, qint64 sessionId, const FilterQuery& query,
                                          const QHash<qint64, FilterSignature>& signatures,
                                          const FilterRunOptions& options)
{
    FilterRunResult result;
    CaptureScan scan;
    Expected<void> step = scan.open(storePath);
    if (step)
        step = scan.beginRead();
    if (!step) {
        result.error = step.error();
        return result;
    }
    const FilterEvaluator evaluator(query, options.context);
    const FilterNeeds needs = evaluator.needs();
    CaptureScan::Columns summary;
    if (needs.testFlag(FilterNeed::Peer))
        summary |= CaptureScan::Column::Peer;
    CaptureScan::Columns content;
    if (needs.testFlag(FilterNeed::Headers))
        content |= CaptureScan::Column::Headers;
    if (needs.testFlag(FilterNeed::Body))
        content |= CaptureScan::Column::Body;
    const bool withSignatures = needs.testFlag(FilterNeed::Signature);
    const qint64 total = scan.count(sessionId, options.afterId);

    FilterRecord record;
    CaptureRow loaded;
    qint64 lastId = options.afterId;
    qint64 undecided = 0;
    bool switchToBulk = false;
    const CaptureScan::Visit visit = [&](const CaptureRow& row) {
        record.id = row.id;
        record.method = row.method;
        record.target = row.target;
        record.responseStatus = row.responseStatus;
        record.bodyBytes = row.bodyBytes;
        record.receivedAtMs = row.receivedAtMs;
        record.peer = row.peer;
        record.signature = withSignatures ? signatures.value(row.id) : FilterSignature();
        record.hasContent = result.bulkContent;
        if (result.bulkContent) {
            setContent(record, row);
            ++result.contentReads;
        }
        FilterEvaluator::Result match = evaluator.evaluate(record);
        if (match == FilterEvaluator::Result::Unknown) {
            ++undecided;
            loaded.id = row.id;
            if (scan.load(content, loaded)) {
                setContent(record, loaded);
                ++result.contentReads;
                match = evaluator.evaluate(record);
            }
        }
        if (match == FilterEvaluator::Result::True)
            result.ids.append(row.id);
        lastId = row.id;
        ++result.scanned;
        if (options.progress && result.scanned % progressEvery == 0 && !options.progress(result.scanned, total)) {
            result.canceled = true;
            return false;
        }
        // Reading one by one pays a lookup per capture: worth it only while most captures need nothing more.
        if (!result.bulkContent && result.scanned == sampleRows && undecided * 2 > result.scanned) {
            switchToBulk = true;
            return false;
        }
        return true;
    };
    step = scan.scan(sessionId, options.afterId, summary, visit);
    if (step && switchToBulk) {
        result.bulkContent = true;
        step = scan.scan(sessionId, lastId, summary | content, visit);
    }
    scan.endRead();
    if (!step)
        result.error = step.error();
    if (!result.error && !result.canceled && options.progress && !options.progress(result.scanned, total))
        result.canceled = true;
    if (result.error || result.canceled)
        result.ids.clear();
    return result;
}

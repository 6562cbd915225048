// SPDX-License-Identifier: MIT
// Firm App payload reader and the event index over what it reads: never crash or hang on any body, every
// problem names a JSON path, each kept diff is a compact JSON object, the per-event changes (walked back)
// agree with the document timelines (folded forward), a body compared with itself has no difference, and
// the schema export is JSON.
#include <cstdint>
#include <cstdlib>

#include "json/JsonReader.h"
#include "payload/EventIndex.h"
#include "payload/JsonStructuralDiff.h"
#include "payload/JsonText.h"
#include "payload/SchemaDrift.h"

namespace {

void check(bool condition)
{
    if (!condition)
        std::abort();
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    const QByteArray body(reinterpret_cast<const char*>(data), qsizetype(size));
    const FirmPayload payload = PayloadReader::read(body);
    for (const PayloadProblem& problem : payload.problems)
        check(!problem.message.isEmpty()
              && (problem.path.isEmpty() ? payload.kind == FirmPayload::Kind::NotJson
                                         : problem.path.startsWith(QLatin1String("payload"))));
    for (const PayloadEvent& event : payload.events) {
        if (!event.hasDiff)
            continue;
        check(JsonText::compact(event.diff) == event.diff);
        const JsonReadResult diff = JsonReader::read(event.diff);
        check(diff.ok() && diff.document.root().isObject());
    }

    // The same body twice, as two captures: the second delivery reads like a redelivery.
    EventIndex index;
    index.add(CapturePayload {1, 1000, payload});
    index.add(CapturePayload {2, 2000, PayloadReader::read(body)});
    for (const qint64 id : {qint64(1), qint64(2)}) {
        for (const EventInfo& event : index.events(id)) {
            const QList<FieldChange> walked = index.changes(id, event.index);
            const DocumentTimeline timeline = index.timeline(event.schema, event.docId);
            bool found = false;
            for (const TimelineEntry& entry : timeline.entries) {
                if (entry.event.captureId == id && entry.event.index == event.index) {
                    check(entry.changes == walked);
                    found = true;
                }
            }
            check(found);
        }
    }
    for (const QString& name : index.schemaNames())
        check(JsonReader::read(index.drift(name)->toJsonSchema()).ok());

    JsonReadOptions options;
    options.maxDepth = JsonText::maxDepth;
    const JsonReadResult json = JsonReader::read(body, options);
    if (json.ok())
        check(JsonStructuralDiff::compare(json.document.root(), json.document.root()).changes.isEmpty());
    return 0;
}

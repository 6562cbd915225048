// SPDX-License-Identifier: MIT
// Prints what the Events index costs over a session of 100,000 Firm App events (about 25,000 deliveries of
// 1 to 7 events over 20,000 documents in 4 schemas, some out of order, some delivered twice): the time to
// build it off the UI thread (reading bodies and merging), the cost of one arriving capture at two session
// sizes (it must not grow with the session), what the views ask (one event's changes, a timeline, a
// summary), and the memory kept per event. Medians of several runs.
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QRandomGenerator>
#include <algorithm>
#include <cstdio>
#include <vector>

#include "Statistics.h"
#include "core/Capture.h"
#include "payload/EventIndex.h"

namespace {

constexpr int targetEvents = 100000;
constexpr int runs = 5;

double percentile(std::vector<double> values, double p)
{
    std::sort(values.begin(), values.end());
    return values[std::min(values.size() - 1, size_t(double(values.size()) * p))];
}

QByteArray isoDate(qint64 ms)
{
    return QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC).toString(Qt::ISODateWithMs).toLatin1();
}

// Captures with ids from firstId holding about `events` events; dates advance with the id.
QList<Capture> makeSession(qint64 firstId, int events, quint32 seed, int* eventCount)
{
    QRandomGenerator random(seed);
    const char* schemas[] = {"user", "invoice", "order", "contact"};
    const qint64 start = 1731000000000;
    QList<Capture> captures;
    *eventCount = 0;
    QByteArray previous;
    for (qint64 id = firstId; *eventCount < events; ++id) {
        Capture capture;
        capture.id = id;
        capture.method = "POST";
        capture.target = "/hooks/firm";
        capture.receivedAt = QDateTime::fromMSecsSinceEpoch(start + id * 10, Qt::UTC);
        if (!previous.isEmpty() && random.bounded(50) == 0) { // a redelivery
            capture.body = previous;
            *eventCount += int(previous.count("\"action\""));
            captures.append(capture);
            continue;
        }
        const int n = 1 + int(random.bounded(7));
        QByteArray list;
        for (int e = 0; e < n; ++e) {
            const int doc = int(random.bounded(20000));
            const char* schema = schemas[doc % 4];
            // One event in twenty is older than the document's latest.
            const qint64 when = start + id * 10 - (random.bounded(20) == 0 ? 60000 : 0);
            const int kind = int(random.bounded(20));
            const char* action = kind == 0 ? "create" : kind == 1 ? "delete" : "update";
            QByteArray event = R"({"action":")" + QByteArray(action) + R"(","schema":")" + schema + R"(","docId":"doc)"
                + QByteArray::number(doc) + R"(","docUpdatedDate":")" + isoDate(when) + '"';
            if (kind != 1) {
                event += R"(,"diff":{"name":"Name )" + QByteArray::number(random.bounded(1000)) + '"';
                if (random.bounded(2))
                    event += R"(,"amount":)" + QByteArray::number(random.bounded(100000)) + ".5";
                if (random.bounded(3) == 0)
                    event += R"(,"address":{"city":"City )" + QByteArray::number(random.bounded(50)) + R"(","zip":")"
                        + QByteArray::number(random.bounded(9999)) + R"("})";
                if (random.bounded(4) == 0)
                    event += R"(,"tags":["a","b)" + QByteArray::number(random.bounded(9)) + R"("])";
                event += '}';
            }
            event += '}';
            list += (e ? "," : "") + event;
        }
        capture.body = R"({"payload":{"date":")" + isoDate(start + id * 10) + R"(","events":[)" + list
            + R"(]},"signature":"0000000000000000000000000000000000000000000000000000000000000000"})";
        previous = capture.body;
        *eventCount += n;
        captures.append(capture);
    }
    return captures;
}

qint64 residentBytes()
{
    QFile statm(QStringLiteral("/proc/self/statm"));
    if (!statm.open(QIODevice::ReadOnly))
        return -1;
    const QList<QByteArray> fields = statm.readAll().split(' ');
    return fields.size() > 1 ? fields.at(1).toLongLong() * 4096 : -1;
}

// The cost of each of `count` arrivals on top of a session of `base` events.
std::vector<double> arrivalCosts(const QList<Capture>& session, const QList<Capture>& arrivals)
{
    EventIndex index = EventIndex::build(session);
    std::vector<double> costs;
    costs.reserve(size_t(arrivals.size()));
    QElapsedTimer timer;
    for (const Capture& capture : arrivals) {
        timer.start();
        index.add(capture);
        costs.push_back(double(timer.nsecsElapsed()) / 1000.0);
    }
    return costs;
}

} // namespace

int main(int argc, char** argv)
{
    QCoreApplication app(argc, argv);
    int events = 0;
    const QList<Capture> session = makeSession(1, targetEvents, 42, &events);
    qint64 bodyBytes = 0;
    for (const Capture& capture : session)
        bodyBytes += capture.body.size();
    std::printf("session: %lld captures, %d events, %.1f MB of bodies\n", static_cast<long long>(session.size()),
                events, double(bodyBytes) / 1e6);

    // Memory first, before other runs leave freed blocks behind that the index would reuse unseen.
    const qint64 rssBefore = residentBytes();
    EventIndex kept = EventIndex::build(session);
    const qint64 rssAfter = residentBytes();
    const double indexBytes = double(kept.approximateBytes());
    std::printf("memory: %.0f bytes per event by the index's own count (%.1f MB), resident set grew %.1f MB "
                "(%.0f bytes per event)\n",
                indexBytes / events, indexBytes / 1e6, double(rssAfter - rssBefore) / 1e6,
                double(rssAfter - rssBefore) / events);

    // Building when a session opens: what the worker thread does, reading bodies included.
    std::vector<double> build;
    std::vector<double> read;
    std::vector<double> merge;
    for (int run = 0; run < runs; ++run) {
        QElapsedTimer timer;
        timer.start();
        const EventIndex index = EventIndex::build(session);
        build.push_back(double(timer.nsecsElapsed()) / 1e6);

        timer.start();
        std::vector<CapturePayload> payloads;
        payloads.reserve(size_t(session.size()));
        for (const Capture& capture : session)
            payloads.push_back(CapturePayload::read(capture));
        read.push_back(double(timer.nsecsElapsed()) / 1e6);
        timer.start();
        EventIndex merged;
        for (CapturePayload& payload : payloads)
            merged.add(std::move(payload));
        merge.push_back(double(timer.nsecsElapsed()) / 1e6);
    }
    std::printf("build the index over %d events: median %.1f ms (min %.1f, max %.1f, %d runs), %.2f us per event\n",
                events, median(build), *std::min_element(build.begin(), build.end()),
                *std::max_element(build.begin(), build.end()), runs, median(build) * 1000.0 / events);
    std::printf("  of which reading the bodies (any thread): median %.1f ms; merging (the owner's thread): median "
                "%.1f ms\n",
                median(read), median(merge));

    // One arriving capture, at a tenth of the session and at the whole session: the cost must stay flat.
    int arrivalEvents = 0;
    const QList<Capture> arrivals = makeSession(1000000, 4000, 7, &arrivalEvents);
    int smallEvents = 0;
    const QList<Capture> small = makeSession(1, targetEvents / 10, 42, &smallEvents);
    for (const auto& [label, base, baseEvents] : {std::tuple {"10,000-event session", &small, smallEvents},
                                                  std::tuple {"100,000-event session", &session, events}}) {
        std::vector<double> medians;
        std::vector<double> p99s;
        for (int run = 0; run < runs; ++run) {
            const std::vector<double> costs = arrivalCosts(*base, arrivals);
            medians.push_back(median(costs));
            p99s.push_back(percentile(costs, 0.99));
        }
        std::printf("one arriving capture (%.1f events on average) on a %s (%d events): median %.1f us, p99 %.1f "
                    "us (medians of %d runs of %lld arrivals)\n",
                    double(arrivalEvents) / double(arrivals.size()), label, baseEvents, median(medians), median(p99s),
                    runs, static_cast<long long>(arrivals.size()));
    }

    // What the views ask of the full session.
    std::vector<double> changes;
    QElapsedTimer timer;
    for (qint64 id = 1; id <= 20000; id += 7) {
        const QList<EventInfo> list = kept.events(id);
        if (list.isEmpty())
            continue;
        timer.start();
        const QList<FieldChange> rows = kept.changes(id, list.constFirst().index);
        changes.push_back(double(timer.nsecsElapsed()) / 1000.0);
    }
    std::vector<double> timelines;
    std::vector<double> summaries;
    for (int doc = 0; doc < 2000; doc += 3) {
        timer.start();
        const DocumentTimeline timeline = kept.timeline(QString::fromLatin1(doc % 4 == 0       ? "user"
                                                                                : doc % 4 == 1 ? "invoice"
                                                                                : doc % 4 == 2 ? "order"
                                                                                               : "contact"),
                                                        QStringLiteral("doc%1").arg(doc));
        timelines.push_back(double(timer.nsecsElapsed()) / 1000.0);
        timer.start();
        const CaptureEventSummary summary = kept.summary(doc + 1);
        summaries.push_back(double(timer.nsecsElapsed()) / 1000.0);
    }
    std::printf("views: one event's changes median %.1f us (p99 %.1f); a document's timeline median %.1f us; a "
                "capture's summary median %.2f us\n",
                median(changes), percentile(changes, 0.99), median(timelines), median(summaries));
    return 0;
}

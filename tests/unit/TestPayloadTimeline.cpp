// SPDX-License-Identifier: MIT
// Document timelines, the filter matcher, and the index itself: fed capture by capture or built in one go
// on another thread, the same answers.
#include <QRandomGenerator>
#include <QTest>
#include <thread>

#include "PayloadFixtures.h"
#include "payload/EventIndex.h"
#include "payload/SchemaDrift.h"

using namespace Qt::StringLiterals;
using fixtures::body;
using fixtures::firmEvent;

namespace {

const QByteArray t1 = "2024-11-08T10:00:00.000Z";
const QByteArray t2 = "2024-11-08T11:00:00.000Z";
const QByteArray t3 = "2024-11-08T12:00:00.000Z";
const QByteArray t4 = "2024-11-08T13:00:00.000Z";

// A session with out-of-order arrivals, duplicates, deletes, re-creates, nesting and nulls over a few
// documents, so that every path of the index is taken.
QList<Capture> randomSession(quint32 seed, int captures)
{
    QRandomGenerator random(seed);
    const char* actions[] = {"create", "update", "update", "update", "delete"};
    const char* fields[] = {"name", "age", "address", "tags", "nick"};
    QList<Capture> out;
    for (int c = 0; c < captures; ++c) {
        QList<QByteArray> events;
        const int n = 1 + int(random.bounded(3));
        for (int e = 0; e < n; ++e) {
            const QByteArray action = actions[random.bounded(5)];
            const QByteArray doc = "d" + QByteArray::number(random.bounded(4));
            const QByteArray date = "2024-11-08T10:" + QByteArray::number(10 + random.bounded(40)) + ":00.000Z";
            QByteArray diff;
            if (action != "delete" && random.bounded(4) != 0) {
                diff = "{";
                for (int f = 0; f < 1 + int(random.bounded(3)); ++f) {
                    const int which = int(random.bounded(5));
                    const int value = int(random.bounded(3));
                    diff += (diff.size() > 1 ? "," : "") + QByteArray("\"") + fields[which] + "\":";
                    diff += value == 0 ? QByteArray("null")
                        : which == 2   ? R"({"city":"c)" + QByteArray::number(value) + "\"}"
                        : which == 3   ? "[" + QByteArray::number(value) + "]"
                                       : QByteArray::number(value);
                }
                diff += "}";
            }
            events.append(firmEvent(action, "user", doc, date, diff));
        }
        out.append(fixtures::capture(c + 1, body(events)));
    }
    return out;
}

QStringList everything(const EventIndex& index)
{
    QStringList out;
    for (const qint64 id : index.captureIds()) {
        out.append(index.summary(id).text());
        for (const EventInfo& event : index.events(id)) {
            out.append(
                u"%1.%2 %3 %4"_s.arg(id).arg(event.index).arg(event.docId, deliveryFlagNames(event.flags).join(u',')));
            out += fixtures::describe(index.changes(id, event.index));
        }
    }
    return out;
}

} // namespace

class TestPayloadTimeline final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void timelineInDateOrderWithStates();
    void timelineOfUnknownDocumentIsEmpty();
    void timelineAgreesWithPerEventChanges();
    void matcher_data();
    void matcher();
    void addingTwiceChangesNothing();
    void buildOnAWorkerThreadEqualsIncremental();
    void buildCanBeCanceled();
    void captureWithoutFirmPayload();
};

void TestPayloadTimeline::timelineInDateOrderWithStates()
{
    EventIndex index;
    index.add(fixtures::capture(1, body({firmEvent("create", "user", "u1", t1, R"({"name":"Sam"})")})));
    index.add(fixtures::capture(2, body({firmEvent("update", "user", "u1", t3, R"({"age":41})")})));
    index.add(fixtures::capture(3,
                                body({firmEvent("update", "user", "u1", t2, R"({"age":40,"name":"Sam S"})"),
                                      firmEvent("update", "user", "u2", t2, R"({"age":1})")})));
    index.add(fixtures::capture(4, body({firmEvent("delete", "user", "u1", t4)})));
    const DocumentTimeline timeline = index.timeline(u"user"_s, u"u1"_s);
    QCOMPARE(timeline.schema, u"user"_s);
    QCOMPARE(timeline.docId, u"u1"_s);
    QCOMPARE(timeline.entries.size(), 4);
    QStringList steps;
    for (const TimelineEntry& entry : timeline.entries) {
        steps.append(u"%1 %2 %3 %4%5"_s.arg(entry.event.captureId)
                         .arg(entry.event.actionText, entry.event.docUpdatedDate, QString::fromUtf8(entry.stateAfter),
                              entry.deletedAfter ? u" deleted"_s : QString()));
        steps += fixtures::describe(entry.changes);
    }
    QCOMPARE(steps,
             (QStringList {uR"(1 create 2024-11-08T10:00:00.000Z {"name":"Sam"})"_s, uR"(name added - -> "Sam")"_s,
                           uR"(3 update 2024-11-08T11:00:00.000Z {"name":"Sam S","age":40})"_s, u"age added - -> 40"_s,
                           uR"(name changed "Sam" -> "Sam S")"_s,
                           uR"(2 update 2024-11-08T12:00:00.000Z {"name":"Sam S","age":41})"_s,
                           u"age changed 40 -> 41"_s, u"4 delete 2024-11-08T13:00:00.000Z {} deleted"_s,
                           uR"(name removed "Sam S" -> -)"_s, u"age removed 41 -> -"_s}));
    QCOMPARE(index.events(2).constFirst().flags, DeliveryFlags(DeliveryFlag::NewField));
    QCOMPARE(index.events(3).constFirst().flags, DeliveryFlags(DeliveryFlag::OutOfOrder));
}

void TestPayloadTimeline::timelineOfUnknownDocumentIsEmpty()
{
    EventIndex index;
    index.add(fixtures::capture(1, body({firmEvent("create", "user", "u1", t1)})));
    QVERIFY(index.timeline(u"user"_s, u"nobody"_s).entries.isEmpty());
    QVERIFY(index.timeline(u"invoice"_s, u"u1"_s).entries.isEmpty());
    QCOMPARE(index.timeline(u"user"_s, u"u1"_s).entries.size(), 1);
}

void TestPayloadTimeline::timelineAgreesWithPerEventChanges()
{
    // Per-event changes walk back from the event; the timeline folds forward. They must agree everywhere.
    for (quint32 seed = 1; seed <= 20; ++seed) {
        EventIndex index;
        for (const Capture& capture : randomSession(seed, 40))
            index.add(capture);
        for (int doc = 0; doc < 4; ++doc) {
            const DocumentTimeline timeline = index.timeline(u"user"_s, u"d"_s + QString::number(doc));
            for (const TimelineEntry& entry : timeline.entries) {
                const QStringList forward = fixtures::describe(entry.changes);
                const QStringList backward
                    = fixtures::describe(index.changes(entry.event.captureId, entry.event.index));
                QVERIFY2(forward == backward,
                         qPrintable(u"seed %1, capture %2.%3:\n  %4\nvs\n  %5"_s.arg(seed)
                                        .arg(entry.event.captureId)
                                        .arg(entry.event.index)
                                        .arg(forward.join(u"\n  "_s), backward.join(u"\n  "_s))));
            }
            for (qsizetype i = 1; i < timeline.entries.size(); ++i) {
                const EventInfo& a = timeline.entries.at(i - 1).event;
                const EventInfo& b = timeline.entries.at(i).event;
                QVERIFY(a.docUpdatedMs < b.docUpdatedMs
                        || (a.docUpdatedMs == b.docUpdatedMs
                            && (a.captureId < b.captureId || (a.captureId == b.captureId && a.index < b.index))));
            }
        }
    }
}

void TestPayloadTimeline::matcher_data()
{
    QTest::addColumn<QString>("schema");
    QTest::addColumn<QString>("docId");
    QTest::addColumn<QString>("action");
    QTest::addColumn<QList<qint64>>("captures");

    QTest::newRow("anything") << QString() << QString() << QString() << QList<qint64> {1, 2, 3};
    QTest::newRow("a document") << QString() << u"u1"_s << QString() << QList<qint64> {1, 3};
    QTest::newRow("a schema") << u"invoice"_s << QString() << QString() << QList<qint64> {2};
    QTest::newRow("an action") << QString() << QString() << u"delete"_s << QList<qint64> {3};
    QTest::newRow("document and action in one event") << u"user"_s << u"u1"_s << u"create"_s << QList<qint64> {1};
    QTest::newRow("not in the same event") << u"invoice"_s << u"u1"_s << QString() << QList<qint64>();
    QTest::newRow("an unknown action by its text") << QString() << QString() << u"archive"_s << QList<qint64> {2};
    QTest::newRow("a schema never seen") << u"order"_s << QString() << QString() << QList<qint64>();
}

void TestPayloadTimeline::matcher()
{
    QFETCH(QString, schema);
    QFETCH(QString, docId);
    QFETCH(QString, action);
    QFETCH(QList<qint64>, captures);
    EventIndex index;
    index.add(fixtures::capture(1, body({firmEvent("create", "user", "u1", t1)})));
    index.add(fixtures::capture(
        2, body({firmEvent("update", "invoice", "i1", t1, R"({"a":1})"), firmEvent("archive", "user", "u2", t1)})));
    index.add(fixtures::capture(3, body({firmEvent("delete", "user", "u1", t2)})));
    index.add(fixtures::capture(4, R"({"not":"firm"})"));
    const EventMatch match {schema, docId, action};
    QList<qint64> matched;
    for (qint64 id = 1; id <= 5; ++id) {
        if (index.matches(id, match))
            matched.append(id);
    }
    QCOMPARE(matched, captures);
}

void TestPayloadTimeline::addingTwiceChangesNothing()
{
    EventIndex index;
    const Capture capture = fixtures::capture(1, body({firmEvent("create", "user", "u1", t1, R"({"a":1})")}));
    QVERIFY(index.add(capture));
    const QStringList before = everything(index);
    QVERIFY(!index.add(capture));
    QVERIFY(!index.add(CapturePayload::read(capture)));
    QCOMPARE(everything(index), before);
    QCOMPARE(index.eventCount(), 1);
    QCOMPARE(index.drift(u"user"_s)->eventCount(), 1);
}

void TestPayloadTimeline::buildOnAWorkerThreadEqualsIncremental()
{
    const QList<Capture> captures = randomSession(7, 300);
    EventIndex incremental;
    for (const Capture& capture : captures)
        incremental.add(capture);

    EventIndex built;
    std::thread worker([&] { built = EventIndex::build(captures); });
    worker.join();
    QCOMPARE(built.captureCount(), 300);
    QCOMPARE(built.eventCount(), incremental.eventCount());
    QCOMPARE(built.documentCount(), 4);
    QCOMPARE(everything(built), everything(incremental));
    QCOMPARE(built.drift(u"user"_s)->toJsonSchema(), incremental.drift(u"user"_s)->toJsonSchema());

    // Reading from several threads at once while nothing adds.
    QStringList fromThreads[2];
    std::thread a([&] { fromThreads[0] = everything(built); });
    std::thread b([&] { fromThreads[1] = everything(built); });
    a.join();
    b.join();
    QCOMPARE(fromThreads[0], fromThreads[1]);
}

void TestPayloadTimeline::buildCanBeCanceled()
{
    const QList<Capture> captures = randomSession(3, 1000);
    int polls = 0;
    const EventIndex index = EventIndex::build(captures, [&polls] { return ++polls > 1; });
    QCOMPARE(index.captureCount(), 256);
}

void TestPayloadTimeline::captureWithoutFirmPayload()
{
    EventIndex index;
    QVERIFY(index.add(fixtures::capture(1, "\x01\x02 binary")));
    QVERIFY(index.add(fixtures::capture(2, R"({"payload":{"date":"x","events":[{"action":1}]}})")));
    QVERIFY(index.contains(1));
    QVERIFY(!index.summary(1).firmApp);
    QCOMPARE(index.summary(1).text(), QString());
    QVERIFY(index.events(1).isEmpty());
    QVERIFY(index.problems(1).isEmpty());
    const CaptureEventSummary malformed = index.summary(2);
    QVERIFY(malformed.firmApp);
    QCOMPARE(malformed.text(), u"0"_s);
    QCOMPARE(malformed.problemCount, 4);
    QCOMPARE(index.problems(2).constFirst().toString(), u"payload.date: not an ISO 8601 date-time"_s);
}

QTEST_GUILESS_MAIN(TestPayloadTimeline)
#include "TestPayloadTimeline.moc"

// SPDX-License-Identifier: MIT
// Per-event changes: one row per field, "before" from the document's earlier events (by docUpdatedDate, then
// arrival) or unknown, kinds added / changed / removed / unchanged_but_sent, nesting by path, exact JSON text.
#include <QTest>

#include "PayloadFixtures.h"
#include "payload/EventIndex.h"

using namespace Qt::StringLiterals;
using fixtures::body;
using fixtures::firmEvent;

namespace {

const QByteArray t1 = "2024-11-08T10:00:00.000Z";
const QByteArray t2 = "2024-11-08T11:00:00.000Z";
const QByteArray t3 = "2024-11-08T12:00:00.000Z";

QByteArray update(const QByteArray& date, const QByteArray& diff)
{
    return firmEvent("update", "user", "u1", date, diff);
}

QByteArray create(const QByteArray& date, const QByteArray& diff = {})
{
    return firmEvent("create", "user", "u1", date, diff);
}

} // namespace

class TestPayloadDiff final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void changes_data();
    void changes();
    void lateOlderEventSuppliesBefore();
    void otherDocumentsDoNotLeak();
};

void TestPayloadDiff::changes_data()
{
    // Each body is one capture (ids 1, 2, ...) in arrival order; the last event of the last capture is asked.
    QTest::addColumn<QList<QByteArray>>("bodies");
    QTest::addColumn<QStringList>("rows");

    QTest::newRow("update of a document the session never saw: before unknown")
        << QList<QByteArray> {body({update(t1, R"({"name":"Sam Smith"})")})}
        << QStringList {uR"(name changed ? -> "Sam Smith")"_s};
    QTest::newRow("update after an update: the earlier value")
        << QList<QByteArray> {body({update(t1, R"({"name":"Sam"})")}), body({update(t2, R"({"name":"Sam Smith"})")})}
        << QStringList {uR"(name changed "Sam" -> "Sam Smith")"_s};
    QTest::newRow("create shows the fields it set")
        << QList<QByteArray> {body({create(t1, R"({"name":"Sam","tags":["a"]})")})}
        << QStringList {uR"(name added - -> "Sam")"_s, uR"(tags added - -> ["a"])"_s};
    QTest::newRow("create without a diff shows nothing") << QList<QByteArray> {body({create(t1)})} << QStringList();
    QTest::newRow("after a create, a field never set was absent")
        << QList<QByteArray> {body({create(t1)}), body({update(t2, R"({"email":"s@x.io"})")})}
        << QStringList {uR"(email added - -> "s@x.io")"_s};
    QTest::newRow("null clears a field: removed, after is the null sent")
        << QList<QByteArray> {body({update(t1, R"({"nick":"sam"})")}), body({update(t2, R"({"nick":null})")})}
        << QStringList {uR"(nick removed "sam" -> null)"_s};
    QTest::newRow("null of an unknown field: removed, before unknown")
        << QList<QByteArray> {body({update(t1, R"({"nick":null})")})} << QStringList {u"nick removed ? -> null"_s};
    QTest::newRow("null of a field known absent: unchanged")
        << QList<QByteArray> {body({create(t1)}), body({update(t2, R"({"nick":null})")})}
        << QStringList {u"nick unchanged_but_sent - -> null"_s};
    QTest::newRow("a field set again after it was cleared: added")
        << QList<QByteArray> {body({update(t1, R"({"nick":null})")}), body({update(t2, R"({"nick":"s"})")})}
        << QStringList {uR"(nick added - -> "s")"_s};
    QTest::newRow("the same value sent again")
        << QList<QByteArray> {body({update(t1, R"({"n":1,"o":{"a":1,"b":[1,2]}})")}),
                              body({update(t2, R"({"n":1.0,"o":{"b":[1,2.0e0],"a":1}})")})}
        << QStringList {u"n unchanged_but_sent 1 -> 1.0"_s,
                        uR"(o unchanged_but_sent {"a":1,"b":[1,2]} -> {"b":[1,2.0e0],"a":1})"_s};
    QTest::newRow("nested objects compared by path")
        << QList<QByteArray> {body({update(t1,
                                           R"({"address":{"city":"Oslo","street":"Storgata 1","geo":{"lat":59.9}}})")}),
                              body({update(
                                  t2, R"({"address":{"city":"Bergen","geo":{"lat":59.9,"lon":10.7},"zip":"5003"}})")})}
        << QStringList {uR"(address.city changed "Oslo" -> "Bergen")"_s,
                        uR"(address.street removed "Storgata 1" -> -)"_s, u"address.geo.lon added - -> 10.7"_s,
                        uR"(address.zip added - -> "5003")"_s};
    QTest::newRow("arrays compared by index")
        << QList<QByteArray> {body({update(t1, R"({"tags":["a","b","c"],"rows":[{"q":1}]})")}),
                              body({update(t2, R"({"tags":["a","x"],"rows":[{"q":2},{"q":3}]})")})}
        << QStringList {uR"(tags[1] changed "b" -> "x")"_s, uR"(tags[2] removed "c" -> -)"_s,
                        u"rows[0].q changed 1 -> 2"_s, uR"(rows[1] added - -> {"q":3})"_s};
    QTest::newRow("a type change is one change of the whole value")
        << QList<QByteArray> {body({update(t1, R"({"v":{"a":1}})")}), body({update(t2, R"({"v":[1]})")})}
        << QStringList {uR"(v changed {"a":1} -> [1])"_s};
    QTest::newRow("values stay exactly as sent")
        << QList<QByteArray> {body({update(t1, R"({"s":"caf\u00e9","big":12345678901234567890123})")}),
                              body({update(t2, R"({"s":"café","big":12345678901234567890124})")})}
        << QStringList {uR"(s unchanged_but_sent "caf\u00e9" -> "café")"_s,
                        u"big changed 12345678901234567890123 -> 12345678901234567890124"_s};
    QTest::newRow("keys that are not plain names are quoted in paths")
        << QList<QByteArray> {body({update(t1, R"({"a b":{"c.d":1}})")}), body({update(t2, R"({"a b":{"c.d":2}})")})}
        << QStringList {uR"(["a b"]["c.d"] changed 1 -> 2)"_s};
    QTest::newRow("the earlier event by date, not by arrival")
        << QList<QByteArray> {body({update(t3, R"({"name":"third"})")}), body({update(t1, R"({"name":"first"})")}),
                              body({update(t2, R"({"name":"second"})")})}
        << QStringList {uR"(name changed "first" -> "second")"_s};
    QTest::newRow("same date: arrival decides")
        << QList<QByteArray> {body({update(t1, R"({"name":"a"})")}), body({update(t1, R"({"name":"b"})")})}
        << QStringList {uR"(name changed "a" -> "b")"_s};
    QTest::newRow("within one batch, in order")
        << QList<QByteArray> {body({update(t1, R"({"name":"a"})"), update(t1, R"({"name":"b"})")})}
        << QStringList {uR"(name changed "a" -> "b")"_s};
    QTest::newRow("delete shows the last known state")
        << QList<QByteArray> {body({create(t1, R"({"name":"Sam","nick":"s"})")}),
                              body({update(t2, R"({"name":"Sam Smith","nick":null,"age":40})")}),
                              body({firmEvent("delete", "user", "u1", t3)})}
        << QStringList {uR"(name removed "Sam Smith" -> -)"_s, u"age removed 40 -> -"_s};
    QTest::newRow("delete of a document never seen shows nothing")
        << QList<QByteArray> {body({firmEvent("delete", "user", "u1", t3)})} << QStringList();
    QTest::newRow("delete of fields known only from updates")
        << QList<QByteArray> {body({update(t1, R"({"a":1})")}), body({firmEvent("delete", "user", "u1", t2)})}
        << QStringList {u"a removed 1 -> -"_s};
    QTest::newRow("after a delete, fields are absent")
        << QList<QByteArray> {body({update(t1, R"({"a":1})")}), body({firmEvent("delete", "user", "u1", t2)}),
                              body({update(t3, R"({"a":2})")})}
        << QStringList {u"a added - -> 2"_s};
    QTest::newRow("an unknown action with a diff reads like an update")
        << QList<QByteArray> {body({update(t1, R"({"a":1})")}),
                              body({firmEvent("archive", "user", "u1", t2, R"({"a":2})")})}
        << QStringList {u"a changed 1 -> 2"_s};
}

void TestPayloadDiff::changes()
{
    QFETCH(QList<QByteArray>, bodies);
    QFETCH(QStringList, rows);
    EventIndex index;
    for (qsizetype i = 0; i < bodies.size(); ++i)
        QVERIFY(index.add(fixtures::capture(i + 1, bodies.at(i))));
    const qint64 last = bodies.size();
    const QList<EventInfo> events = index.events(last);
    QVERIFY(!events.isEmpty());
    QCOMPARE(fixtures::describe(index.changes(last, events.constLast().index)), rows);
}

void TestPayloadDiff::lateOlderEventSuppliesBefore()
{
    // An event that arrives late but is older changes what the events after it (by date) started from.
    EventIndex index;
    index.add(fixtures::capture(1, body({update(t2, R"({"name":"Sam Smith"})")})));
    QCOMPARE(fixtures::describe(index.changes(1, 0)), QStringList {uR"(name changed ? -> "Sam Smith")"_s});
    index.add(fixtures::capture(2, body({update(t1, R"({"name":"Sam"})")})));
    QCOMPARE(fixtures::describe(index.changes(1, 0)), QStringList {uR"(name changed "Sam" -> "Sam Smith")"_s});
    QCOMPARE(fixtures::describe(index.changes(2, 0)), QStringList {uR"(name changed ? -> "Sam")"_s});
    QVERIFY(index.changes(1, 5).isEmpty());
    QVERIFY(index.changes(99, 0).isEmpty());
}

void TestPayloadDiff::otherDocumentsDoNotLeak()
{
    EventIndex index;
    index.add(fixtures::capture(1,
                                body({firmEvent("update", "user", "u2", t1, R"({"name":"Other"})"),
                                      firmEvent("update", "invoice", "u1", t1, R"({"name":"Invoice"})")})));
    index.add(fixtures::capture(2, body({update(t2, R"({"name":"Sam"})")})));
    QCOMPARE(fixtures::describe(index.changes(2, 0)), QStringList {uR"(name changed ? -> "Sam")"_s});
}

QTEST_GUILESS_MAIN(TestPayloadDiff)
#include "TestPayloadDiff.moc"

// SPDX-License-Identifier: MIT
// Delivery checks and drift flags, decided as each event arrives: duplicate, out_of_order, unknown_document,
// after_delete, new_field, type_changed.
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

// The flags of every event of every capture, in arrival order: "duplicate,out_of_order" or "-".
QStringList flagsOf(const QList<QByteArray>& bodies)
{
    EventIndex index;
    QStringList out;
    for (qsizetype i = 0; i < bodies.size(); ++i) {
        index.add(fixtures::capture(i + 1, bodies.at(i)));
        for (const EventInfo& event : index.events(i + 1)) {
            const QStringList names = deliveryFlagNames(event.flags);
            out.append(names.isEmpty() ? u"-"_s : names.join(QLatin1Char(',')));
        }
    }
    return out;
}

} // namespace

class TestPayloadChecks final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void flags_data();
    void flags();
    void flagNamesAreStable();
    void summaryCarriesTheFlags();
};

void TestPayloadChecks::flags_data()
{
    QTest::addColumn<QList<QByteArray>>("bodies");
    QTest::addColumn<QStringList>("flags");

    const QByteArray create = firmEvent("create", "user", "u1", t1);
    const QByteArray update = firmEvent("update", "user", "u1", t2, R"({"name":"Sam"})");
    QTest::newRow("a clean history") << QList<QByteArray> {body({create}), body({update}),
                                                           body({firmEvent("delete", "user", "u1", t3)})}
                                     << QStringList {u"-"_s, u"-"_s, u"-"_s};
    QTest::newRow("the same event delivered again")
        << QList<QByteArray> {body({create}), body({update}), body({update})}
        << QStringList {u"-"_s, u"-"_s, u"duplicate"_s};
    QTest::newRow("a redelivery laid out differently is still the same event") << QList<
        QByteArray> {body({create}), body({update}),
                     R"({ "payload" : { "date" : "2024-11-08T21:49:46.733Z", "events" : [ { "diff" : { "name" : "Sam" }, )"
                     R"("docId" : "u1", "schema" : "user", "action" : "update", "docUpdatedDate" : "2024-11-08T11:00:00.000Z" } ] } })"}
                                                                               << QStringList {u"-"_s, u"-"_s,
                                                                                               u"duplicate"_s};
    QTest::newRow("twice in one batch") << QList<QByteArray> {body({create, create})}
                                        << QStringList {u"-"_s, u"duplicate"_s};
    QTest::newRow("another diff at the same time is not a duplicate")
        << QList<QByteArray> {body({create}), body({update}),
                              body({firmEvent("update", "user", "u1", t2, R"({"name":"Sam Smith"})")})}
        << QStringList {u"-"_s, u"-"_s, u"-"_s};
    QTest::newRow("another document is not a duplicate")
        << QList<QByteArray> {body({create}), body({firmEvent("create", "user", "u2", t1)}),
                              body({firmEvent("create", "invoice", "u1", t1)})}
        << QStringList {u"-"_s, u"-"_s, u"-"_s};
    QTest::newRow("older than what was seen")
        << QList<QByteArray> {body({create}), body({firmEvent("update", "user", "u1", t3, R"({"name":"B"})")}),
                              body({update})}
        << QStringList {u"-"_s, u"-"_s, u"out_of_order"_s};
    QTest::newRow("the same time is not out of order")
        << QList<QByteArray> {body({create}), body({firmEvent("update", "user", "u1", t1, R"({"name":"B"})")})}
        << QStringList {u"-"_s, u"-"_s};
    QTest::newRow("update and delete of a document never created")
        << QList<QByteArray> {body({update}), body({firmEvent("delete", "user", "u1", t3)})}
        << QStringList {u"unknown_document"_s, u"unknown_document"_s};
    QTest::newRow("after its delete")
        << QList<QByteArray> {body({create}), body({firmEvent("delete", "user", "u1", t2)}),
                              body({firmEvent("update", "user", "u1", t3, R"({"name":"ghost"})")})}
        << QStringList {u"-"_s, u"-"_s, u"after_delete"_s};
    QTest::newRow("created again after its delete, then updated")
        << QList<QByteArray> {body({create}), body({firmEvent("delete", "user", "u1", t2)}),
                              body({firmEvent("create", "user", "u1", t3)}),
                              body({firmEvent("update", "user", "u1", t3, R"({"name":"new"})")})}
        << QStringList {u"-"_s, u"-"_s, u"after_delete"_s, u"-"_s};
    QTest::newRow("a delete delivered twice")
        << QList<QByteArray> {body({create}), body({firmEvent("delete", "user", "u1", t2)}),
                              body({firmEvent("delete", "user", "u1", t2)})}
        << QStringList {u"-"_s, u"-"_s, u"duplicate,after_delete"_s};
    QTest::newRow("the first diff of a schema sets its baseline; a later unseen field is new")
        << QList<QByteArray> {body({firmEvent("create", "user", "u1", t1, R"({"name":"a","age":1})")}),
                              body({firmEvent("update", "user", "u1", t2, R"({"age":2})")}),
                              body({firmEvent("update", "user", "u1", t3, R"({"email":"e"})")})}
        << QStringList {u"-"_s, u"-"_s, u"new_field"_s};
    QTest::newRow("a new nested field is new")
        << QList<QByteArray> {body({firmEvent("create", "user", "u1", t1, R"({"address":{"city":"Oslo"}})")}),
                              body({firmEvent("update", "user", "u1", t2, R"({"address":{"city":"Oslo","zip":"1"}})")})}
        << QStringList {u"-"_s, u"new_field"_s};
    QTest::newRow("another type for a field")
        << QList<QByteArray> {body({firmEvent("create", "user", "u1", t1, R"({"age":1})")}),
                              body({firmEvent("update", "user", "u1", t2, R"({"age":"2"})")}),
                              body({firmEvent("update", "user", "u1", t3, R"({"age":"3"})")})}
        << QStringList {u"-"_s, u"type_changed"_s, u"-"_s};
    QTest::newRow("integer then fraction, and null, are no type change")
        << QList<QByteArray> {body({firmEvent("create", "user", "u1", t1, R"({"age":1,"nick":"s"})")}),
                              body({firmEvent("update", "user", "u1", t2, R"({"age":1.5,"nick":null})")})}
        << QStringList {u"-"_s, u"-"_s};
    QTest::newRow("schemas drift on their own")
        << QList<QByteArray> {body({firmEvent("create", "user", "u1", t1, R"({"age":1})")}),
                              body({firmEvent("create", "invoice", "i1", t1, R"({"age":"x"})")})}
        << QStringList {u"-"_s, u"-"_s};
    QTest::newRow("several at once")
        << QList<QByteArray> {body({firmEvent("update", "user", "u1", t3, R"({"age":1})")}),
                              body({firmEvent("update", "user", "u1", t1, R"({"age":"1","x":true})")})}
        << QStringList {u"unknown_document"_s, u"out_of_order,unknown_document,new_field,type_changed"_s};
}

void TestPayloadChecks::flags()
{
    QFETCH(QList<QByteArray>, bodies);
    QFETCH(QStringList, flags);
    QCOMPARE(flagsOf(bodies), flags);
}

void TestPayloadChecks::flagNamesAreStable()
{
    QCOMPARE(deliveryFlagNames(DeliveryFlags(0x3F)),
             (QStringList {u"duplicate"_s, u"out_of_order"_s, u"unknown_document"_s, u"after_delete"_s, u"new_field"_s,
                           u"type_changed"_s}));
    QCOMPARE(deliveryFlagNames({}), QStringList());
}

void TestPayloadChecks::summaryCarriesTheFlags()
{
    EventIndex index;
    index.add(fixtures::capture(1, body({firmEvent("create", "user", "u1", t1)})));
    index.add(fixtures::capture(
        2,
        body({firmEvent("create", "user", "u1", t1), firmEvent("update", "invoice", "i1", t2, R"({"total":1})"),
              firmEvent("delete", "user", "u2", t2)})));
    const CaptureEventSummary summary = index.summary(2);
    QVERIFY(summary.firmApp);
    QCOMPARE(summary.eventCount, 3);
    QCOMPARE(summary.text(), u"3 \u00b7 user, invoice"_s);
    QCOMPARE(deliveryFlagNames(summary.flags), (QStringList {u"duplicate"_s, u"unknown_document"_s}));
    QCOMPARE(index.summary(1).text(), u"1 \u00b7 user"_s);
    QCOMPARE(index.summary(1).flags, DeliveryFlags());
}

QTEST_GUILESS_MAIN(TestPayloadChecks)
#include "TestPayloadChecks.moc"

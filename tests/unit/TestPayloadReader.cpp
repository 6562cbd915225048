// SPDX-License-Identifier: MIT
// The Firm App payload reader: every action, nesting, arrays, unknown fields kept, exact JSON text, and
// malformed payloads reported with their JSON path. The first vector is the sample request on the Firm App's
// webhook page (shared/reference/firm-app-webhooks.txt), whitespace as printed there.
#include <QTest>

#include "PayloadFixtures.h"
#include "payload/PayloadReader.h"

using namespace Qt::StringLiterals;

namespace {

const QByteArray sampleFromWebhookPage = R"({
  "payload": {
    "date": "2024-11-08T21:49:46.733Z",
    "events": [
      {
        "action": "update",
        "schema": "user",
        "docId": "ussampleuser1id",
        "docUpdatedDate": "2024-11-08T21:49:46.733Z",
        "diff": {
          "name": "Sam Smith"
        }
      },
      {
        "action": "create",
        "schema": "user",
        "docId": "ussampleuser2id",
        "docUpdatedDate": "2024-11-08T21:49:46.733Z"
      },
      {
        "action": "delete",
        "schema": "user",
        "docId": "ussampleuser3id",
        "docUpdatedDate": "2024-11-08T21:49:46.733Z"
      }
    ]
  },
  "signature": "1821e17f3bb302b589c5a3a04e91766642e90713d99aa83cf047425f15e45d69"
})";

QStringList problemTexts(const FirmPayload& payload)
{
    QStringList out;
    for (const PayloadProblem& problem : payload.problems)
        out.append(problem.toString());
    return out;
}

// "update user/ussampleuser1id @2024-... diff={...}" per event.
QStringList eventTexts(const FirmPayload& payload)
{
    QStringList out;
    for (const PayloadEvent& event : payload.events) {
        out.append(u"%1:%2 %3/%4 @%5%6"_s.arg(event.index)
                       .arg(event.actionText, event.schema, event.docId, event.docUpdatedDate,
                            event.hasDiff ? u" diff="_s + QString::fromUtf8(event.diff) : QString()));
    }
    return out;
}

} // namespace

class TestPayloadReader final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void readsTheWebhookPageSample();
    void readsEvents_data();
    void readsEvents();
    void keepsUnknownFields();
    void reportsProblems_data();
    void reportsProblems();
    void otherBodiesAreNotFirmApp_data();
    void otherBodiesAreNotFirmApp();
    void parsesDates_data();
    void parsesDates();
    void formatsDates();
    void docIdsAreLenient();
};

void TestPayloadReader::readsTheWebhookPageSample()
{
    const FirmPayload payload = PayloadReader::read(sampleFromWebhookPage);
    QVERIFY(payload.isFirmApp());
    QCOMPARE(problemTexts(payload), QStringList());
    QCOMPARE(payload.date, u"2024-11-08T21:49:46.733Z"_s);
    QCOMPARE(payload.dateMs, 1731102586733);
    QCOMPARE(eventTexts(payload),
             (QStringList {uR"(0:update user/ussampleuser1id @2024-11-08T21:49:46.733Z diff={"name":"Sam Smith"})"_s,
                           u"1:create user/ussampleuser2id @2024-11-08T21:49:46.733Z"_s,
                           u"2:delete user/ussampleuser3id @2024-11-08T21:49:46.733Z"_s}));
    QCOMPARE(payload.events.at(0).action, EventAction::Update);
    QCOMPARE(payload.events.at(1).action, EventAction::Create);
    QCOMPARE(payload.events.at(2).action, EventAction::Delete);
    QCOMPARE(payload.events.at(2).docUpdatedMs, 1731102586733);
    QVERIFY(payload.unknownFields.isEmpty());
}

void TestPayloadReader::readsEvents_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QStringList>("events");

    using fixtures::body;
    using fixtures::firmEvent;
    QTest::newRow("create with the fields it set")
        << body({firmEvent("create", "invoice", "in1", "2024-01-02T03:04:05.000Z", R"({"total":12.5,"lines":[]})")})
        << QStringList {uR"(0:create invoice/in1 @2024-01-02T03:04:05.000Z diff={"total":12.5,"lines":[]})"_s};
    QTest::newRow("nested objects and arrays, whitespace dropped, order kept")
        << body(
               {firmEvent("update", "user", "u1", "2024-01-02T03:04:05Z",
                          R"({ "z" : { "b" : [ 1 , { "y" : null, "x" : true } ] , "a" : "s p a c e" } , "a" : [ ] })")})
        << QStringList {
               uR"(0:update user/u1 @2024-01-02T03:04:05Z diff={"z":{"b":[1,{"y":null,"x":true}],"a":"s p a c e"},"a":[]})"_s};
    QTest::newRow("numbers and escapes exactly as sent")
        << body({firmEvent("update", "user", "u1", "2024-01-02T03:04:05Z",
                           R"({"big":12345678901234567890123,"f":1.50E+3,"s":"caf\u00e9 \"q\" \/"})")})
        << QStringList {
               uR"(0:update user/u1 @2024-01-02T03:04:05Z diff={"big":12345678901234567890123,"f":1.50E+3,"s":"caf\u00e9 \"q\" \/"})"_s};
    QTest::newRow("duplicate members: the last one, as JSON.parse")
        << QByteArray(R"({"payload":{"date":"2024-01-02T03:04:05Z","events":[{"action":"create","action":"delete",)"
                      R"("schema":"s","docId":"d","docUpdatedDate":"2024-01-02T03:04:05Z"}]}})")
        << QStringList {u"0:delete s/d @2024-01-02T03:04:05Z"_s};
    QTest::newRow("an empty batch") << body({}) << QStringList();
    QTest::newRow("a byte order mark before the body")
        << QByteArray("\xEF\xBB\xBF" + body({firmEvent("delete", "user", "u9", "2024-01-02T03:04:05Z")}))
        << QStringList {u"0:delete user/u9 @2024-01-02T03:04:05Z"_s};
    QTest::newRow("a bad event between good ones keeps their positions")
        << body({firmEvent("create", "a", "1", "2024-01-02T03:04:05Z"), "42",
                 firmEvent("update", "a", "1", "2024-01-02T03:04:06Z", R"({"k":1})")})
        << QStringList {u"0:create a/1 @2024-01-02T03:04:05Z"_s,
                        uR"(2:update a/1 @2024-01-02T03:04:06Z diff={"k":1})"_s};
}

void TestPayloadReader::readsEvents()
{
    QFETCH(QByteArray, body);
    QFETCH(QStringList, events);
    const FirmPayload payload = PayloadReader::read(body);
    QVERIFY(payload.isFirmApp());
    QCOMPARE(eventTexts(payload), events);
}

void TestPayloadReader::keepsUnknownFields()
{
    const QByteArray body
        = R"({"payload":{"date":"2024-01-02T03:04:05Z","batch":{"n": 2},"events":[)"
          R"({"action":"update","schema":"user","docId":"u1","docUpdatedDate":"2024-01-02T03:04:05Z",)"
          R"("diff":{"a":1},"source":"import","by":[ "x" ]}]},"signature":"s","version":3})";
    const FirmPayload payload = PayloadReader::read(body);
    QCOMPARE(problemTexts(payload), QStringList());
    QCOMPARE(payload.unknownFields.size(), 2);
    QCOMPARE(payload.unknownFields.at(0).path, u"version"_s);
    QCOMPARE(payload.unknownFields.at(0).json, QByteArray("3"));
    QCOMPARE(payload.unknownFields.at(1).path, u"payload.batch"_s);
    QCOMPARE(payload.unknownFields.at(1).json, QByteArray(R"({"n":2})"));
    const QList<PayloadField>& fields = payload.events.at(0).unknownFields;
    QCOMPARE(fields.size(), 2);
    QCOMPARE(fields.at(0).path, u"payload.events[0].source"_s);
    QCOMPARE(fields.at(0).json, QByteArray(R"("import")"));
    QCOMPARE(fields.at(1).path, u"payload.events[0].by"_s);
    QCOMPARE(fields.at(1).json, QByteArray(R"(["x"])"));
}

void TestPayloadReader::reportsProblems_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QStringList>("problems");
    QTest::addColumn<int>("events");

    using fixtures::body;
    using fixtures::firmEvent;
    const QByteArray date = "2024-01-02T03:04:05Z";
    QTest::newRow("payload is not an object") << QByteArray(R"({"payload":[1],"signature":"x"})")
                                              << QStringList {u"payload: expected an object, found an array"_s} << 0;
    QTest::newRow("no events") << QByteArray(R"({"payload":{"date":"2024-01-02T03:04:05Z"}})")
                               << QStringList {u"payload.events: missing"_s} << 0;
    QTest::newRow("events is not an array")
        << QByteArray(R"({"payload":{"date":"2024-01-02T03:04:05Z","events":{"0":{}}}})")
        << QStringList {u"payload.events: expected an array, found an object"_s} << 0;
    QTest::newRow("no date, date of the wrong type")
        << QByteArray(R"({"payload":{"events":[]}})") << QStringList {u"payload.date: missing"_s} << 0;
    QTest::newRow("payload date not a date")
        << body({}, "yesterday") << QStringList {u"payload.date: not an ISO 8601 date-time"_s} << 0;
    QTest::newRow("event is not an object") << body({"\"create\"", "null"})
                                            << QStringList {u"payload.events[0]: expected an object, found a string"_s,
                                                            u"payload.events[1]: expected an object, found null"_s}
                                            << 0;
    QTest::newRow("action of the wrong type, schema and docId missing")
        << body({R"({"action":5,"docUpdatedDate":"2024-01-02T03:04:05Z"})"})
        << QStringList {u"payload.events[0].action: expected a string, found a number"_s,
                        u"payload.events[0].schema: missing"_s, u"payload.events[0].docId: missing"_s}
        << 0;
    QTest::newRow("docId is a number") << body(
        {R"({"action":"delete","schema":"user","docId":17,"docUpdatedDate":"2024-01-02T03:04:05Z"})"})
                                       << QStringList {u"payload.events[0].docId: expected a string, found a number"_s}
                                       << 0;
    QTest::newRow("unknown action: kept and reported")
        << body({firmEvent("archive", "user", "u1", date)})
        << QStringList {u"payload.events[0].action: unknown action \"archive\" (expected create, update or delete)"_s}
        << 1;
    QTest::newRow("no docUpdatedDate: kept") << body({R"({"action":"delete","schema":"user","docId":"u1"})"})
                                             << QStringList {u"payload.events[0].docUpdatedDate: missing"_s} << 1;
    QTest::newRow("docUpdatedDate not a date: kept")
        << body({firmEvent("delete", "user", "u1", "2024-13-02T03:04:05Z")})
        << QStringList {u"payload.events[0].docUpdatedDate: not an ISO 8601 date-time"_s} << 1;
    QTest::newRow("diff of the wrong type: kept without it")
        << body({firmEvent("update", "user", "u1", date, "[1,2]")})
        << QStringList {u"payload.events[0].diff: expected an object, found an array"_s} << 1;
    QTest::newRow("update without a diff: kept")
        << body({firmEvent("create", "user", "u1", date), firmEvent("update", "user", "u1", date)})
        << QStringList {u"payload.events[1].diff: missing (an update carries the changed fields)"_s} << 2;
    QTest::newRow("a truncated body")
        << QByteArray(R"({"payload":{"events":[)")
        << QStringList {u"not JSON: line 1, column 23 (byte 22): unexpected end of JSON input"_s} << 0;
    QTest::newRow("nesting deeper than the limit")
        << QByteArray(R"({"payload":)" + QByteArray(300, '[') + QByteArray(300, ']') + "}")
        << QStringList {u"not JSON: line 1, column 267 (byte 266): nesting deeper than 256 levels"_s} << 0;
}

void TestPayloadReader::reportsProblems()
{
    QFETCH(QByteArray, body);
    QFETCH(QStringList, problems);
    QFETCH(int, events);
    const FirmPayload payload = PayloadReader::read(body);
    QCOMPARE(problemTexts(payload), problems);
    QCOMPARE(payload.events.size(), events);
}

void TestPayloadReader::otherBodiesAreNotFirmApp_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<int>("kind");
    QTest::newRow("another provider") << QByteArray(R"({"action":"opened","number":1})")
                                      << int(FirmPayload::Kind::NotFirmApp);
    QTest::newRow("an array") << QByteArray("[1,2]") << int(FirmPayload::Kind::NotFirmApp);
    QTest::newRow("a string") << QByteArray(R"("payload")") << int(FirmPayload::Kind::NotFirmApp);
    QTest::newRow("binary") << QByteArray("\x00\x01\x02", 3) << int(FirmPayload::Kind::NotJson);
    QTest::newRow("empty") << QByteArray() << int(FirmPayload::Kind::NotJson);
}

void TestPayloadReader::otherBodiesAreNotFirmApp()
{
    QFETCH(QByteArray, body);
    QFETCH(int, kind);
    const FirmPayload payload = PayloadReader::read(body);
    QCOMPARE(int(payload.kind), kind);
    QVERIFY(payload.events.isEmpty());
    QCOMPARE(payload.problems.isEmpty(), kind != int(FirmPayload::Kind::NotJson));
}

void TestPayloadReader::parsesDates_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<qint64>("ms"); // -2: not a date

    // The dates accepted give what Node 20's Date.parse gives; V8 also rolls impossible days over (2023-02-29
    // becomes March 1st), which is refused here.
    QTest::newRow("the webhook page's form") << u"2024-11-08T21:49:46.733Z"_s << qint64(1731102586733);
    QTest::newRow("no fraction") << u"2024-11-08T21:49:46Z"_s << qint64(1731102586000);
    QTest::newRow("microseconds") << u"2024-11-08T21:49:46.733999Z"_s << qint64(1731102586733);
    QTest::newRow("one fraction digit") << u"2024-11-08T21:49:46.7Z"_s << qint64(1731102586700);
    QTest::newRow("offset") << u"2024-11-08T23:49:46.733+02:00"_s << qint64(1731102586733);
    QTest::newRow("negative offset") << u"2024-11-08T16:19:46.733-0530"_s << qint64(1731102586733);
    QTest::newRow("leap day") << u"2024-02-29T00:00:00Z"_s << qint64(1709164800000);
    QTest::newRow("date only") << u"2024-11-08"_s << qint64(1731024000000);
    QTest::newRow("before 1970") << u"1969-12-31T23:59:59.999Z"_s << qint64(-1);
    QTest::newRow("no leap day in 2023") << u"2023-02-29T00:00:00Z"_s << qint64(-2);
    QTest::newRow("month 13") << u"2024-13-01T00:00:00Z"_s << qint64(-2);
    QTest::newRow("24:00 ends the day") << u"2024-01-01T24:00:00Z"_s << qint64(1704153600000);
    QTest::newRow("past 24:00") << u"2024-01-01T24:00:01Z"_s << qint64(-2);
    QTest::newRow("trailing text") << u"2024-01-01T00:00:00Zjunk"_s << qint64(-2);
    QTest::newRow("words") << u"yesterday"_s << qint64(-2);
    QTest::newRow("empty fraction") << u"2024-01-01T00:00:00.Z"_s << qint64(-2);
}

void TestPayloadReader::parsesDates()
{
    QFETCH(QString, text);
    QFETCH(qint64, ms);
    const std::optional<qint64> parsed = PayloadReader::parseDate(text);
    if (ms == -2) {
        QVERIFY(!parsed.has_value());
        return;
    }
    QVERIFY(parsed.has_value());
    QCOMPARE(*parsed, ms);
}

void TestPayloadReader::formatsDates()
{
    // What new Date(ms).toISOString() gives in Node, for the years it writes with four digits.
    QCOMPARE(PayloadReader::formatDate(1731102586733), u"2024-11-08T21:49:46.733Z"_s);
    QCOMPARE(PayloadReader::formatDate(0), u"1970-01-01T00:00:00.000Z"_s);
    QCOMPARE(PayloadReader::formatDate(-1), u"1969-12-31T23:59:59.999Z"_s);
    QCOMPARE(PayloadReader::formatDate(951782400000), u"2000-02-29T00:00:00.000Z"_s);
    QCOMPARE(PayloadReader::formatDate(-62167219200000), u"0000-01-01T00:00:00.000Z"_s);
    QCOMPARE(PayloadReader::formatDate(253402300799999), u"9999-12-31T23:59:59.999Z"_s);
    QCOMPARE(PayloadReader::formatDate(253402300800000), QString());
    for (const qint64 ms : {qint64(1731102586733), qint64(-1), qint64(951782400000)})
        QCOMPARE(PayloadReader::parseDate(PayloadReader::formatDate(ms)), std::optional<qint64>(ms));
}

void TestPayloadReader::docIdsAreLenient()
{
    // What the response rules count retries by: any event with a string docId, nothing else checked.
    QCOMPARE(PayloadReader::docIds(R"({"payload":{"events":[{"docId":"b","op":"x"},{"docId":"a"},{"docId":7},{}]}})"),
             (QStringList {u"b"_s, u"a"_s}));
    QCOMPARE(PayloadReader::docIds("not json"), QStringList());
    QCOMPARE(PayloadReader::docIds(R"({"payload":{"events":{"docId":"a"}}})"), QStringList());
    QCOMPARE(PayloadReader::docIds(QByteArray(8 * 1024 * 1024 + 1, ' ')), QStringList());
}

QTEST_GUILESS_MAIN(TestPayloadReader)
#include "TestPayloadReader.moc"

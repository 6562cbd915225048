// SPDX-License-Identifier: MIT
// The filter evaluator over capture records: what each key finds among six captures (tests/support/
// FilterFixtures.h), times in a given zone and clock, three-valued answers for records without their headers and
// body, and the event-matcher hook for the Firm App keys.
#include <QTest>

#include "FilterFixtures.h"
#include "filter/EventMatcher.h"
#include "filter/FilterEvaluator.h"
#include "filter/FilterParser.h"
#include "filter/FilterRecord.h"

using namespace Qt::StringLiterals;

namespace {

FilterContext utcContext()
{
    FilterContext context;
    context.now = FilterFixtures::now();
    context.zone = QTimeZone::utc();
    return context;
}

QList<qint64> matching(const QString& text, const FilterContext& context)
{
    const FilterParseResult parsed = FilterParser::parse(text);
    if (!parsed.ok())
        qFatal("%s", qPrintable(parsed.error->toString()));
    const FilterEvaluator evaluator(parsed.query, context);
    const QHash<qint64, FilterSignature> signatures = FilterFixtures::signatures();
    const QList<Capture> captures = FilterFixtures::captures();
    QList<qint64> ids;
    for (const Capture& capture : captures) {
        if (evaluator.matches(FilterRecord::of(capture, signatures.value(capture.id))))
            ids.append(capture.id);
    }
    return ids;
}

// Answers from a fixed set of captures without looking at bodies, as an index would; records what it was asked.
class FakeEventMatcher final : public EventMatcher
{
public:
    bool needsBody() const override { return false; }
    bool matches(qint64 captureId, QByteArrayView body, const EventCondition& condition) override
    {
        asked.append(captureId);
        bodiesSeen += body.size();
        conditions.append(condition);
        return captureId == 3;
    }

    QList<qint64> asked;
    qsizetype bodiesSeen = 0;
    QList<EventCondition> conditions;
};

} // namespace

class TestFilterEvaluator final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void findsCaptures_data();
    void findsCaptures();
    void readsTimesInTheGivenZone();
    void decidesWithoutContentWhenItCan();
    void asksTheEventMatcher();
    void readsFirmAppEvents();
};

void TestFilterEvaluator::findsCaptures_data()
{
    QTest::addColumn<QString>("query");
    QTest::addColumn<QList<qint64>>("ids");
    using Ids = QList<qint64>;

    QTest::newRow("empty") << u""_s << Ids {1, 2, 3, 4, 5, 6};
    QTest::newRow("method") << u"method:post"_s << Ids {1, 2, 5};
    QTest::newRow("method case") << u"method:GET"_s << Ids {3};
    QTest::newRow("not method") << u"-method:post"_s << Ids {3, 4, 6};
    QTest::newRow("path prefix") << u"path:/hooks/*"_s << Ids {1, 2, 5, 6};
    QTest::newRow("path without query") << u"path:/hooks/firm"_s << Ids {1, 5};
    QTest::newRow("path case") << u"path:/HOOKS/FIRM"_s << Ids {1, 5};
    QTest::newRow("path ?") << u"path:/hooks/f???"_s << Ids {1, 5};
    QTest::newRow("path ? is a character") << u"path:/hooks/???"_s << Ids {6};
    QTest::newRow("path four characters") << u"path:/hooks/????"_s << Ids {1, 5};
    QTest::newRow("path suffix") << u"path:*th"_s << Ids {3};
    QTest::newRow("path exact") << u"path:/health"_s << Ids {3};
    QTest::newRow("status class") << u"status:2xx"_s << Ids {1, 5};
    QTest::newRow("status code") << u"status:404"_s << Ids {2};
    QTest::newRow("status >=") << u"status:>=400"_s << Ids {2, 4};
    QTest::newRow("status >") << u"status:>404"_s << Ids {4};
    QTest::newRow("status <") << u"status:<300"_s << Ids {1, 3, 5};
    QTest::newRow("status <=") << u"status:<=200"_s << Ids {1, 3};
    QTest::newRow("status unanswered") << u"status:0"_s << Ids {3};
    QTest::newRow("status 3xx") << u"status:3xx"_s << Ids {6};
    QTest::newRow("sig valid") << u"sig:valid"_s << Ids {1, 6};
    QTest::newRow("sig invalid") << u"sig:invalid"_s << Ids {2};
    QTest::newRow("sig missing") << u"sig:missing"_s << Ids {4};
    QTest::newRow("sig none") << u"sig:none"_s << Ids {3};
    QTest::newRow("not sig valid, unchecked included") << u"-sig:valid"_s << Ids {2, 3, 4, 5};
    QTest::newRow("scheme firm_app") << u"scheme:firm_app"_s << Ids {1};
    QTest::newRow("scheme github") << u"scheme:github"_s << Ids {2};
    QTest::newRow("scheme stripe") << u"scheme:stripe"_s << Ids {4};
    QTest::newRow("scheme generic") << u"scheme:generic"_s << Ids {6};
    QTest::newRow("scheme none") << u"scheme:none"_s << Ids {3};
    QTest::newRow("scheme svix") << u"scheme:svix"_s << Ids {};
    QTest::newRow("schema") << u"schema:user"_s << Ids {1, 5};
    QTest::newRow("schema case") << u"schema:USER"_s << Ids {1, 5};
    QTest::newRow("action") << u"action:delete"_s << Ids {1};
    QTest::newRow("one event: user delete") << u"schema:user action:delete"_s << Ids {};
    QTest::newRow("one event: invoice delete") << u"schema:invoice action:delete"_s << Ids {1};
    QTest::newRow("one event: user create") << u"schema:user action:create"_s << Ids {5};
    QTest::newRow("events in or") << u"schema:user or action:delete"_s << Ids {1, 5};
    QTest::newRow("doc glob") << u"doc:us*"_s << Ids {1, 5};
    QTest::newRow("doc exact") << u"doc:ussampleuser2id"_s << Ids {5};
    QTest::newRow("doc and schema") << u"doc:inv9 schema:invoice"_s << Ids {1};
    QTest::newRow("not schema") << u"-schema:user"_s << Ids {2, 3, 4, 6};
    QTest::newRow("not one event") << u"-(schema:user action:delete)"_s << Ids {1, 2, 3, 4, 5, 6};
    QTest::newRow("header name") << u"header:x-github-event"_s << Ids {2};
    QTest::newRow("header value") << u"header:X-GITHUB-EVENT=push"_s << Ids {2};
    QTest::newRow("header other value") << u"header:x-github-event=pull"_s << Ids {};
    QTest::newRow("header value prefix") << u"header:content-type=application/*"_s << Ids {1, 2, 5};
    QTest::newRow("header value suffix") << u"header:content-type=*json"_s << Ids {1, 2, 5};
    QTest::newRow("header name glob") << u"header:stripe-*"_s << Ids {4};
    QTest::newRow("header empty value") << u"header:stripe-signature="_s << Ids {4};
    QTest::newRow("header duplicate") << u"header:x-signature=def"_s << Ids {6};
    QTest::newRow("no header") << u"-header:content-type"_s << Ids {3, 6};
    QTest::newRow("body") << u"body:needle"_s << Ids {4};
    QTest::newRow("body case") << u"body:NEEDLE"_s << Ids {4};
    QTest::newRow("body phrase") << u"body:\"Sam Smith\""_s << Ids {1};
    QTest::newRow("body is not the path") << u"body:health"_s << Ids {};
    QTest::newRow("text in path") << u"firm"_s << Ids {1, 5};
    QTest::newRow("text in query string") << u"x=1"_s << Ids {3};
    QTest::newRow("text in header value") << u"push"_s << Ids {2};
    QTest::newRow("text in header name") << u"x-github"_s << Ids {2};
    QTest::newRow("text in body") << u"ussampleuser2id"_s << Ids {5};
    QTest::newRow("text in large body") << u"needle"_s << Ids {4};
    QTest::newRow("text non-ASCII") << u"été"_s << Ids {6};
    QTest::newRow("phrase") << u"\"Hello there\""_s << Ids {2};
    QTest::newRow("size 0") << u"size:0"_s << Ids {3};
    QTest::newRow("size >10k") << u"size:>10k"_s << Ids {4};
    QTest::newRow("size <=20k") << u"size:<=20k"_s << Ids {1, 2, 3, 4, 5, 6};
    QTest::newRow("size <20k") << u"size:<20k"_s << Ids {1, 2, 3, 5, 6};
    QTest::newRow("size exact") << u"size:2"_s << Ids {6};
    QTest::newRow("after date") << u"after:2024-11-10"_s << Ids {3, 4, 5, 6};
    QTest::newRow("before date") << u"before:2024-11-09"_s << Ids {1};
    QTest::newRow("one day") << u"after:2024-11-09 before:2024-11-10"_s << Ids {2};
    QTest::newRow("last hour") << u"after:-1h"_s << Ids {4, 5, 6};
    QTest::newRow("last 10 minutes") << u"after:-10m"_s << Ids {5};
    QTest::newRow("older than a day") << u"before:-1d"_s << Ids {1, 2};
    QTest::newRow("today") << u"after:today"_s << Ids {3, 4, 5, 6};
    QTest::newRow("before today") << u"before:today"_s << Ids {1, 2};
    QTest::newRow("since yesterday") << u"after:yesterday"_s << Ids {2, 3, 4, 5, 6};
    QTest::newRow("after UTC time") << u"after:2024-11-10T12:00:00Z"_s << Ids {4, 5, 6};
    QTest::newRow("after offset time") << u"after:2024-11-10T13:00+01:00"_s << Ids {4, 5, 6};
    QTest::newRow("before, to the ms") << u"before:2024-11-08T21:49:46.734Z"_s << Ids {1};
    QTest::newRow("before is exclusive") << u"before:2024-11-08T21:49:46.733Z"_s << Ids {};
    QTest::newRow("after is inclusive") << u"after:2024-11-08T21:49:46.733Z"_s << Ids {1, 2, 3, 4, 5, 6};
    QTest::newRow("local time in UTC") << u"before:2024-11-10T02:00"_s << Ids {1, 2, 3};
    QTest::newRow("peer") << u"peer:127.0.0.1"_s << Ids {1, 5};
    QTest::newRow("peer glob") << u"peer:127.*"_s << Ids {1, 5, 6};
    QTest::newRow("peer IPv6") << u"peer:::1"_s << Ids {3};
    QTest::newRow("and") << u"method:post status:2xx"_s << Ids {1, 5};
    QTest::newRow("or binds tighter") << u"method:post status:404 or status:500"_s << Ids {2};
    QTest::newRow("grouped") << u"(method:post status:404) or status:500"_s << Ids {2, 4};
    QTest::newRow("two negations") << u"-method:post -method:get"_s << Ids {4, 6};
    QTest::newRow("method without schema") << u"method:post -schema:user"_s << Ids {2};
    QTest::newRow("or of text") << u"firm or push"_s << Ids {1, 2, 5};
    QTest::newRow("not or") << u"-(firm or push)"_s << Ids {3, 4, 6};
    QTest::newRow("double negation") << u"--method:get"_s << Ids {3};
}

void TestFilterEvaluator::findsCaptures()
{
    QFETCH(QString, query);
    QFETCH(QList<qint64>, ids);
    QCOMPARE(matching(query, utcContext()), ids);
}

void TestFilterEvaluator::readsTimesInTheGivenZone()
{
    FilterContext plusTwo = utcContext();
    plusTwo.zone = QTimeZone(2 * 3600);
    // 02:00 in UTC+2 is midnight UTC: capture 3 (00:30 UTC) is after it.
    QCOMPARE(matching(u"before:2024-11-10T02:00"_s, plusTwo), QList<qint64>({1, 2}));
    QCOMPARE(matching(u"before:2024-11-10"_s, plusTwo), QList<qint64>({1, 2}));
    QCOMPARE(matching(u"after:2024-11-10T00:31"_s, plusTwo), QList<qint64>({3, 4, 5, 6}));
    // An explicit offset does not depend on the zone.
    QCOMPARE(matching(u"after:2024-11-10T12:00:00Z"_s, plusTwo), QList<qint64>({4, 5, 6}));
    // Relative times count from the given clock.
    FilterContext later = utcContext();
    later.now = FilterFixtures::utc(2024, 11, 10, 12, 35);
    QCOMPARE(matching(u"after:-10m"_s, later), QList<qint64>({5}));
    later.now = FilterFixtures::utc(2024, 11, 10, 12, 15);
    QCOMPARE(matching(u"after:-10m"_s, later), QList<qint64>({5, 6}));
}

void TestFilterEvaluator::decidesWithoutContentWhenItCan()
{
    const QList<Capture> captures = FilterFixtures::captures();
    const auto summaryOnly = [](const Capture& capture) {
        FilterRecord record = FilterRecord::of(capture);
        record.hasContent = false;
        record.headers.clear();
        record.body = {};
        return record;
    };
    const auto evaluate = [&](const QString& text, const Capture& capture) {
        return FilterEvaluator(FilterParser::parse(text).query, utcContext()).evaluate(summaryOnly(capture));
    };
    using Result = FilterEvaluator::Result;
    const Capture& post = captures.at(0); // POST /hooks/firm?n=1
    const Capture& get = captures.at(2); // GET /health?x=1
    QCOMPARE(evaluate(u"method:post body:x"_s, get), Result::False);
    QCOMPARE(evaluate(u"method:post body:x"_s, post), Result::Unknown);
    QCOMPARE(evaluate(u"-body:x"_s, post), Result::Unknown);
    QCOMPARE(evaluate(u"body:x or method:get"_s, get), Result::True);
    QCOMPARE(evaluate(u"body:x or method:get"_s, post), Result::Unknown);
    QCOMPARE(evaluate(u"header:host"_s, get), Result::Unknown);
    // Free text found in the target needs nothing more; elsewhere it might be in the headers or body.
    QCOMPARE(evaluate(u"firm"_s, post), Result::True);
    QCOMPARE(evaluate(u"-firm"_s, post), Result::False);
    QCOMPARE(evaluate(u"push"_s, post), Result::Unknown);
    QCOMPARE(evaluate(u"schema:user"_s, post), Result::Unknown); // the default matcher reads bodies
    QCOMPARE(evaluate(u"status:2xx"_s, post), Result::True);
    QCOMPARE(evaluate(u""_s, post), Result::True);

    const FilterEvaluator withBody(FilterParser::parse(u"body:x"_s).query, utcContext());
    QCOMPARE(withBody.needs(), FilterNeeds(FilterNeed::Body));
    const FilterEvaluator withText(FilterParser::parse(u"method:get push"_s).query, utcContext());
    QCOMPARE(withText.needs(), FilterNeed::Headers | FilterNeed::Body);
    const FilterEvaluator summary(FilterParser::parse(u"method:get path:/x status:2xx size:>1k after:-1h"_s).query,
                                  utcContext());
    QCOMPARE(summary.needs(), FilterNeeds());
    const FilterEvaluator signature(FilterParser::parse(u"sig:valid or scheme:none peer:x"_s).query, utcContext());
    QCOMPARE(signature.needs(), FilterNeed::Signature | FilterNeed::Peer);
}

void TestFilterEvaluator::asksTheEventMatcher()
{
    auto matcher = std::make_shared<FakeEventMatcher>();
    FilterContext context = utcContext();
    context.events = matcher;
    const FilterEvaluator evaluator(FilterParser::parse(u"method:get schema:user* action:create doc:x"_s).query,
                                    context);
    // The matcher reads no bodies, so the events cost no content reads.
    QCOMPARE(evaluator.needs(), FilterNeeds(FilterNeed::Events));
    const QList<Capture> captures = FilterFixtures::captures();
    QList<qint64> ids;
    for (const Capture& capture : captures) {
        FilterRecord record = FilterRecord::of(capture);
        record.hasContent = false;
        if (evaluator.evaluate(record) == FilterEvaluator::Result::True)
            ids.append(capture.id);
    }
    QCOMPARE(ids, QList<qint64>({3}));
    // Asked once, for the one GET (cheaper terms first), with the three terms as one condition.
    QCOMPARE(matcher->asked, QList<qint64>({3}));
    QCOMPARE(matcher->bodiesSeen, 0);
    QCOMPARE(matcher->conditions.size(), 1);
    const EventCondition& condition = matcher->conditions.front();
    QCOMPARE(condition.schemas.size(), size_t(1));
    QCOMPARE(condition.schemas.front().glob(), u"user*"_s);
    QCOMPARE(condition.actions.front().glob(), u"create"_s);
    QCOMPARE(condition.docIds.front().glob(), u"x"_s);
    QVERIFY(condition.matches("users", "CREATE", "x"));
    QVERIFY(!condition.matches("users", "create", std::nullopt));
    QVERIFY(!condition.matches("invoice", "create", "x"));
}

void TestFilterEvaluator::readsFirmAppEvents()
{
    const std::vector<JsonEventMatcher::Event> events = JsonEventMatcher::readEvents(FilterFixtures::firmTwoEvents());
    QCOMPARE(events.size(), size_t(2));
    QCOMPARE(events[0].schema, std::optional<QByteArray>("user"));
    QCOMPARE(events[0].action, std::optional<QByteArray>("update"));
    QCOMPARE(events[0].docId, std::optional<QByteArray>("ussampleuser1id"));
    QCOMPARE(events[1].schema, std::optional<QByteArray>("invoice"));
    // Escaped keys and values are read as JSON.parse reads them; the last duplicate wins; non-strings are absent.
    const std::vector<JsonEventMatcher::Event> tricky = JsonEventMatcher::readEvents(
        "\xEF\xBB\xBF"
        R"({"payload":{"events":[{"sch\u0065ma":"us\u00e9r","action":"a","action":"b","docId":7}, 3]}})");
    QCOMPARE(tricky.size(), size_t(1));
    QCOMPARE(tricky[0].schema, std::optional<QByteArray>("usér"));
    QCOMPARE(tricky[0].action, std::optional<QByteArray>("b"));
    QVERIFY(!tricky[0].docId);
    QVERIFY(JsonEventMatcher::readEvents("not json").empty());
    QVERIFY(JsonEventMatcher::readEvents(R"({"events":[{"schema":"user"}]})").empty());
    QVERIFY(JsonEventMatcher::readEvents(R"({"payload":{"events":{"schema":"user"}}})").empty());
    QVERIFY(JsonEventMatcher::readEvents(QByteArray(100000, '[')).empty());

    JsonEventMatcher matcher;
    EventCondition user;
    user.schemas.emplace_back(u"user");
    QVERIFY(matcher.matches(1, FilterFixtures::firmTwoEvents(), user));
    QVERIFY(!matcher.matches(2, "{}", user));
    // Without an id nothing is cached between records.
    QVERIFY(matcher.matches(0, FilterFixtures::firmTwoEvents(), user));
    QVERIFY(!matcher.matches(0, "{}", user));
}

QTEST_GUILESS_MAIN(TestFilterEvaluator)
#include "TestFilterEvaluator.moc"

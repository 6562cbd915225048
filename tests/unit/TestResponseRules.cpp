// SPDX-License-Identifier: MIT
// Response rules are plain data (JSON round trip, errors that name the field), choose a rule by method
// and path pattern, script failures (fail first N per path and per Firm App docId, fail every Nth,
// 429 + Retry-After) and serialize a response whose framing no rule can break.
#include <QTest>

#include "ExpectedChecks.h"
#include "core/HttpStatus.h"
#include "http/ResponseRules.h"

using namespace Qt::StringLiterals;

namespace {

Capture request(const QByteArray& method, const QByteArray& target, const QByteArray& body = {})
{
    Capture capture;
    capture.method = method;
    capture.target = target;
    capture.httpVersion = "HTTP/1.1";
    capture.body = body;
    return capture;
}

QByteArray firmBody(const QList<QByteArray>& docIds)
{
    QByteArray events;
    for (const QByteArray& id : docIds)
        events += QByteArray(events.isEmpty() ? "" : ",") + R"({"docId":")" + id + R"(","op":"update"})";
    return R"({"id":"evt","payload":{"events":[)" + events + "]}}";
}

ResponseRules rulesFrom(const QByteArray& json)
{
    const Expected<ResponseRules> rules = ResponseRules::fromJson(json);
    if (!rules)
        qWarning("rules did not parse: %s", qPrintable(rules.error().message));
    return rules.value_or(ResponseRules());
}

QList<int> statuses(ResponseRules& rules, const QList<Capture>& captures)
{
    QList<int> result;
    for (const Capture& capture : captures)
        result.append(rules.plan(capture).status);
    return result;
}

// A serialized response split into its parts; fails the test when the framing is wrong.
struct Serialized
{
    QByteArray statusLine;
    HttpHeaders headers;
    QByteArray body;
};

Serialized split(const QByteArray& bytes)
{
    Serialized result;
    const qsizetype end = bytes.indexOf("\r\n\r\n");
    if (end < 0)
        return result;
    QList<QByteArray> lines = bytes.left(end + 2).split('\n');
    lines.removeLast(); // after the last CRLF
    for (qsizetype i = 0; i < lines.size(); ++i) {
        QByteArray line = lines.at(i);
        if (!line.endsWith('\r'))
            return {};
        line.chop(1);
        if (i == 0) {
            result.statusLine = line;
            continue;
        }
        const qsizetype colon = line.indexOf(':');
        result.headers.append({line.left(colon), line.mid(colon + 1).trimmed()});
    }
    result.body = bytes.mid(end + 4);
    return result;
}

int countHeader(const HttpHeaders& headers, QByteArrayView name)
{
    int count = 0;
    for (const HttpHeader& header : headers)
        count += header.first.compare(name, Qt::CaseInsensitive) == 0 ? 1 : 0;
    return count;
}

} // namespace

class TestResponseRules final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void defaults();
    void jsonRoundTrip_data();
    void jsonRoundTrip();
    void readsEveryField();
    void errorsNameTheField_data();
    void errorsNameTheField();
    void matches_data();
    void matches();
    void firstMatchingRuleAnswers();
    void failFirstPerPath();
    void failFirstPerFirmDocId();
    void countersBounded();
    void failEvery();
    void retryAfter();
    void closeWithoutAnswer();
    void serializeFraming_data();
    void serializeFraming();
    void errorPlan();
    void headOnlyAndKeepAlive();
};

void TestResponseRules::defaults()
{
    ResponseRules rules;
    QVERIFY(rules.rules.isEmpty());
    const ResponsePlan plan = rules.plan(request("POST", "/anything?x=1", "{}"));
    QCOMPARE(plan.status, 200);
    QCOMPARE(plan.delayMs, 0);
    QVERIFY(!plan.closeAfter);
    QVERIFY(!plan.noAnswer);
    const Serialized response = split(plan.serialize(17));
    QCOMPARE(response.statusLine, QByteArray("HTTP/1.1 200 OK"));
    QCOMPARE(response.body, QByteArray(R"({"received":true,"id":17})"));
    QCOMPARE(headerValue(response.headers, "content-type"), QByteArray("application/json"));
}

void TestResponseRules::jsonRoundTrip_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::newRow("empty object") << QByteArray("{}");
    QTest::newRow("default only") << QByteArray(R"({"default":{"status":202,"body":"ok {id}"}})");
    QTest::newRow("every field") << QByteArray(R"({
        "default": {"status": 204, "headers": [["X-A", "1"], ["x-a", "2"]], "body": "", "delayMs": 5},
        "rules": [
            {"method": "post", "path": "/hooks/*", "status": 201, "headers": [["Location", "/c/{id}"]],
             "body": "[{id}]", "delayMs": 250},
            {"path": "/flaky/?", "failFirst": 2, "failStatus": 503},
            {"method": "PUT", "path": "/every", "failEvery": 3},
            {"path": "/busy", "failFirst": 1, "retryAfter": 30},
            {"path": "/drop", "close": true}
        ]})");
}

void TestResponseRules::jsonRoundTrip()
{
    QFETCH(QByteArray, json);
    const Expected<ResponseRules> read = ResponseRules::fromJson(json);
    QVERIFY_EXPECTED(read);
    const ResponseRules& first = *read;
    const QByteArray written = first.toJson();
    const Expected<ResponseRules> reread = ResponseRules::fromJson(written);
    QVERIFY_EXPECTED(reread);
    const ResponseRules& second = *reread;
    QCOMPARE(second.toJson(), written);
    QCOMPARE(second.rules.size(), first.rules.size());

    const auto same = [](const ResponseRule& a, const ResponseRule& b) {
        QCOMPARE(a.method, b.method);
        QCOMPARE(a.path, b.path);
        QCOMPARE(a.status, b.status);
        QCOMPARE(a.headers, b.headers);
        QCOMPARE(a.body, b.body);
        QCOMPARE(a.delayMs, b.delayMs);
        QCOMPARE(a.failFirst, b.failFirst);
        QCOMPARE(a.failEvery, b.failEvery);
        QCOMPARE(a.failStatus, b.failStatus);
        QCOMPARE(a.retryAfterSeconds, b.retryAfterSeconds);
        QCOMPARE(a.closeWithoutAnswer, b.closeWithoutAnswer);
    };
    same(second.defaultRule, first.defaultRule);
    if (QTest::currentTestFailed())
        return;
    for (qsizetype i = 0; i < first.rules.size(); ++i) {
        same(second.rules.at(i), first.rules.at(i));
        if (QTest::currentTestFailed())
            return;
    }
}

void TestResponseRules::readsEveryField()
{
    const Expected<ResponseRules> read = ResponseRules::fromJson(R"({
        "default": {"status": 202, "body": {"ok": true, "n": [1, 2]}},
        "rules": [
            {"method": "post", "path": "/a/*", "status": 201, "headers": [["X-One", "1"], ["X-One", "2"]],
             "body": "id={id}", "delayMs": 250, "failFirst": 2, "failEvery": 4, "failStatus": 503},
            {"path": "/busy", "retryAfter": 0, "headers": {"X-Map": "m"}},
            {"close": true}
        ]})");
    QVERIFY_EXPECTED(read);
    const ResponseRules& rules = *read;
    QCOMPARE(rules.defaultRule.status, 202);
    QCOMPARE(rules.defaultRule.body, QByteArray(R"({"n":[1,2],"ok":true})")); // a JSON value is sent compact
    QCOMPARE(rules.rules.size(), 3);
    const ResponseRule& a = rules.rules.at(0);
    QCOMPARE(a.method, QByteArray("POST"));
    QCOMPARE(a.path, u"/a/*"_s);
    QCOMPARE(a.status, 201);
    QCOMPARE(a.headers, (HttpHeaders {{"X-One", "1"}, {"X-One", "2"}}));
    QCOMPARE(a.body, QByteArray("id={id}"));
    QCOMPARE(a.delayMs, 250);
    QCOMPARE(a.failFirst, 2);
    QCOMPARE(a.failEvery, 4);
    QCOMPARE(a.failStatus, 503);
    QCOMPARE(a.retryAfterSeconds, -1);
    QVERIFY(!a.closeWithoutAnswer);
    const ResponseRule& busy = rules.rules.at(1);
    QCOMPARE(busy.retryAfterSeconds, 0);
    QVERIFY(busy.fails());
    QCOMPARE(busy.headers, (HttpHeaders {{"X-Map", "m"}}));
    const ResponseRule& drop = rules.rules.at(2);
    QVERIFY(drop.closeWithoutAnswer);
    QVERIFY(drop.method.isEmpty());
    QCOMPARE(drop.path, u"*"_s);
}

void TestResponseRules::errorsNameTheField_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<QString>("message");

    QTest::newRow("not json") << QByteArray(R"({"rules": [)") << u"not JSON at byte "_s;
    QTest::newRow("not an object") << QByteArray("[]") << u"expected an object"_s;
    QTest::newRow("rules not an array") << QByteArray(R"({"rules": {}})") << u"rules: expected an array"_s;
    QTest::newRow("rule not an object") << QByteArray(R"({"rules": [{}, 3]})") << u"rules[1]: expected an object"_s;
    QTest::newRow("status too small") << QByteArray(R"({"rules": [{}, {"status": 99}]})")
                                      << u"rules[1].status: expected a whole number from 100 to 599"_s;
    QTest::newRow("status as text") << QByteArray(R"({"rules": [{"status": "200"}]})")
                                    << u"rules[0].status: expected a whole number"_s;
    QTest::newRow("status fraction") << QByteArray(R"({"rules": [{"status": 200.5}]})")
                                     << u"rules[0].status: expected a whole number"_s;
    QTest::newRow("negative delay") << QByteArray(R"({"default": {"delayMs": -1}})")
                                    << u"default.delayMs: expected a whole number from 0"_s;
    QTest::newRow("failFirst fraction") << QByteArray(R"({"rules": [{}, {}, {"failFirst": 1.5}]})")
                                        << u"rules[2].failFirst: expected a whole number"_s;
    QTest::newRow("failEvery negative") << QByteArray(R"({"rules": [{"failEvery": -3}]})")
                                        << u"rules[0].failEvery: expected a whole number"_s;
    QTest::newRow("failStatus") << QByteArray(R"({"rules": [{"failStatus": 600}]})")
                                << u"rules[0].failStatus: expected a whole number from 100 to 599"_s;
    QTest::newRow("retryAfter") << QByteArray(R"({"rules": [{"retryAfter": 86401}]})")
                                << u"rules[0].retryAfter: expected a whole number from 0 to 86400"_s;
    QTest::newRow("headers not pairs") << QByteArray(R"({"rules": [{}, {"headers": [["X-A"]]}]})")
                                       << u"rules[1].headers: expected [[name, value], ...]"_s;
    QTest::newRow("headers number value") << QByteArray(R"({"rules": [{"headers": [["X-A", 1]]}]})")
                                          << u"rules[0].headers: expected [[name, value], ...]"_s;
    QTest::newRow("headers text") << QByteArray(R"({"default": {"headers": "X-A: 1"}})")
                                  << u"default.headers: expected [[name, value], ...]"_s;
    QTest::newRow("header map number value") << QByteArray(R"({"rules": [{"headers": {"X-A": 1}}]})")
                                             << u"rules[0].headers: expected [[name, value], ...]"_s;
    QTest::newRow("path not text") << QByteArray(R"({"rules": [{"path": 5}]})")
                                   << u"rules[0].path: expected a string"_s;
    QTest::newRow("method not text") << QByteArray(R"({"rules": [{"method": ["GET"]}]})")
                                     << u"rules[0].method: expected a string"_s;
    QTest::newRow("body number") << QByteArray(R"({"rules": [{"body": 12}]})")
                                 << u"rules[0].body: expected a string, an object or an array"_s;
    QTest::newRow("close not boolean") << QByteArray(R"({"rules": [{"close": "yes"}]})")
                                       << u"rules[0].close: expected true or false"_s;
}

void TestResponseRules::errorsNameTheField()
{
    QFETCH(QByteArray, json);
    QFETCH(QString, message);
    const Expected<ResponseRules> rules = ResponseRules::fromJson(json);
    QVERIFY_FAILS_WITH(rules, Error::Code::InvalidInput);
    QVERIFY2(rules.error().message.startsWith(message), qPrintable(rules.error().message));
    // Nothing comes back on an error, never half of the file.
}

void TestResponseRules::matches_data()
{
    QTest::addColumn<QByteArray>("ruleMethod");
    QTest::addColumn<QString>("rulePath");
    QTest::addColumn<QByteArray>("method");
    QTest::addColumn<QByteArray>("target");
    QTest::addColumn<bool>("expected");

    QTest::newRow("any method, any path")
        << QByteArray() << u"*"_s << QByteArray("DELETE") << QByteArray("/a/b?c") << true;
    QTest::newRow("empty path is any") << QByteArray() << QString() << QByteArray("GET") << QByteArray("/x") << true;
    QTest::newRow("method *") << QByteArray("*") << u"/x"_s << QByteArray("PATCH") << QByteArray("/x") << true;
    QTest::newRow("method matches") << QByteArray("POST") << u"/x"_s << QByteArray("POST") << QByteArray("/x") << true;
    QTest::newRow("method case-insensitive")
        << QByteArray("post") << u"/x"_s << QByteArray("POST") << QByteArray("/x") << true;
    QTest::newRow("other method") << QByteArray("POST") << u"/x"_s << QByteArray("GET") << QByteArray("/x") << false;
    QTest::newRow("exact path") << QByteArray() << u"/hooks"_s << QByteArray("POST") << QByteArray("/hooks") << true;
    QTest::newRow("query ignored") << QByteArray() << u"/hooks"_s << QByteArray("POST")
                                   << QByteArray("/hooks?sig=abc&x=*") << true;
    QTest::newRow("prefix is not a match")
        << QByteArray() << u"/hooks"_s << QByteArray("POST") << QByteArray("/hooks/firm") << false;
    QTest::newRow("longer is not a match")
        << QByteArray() << u"/hooks/firm"_s << QByteArray("POST") << QByteArray("/hooks") << false;
    QTest::newRow("suffix is not a match")
        << QByteArray() << u"/firm"_s << QByteArray("POST") << QByteArray("/hooks/firm") << false;
    QTest::newRow("star in a segment") << QByteArray() << u"/hooks/*"_s << QByteArray("POST")
                                       << QByteArray("/hooks/firm") << true;
    QTest::newRow("star matches empty") << QByteArray() << u"/hooks/*"_s << QByteArray("POST") << QByteArray("/hooks/")
                                        << true;
    // Qt's wildcard conversion is path-style: * and ? stop at '/'.
    QTest::newRow("star stays in its segment")
        << QByteArray() << u"/hooks/*"_s << QByteArray("POST") << QByteArray("/hooks/firm/v2") << false;
    QTest::newRow("star in the middle") << QByteArray() << u"/*/firm"_s << QByteArray("POST")
                                        << QByteArray("/acme/firm") << true;
    QTest::newRow("question mark one char")
        << QByteArray() << u"/v?/x"_s << QByteArray("GET") << QByteArray("/v2/x") << true;
    QTest::newRow("question mark not two")
        << QByteArray() << u"/v?/x"_s << QByteArray("GET") << QByteArray("/v10/x") << false;
    QTest::newRow("path is case-sensitive")
        << QByteArray() << u"/Hooks"_s << QByteArray("GET") << QByteArray("/hooks") << false;
    QTest::newRow("dots are literal") << QByteArray() << u"/a.json"_s << QByteArray("GET") << QByteArray("/aXjson")
                                      << false;
}

void TestResponseRules::matches()
{
    QFETCH(QByteArray, ruleMethod);
    QFETCH(QString, rulePath);
    QFETCH(QByteArray, method);
    QFETCH(QByteArray, target);
    QFETCH(bool, expected);
    ResponseRule rule;
    rule.method = ruleMethod;
    rule.path = rulePath;
    QCOMPARE(rule.matches(request(method, target)), expected);
}

void TestResponseRules::firstMatchingRuleAnswers()
{
    ResponseRules rules = rulesFrom(R"({
        "default": {"status": 299, "body": "default"},
        "rules": [
            {"method": "GET", "path": "/a", "status": 201, "body": "first", "delayMs": 10},
            {"path": "/a", "status": 202, "body": "second", "headers": [["X-Rule", "2"]]},
            {"path": "/*", "status": 203, "body": "third"}
        ]})");
    QCOMPARE(rules.rules.size(), 3);
    const ResponsePlan get = rules.plan(request("GET", "/a"));
    QCOMPARE(get.status, 201);
    QCOMPARE(get.body, QByteArray("first"));
    QCOMPARE(get.delayMs, 10);
    const ResponsePlan post = rules.plan(request("POST", "/a?q"));
    QCOMPARE(post.status, 202);
    QCOMPARE(post.body, QByteArray("second"));
    QCOMPARE(post.headers, (HttpHeaders {{"X-Rule", "2"}}));
    QCOMPARE(post.delayMs, 0);
    QCOMPARE(rules.plan(request("POST", "/b")).status, 203);
    const ResponsePlan fallback = rules.plan(request("POST", "/b/c"));
    QCOMPARE(fallback.status, 299);
    QCOMPARE(fallback.body, QByteArray("default"));
}

void TestResponseRules::failFirstPerPath()
{
    ResponseRules rules = rulesFrom(R"({"rules": [{"path": "/flaky/*", "failFirst": 2, "status": 201}]})");
    QCOMPARE(rules.rules.size(), 1);
    QCOMPARE(statuses(rules, {request("POST", "/flaky/a"), request("POST", "/flaky/a?attempt=2")}),
             (QList<int> {500, 500}));
    // Another path has its own count; the query is not part of the path.
    QCOMPARE(statuses(rules,
                      {request("POST", "/flaky/b"), request("POST", "/flaky/a"), request("POST", "/flaky/b"),
                       request("POST", "/flaky/a"), request("POST", "/flaky/b")}),
             (QList<int> {500, 201, 500, 201, 201}));
    // Paths that no rule matches are never failed.
    QCOMPARE(statuses(rules, {request("POST", "/stable"), request("POST", "/stable")}), (QList<int> {200, 200}));

    const ResponsePlan failure = ResponseRules(rulesFrom(R"({"rules": [{"failFirst": 1}]})")).plan(request("GET", "/"));
    QCOMPARE(failure.status, 500);
    QVERIFY(failure.body.contains("failure simulated"));
    QVERIFY(!hasHeader(failure.headers, "retry-after"));
}

void TestResponseRules::countersBounded()
{
    ResponseRules rules = rulesFrom(R"({"rules": [{"failFirst": 1, "status": 201}]})");
    QCOMPARE(statuses(rules, {request("POST", "/first"), request("POST", "/first")}), (QList<int> {500, 201}));
    for (int i = 0; i < int(ResponseRules::maxCounters) + 100; ++i) {
        if (i % 64 == 0) // kept in use: never the least recent
            QCOMPARE(rules.plan(request("POST", "/kept")).status, i == 0 ? 500 : 201);
        QCOMPARE(rules.plan(request("POST", "/p/" + QByteArray::number(i))).status, 500);
        QVERIFY(rules.counterCount() <= ResponseRules::maxCounters);
    }
    QCOMPARE(rules.counterCount(), ResponseRules::maxCounters);
    // The recent and the kept paths are still counted; the oldest was forgotten and fails once more.
    QCOMPARE(rules.plan(request("POST", "/p/" + QByteArray::number(ResponseRules::maxCounters + 99))).status, 201);
    QCOMPARE(rules.plan(request("POST", "/kept")).status, 201);
    QCOMPARE(rules.plan(request("POST", "/first")).status, 500);
}

void TestResponseRules::failFirstPerFirmDocId()
{
    ResponseRules rules = rulesFrom(R"({"rules": [{"path": "/firm", "failFirst": 2, "failStatus": 503}]})");
    const Capture a = request("POST", "/firm", firmBody({"a"}));
    const Capture b = request("POST", "/firm", firmBody({"b"}));
    const Capture ab = request("POST", "/firm", firmBody({"b", "a"}));
    const Capture ba = request("POST", "/firm", firmBody({"a", "b"}));
    // Each delivery (its set of docIds) is retried on its own: two failures each, then success.
    QCOMPARE(statuses(rules, {a, b, a, b, a, b, a}), (QList<int> {503, 503, 503, 503, 200, 200, 200}));
    // The same docIds in another order are the same delivery.
    QCOMPARE(statuses(rules, {ab, ba, ab, ba}), (QList<int> {503, 503, 200, 200}));
    // A body that is not a Firm App payload counts per path only.
    QCOMPARE(statuses(rules,
                      {request("POST", "/firm", "not json"), request("POST", "/firm", R"({"payload":1})"),
                       request("POST", "/firm", "{}")}),
             (QList<int> {503, 503, 200}));
}

void TestResponseRules::failEvery()
{
    ResponseRules rules = rulesFrom(R"({"rules": [{"path": "/every", "failEvery": 3, "failStatus": 502}]})");
    QList<Capture> deliveries;
    for (int i = 0; i < 9; ++i)
        deliveries.append(request("POST", "/every"));
    QCOMPARE(statuses(rules, deliveries), (QList<int> {200, 200, 502, 200, 200, 502, 200, 200, 502}));

    // With failFirst too: the first N fail, and so does every Nth.
    ResponseRules both = rulesFrom(R"({"rules": [{"failFirst": 1, "failEvery": 3}]})");
    QCOMPARE(statuses(both, deliveries.mid(0, 7)), (QList<int> {500, 200, 500, 200, 200, 500, 200}));
}

void TestResponseRules::retryAfter()
{
    ResponseRules rules = rulesFrom(R"({"rules": [{"path": "/busy", "failFirst": 2, "retryAfter": 7}]})");
    const ResponsePlan first = rules.plan(request("POST", "/busy"));
    QCOMPARE(first.status, 429);
    QCOMPARE(headerValue(first.headers, "Retry-After"), QByteArray("7"));
    const Serialized wire = split(first.serialize(3));
    QCOMPARE(wire.statusLine, QByteArray("HTTP/1.1 429 Too Many Requests"));
    QCOMPARE(headerValue(wire.headers, "retry-after"), QByteArray("7"));
    QCOMPARE(rules.plan(request("POST", "/busy")).status, 429);
    const ResponsePlan third = rules.plan(request("POST", "/busy"));
    QCOMPARE(third.status, 200);
    QVERIFY(!hasHeader(third.headers, "Retry-After"));

    // Without a count, every delivery is told to come back later.
    ResponseRules always = rulesFrom(R"({"rules": [{"retryAfter": 0}]})");
    for (int i = 0; i < 3; ++i) {
        const ResponsePlan plan = always.plan(request("GET", "/"));
        QCOMPARE(plan.status, 429);
        QCOMPARE(headerValue(plan.headers, "Retry-After"), QByteArray("0"));
    }
}

void TestResponseRules::closeWithoutAnswer()
{
    ResponseRules rules = rulesFrom(R"({"rules": [{"path": "/drop", "close": true, "delayMs": 50}]})");
    const ResponsePlan plan = rules.plan(request("POST", "/drop"));
    QVERIFY(plan.noAnswer);
    QCOMPARE(plan.status, 0);
    QCOMPARE(plan.delayMs, 50);
    QVERIFY(!rules.plan(request("POST", "/keep")).noAnswer);
}

void TestResponseRules::serializeFraming_data()
{
    QTest::addColumn<int>("status");
    QTest::addColumn<HttpHeaders>("headers");
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<bool>("closeAfter");
    QTest::addColumn<qint64>("captureId");
    QTest::addColumn<QByteArray>("statusLine");
    QTest::addColumn<HttpHeaders>("expectedHeaders");
    QTest::addColumn<QByteArray>("expectedBody");

    QTest::newRow("id substituted, length counts it")
        << 200 << HttpHeaders {} << QByteArray(R"({"id":{id},"again":"{id}"})") << false << qint64(1234567)
        << QByteArray("HTTP/1.1 200 OK") << HttpHeaders {{"Content-Type", "application/json"}, {"Content-Length", "32"}}
        << QByteArray(R"({"id":1234567,"again":"1234567"})");
    QTest::newRow("rule cannot override framing")
        << 201 << HttpHeaders {{"Content-Length", "999"},      {"X-Keep", "a"},
                               {"connection", "keep-alive"},   {"Transfer-Encoding", "chunked"},
                               {"content-type", "text/plain"}, {"X-Keep", "b"}}
        << QByteArray("created") << false << qint64(1) << QByteArray("HTTP/1.1 201 Created")
        << HttpHeaders {{"X-Keep", "a"}, {"content-type", "text/plain"}, {"X-Keep", "b"}, {"Content-Length", "7"}}
        << QByteArray("created");
    QTest::newRow("closing says so") << 503 << HttpHeaders {{"Connection", "keep-alive"}} << QByteArray("x") << true
                                     << qint64(0) << QByteArray("HTTP/1.1 503 Service Unavailable")
                                     << HttpHeaders {{"Content-Type", "application/json"},
                                                     {"Content-Length", "1"},
                                                     {"Connection", "close"}}
                                     << QByteArray("x");
    QTest::newRow("empty body, no type") << 200 << HttpHeaders {} << QByteArray() << false << qint64(5)
                                         << QByteArray("HTTP/1.1 200 OK") << HttpHeaders {{"Content-Length", "0"}}
                                         << QByteArray();
    // RFC 9110 sections 6.4.1 and 8.6: no content, and no Content-Length on a 204.
    QTest::newRow("204 has no content") << 204 << HttpHeaders {{"X-A", "1"}} << QByteArray("{id}") << false << qint64(5)
                                        << QByteArray("HTTP/1.1 204 No Content") << HttpHeaders {{"X-A", "1"}}
                                        << QByteArray();
    QTest::newRow("304 has no content") << 304 << HttpHeaders {} << QByteArray("ignored") << true << qint64(5)
                                        << QByteArray("HTTP/1.1 304 Not Modified")
                                        << HttpHeaders {{"Connection", "close"}} << QByteArray();
    QTest::newRow("unknown status gets a class phrase")
        << 418 << HttpHeaders {} << QByteArray("{id}") << false << qint64(42) << QByteArray("HTTP/1.1 418 Client Error")
        << HttpHeaders {{"Content-Type", "application/json"}, {"Content-Length", "2"}} << QByteArray("42");
}

void TestResponseRules::serializeFraming()
{
    QFETCH(int, status);
    QFETCH(HttpHeaders, headers);
    QFETCH(QByteArray, body);
    QFETCH(bool, closeAfter);
    QFETCH(qint64, captureId);
    QFETCH(QByteArray, statusLine);
    QFETCH(HttpHeaders, expectedHeaders);
    QFETCH(QByteArray, expectedBody);

    ResponsePlan plan;
    plan.status = status;
    plan.headers = headers;
    plan.body = body;
    plan.closeAfter = closeAfter;
    const QByteArray bytes = plan.serialize(captureId);
    const Serialized response = split(bytes);
    QCOMPARE(response.statusLine, statusLine);
    QCOMPARE(response.headers, expectedHeaders);
    QCOMPARE(response.body, expectedBody);
    const bool noContent = status == 204 || status == 304;
    QCOMPARE(countHeader(response.headers, "content-length"), noContent ? 0 : 1);
    QCOMPARE(headerValue(response.headers, "content-length").toLongLong(), response.body.size());
    QCOMPARE(bytes.size(), bytes.indexOf("\r\n\r\n") + 4 + response.body.size()); // nothing after the content
    QCOMPARE(countHeader(response.headers, "connection"), closeAfter ? 1 : 0);
    QCOMPARE(countHeader(response.headers, "transfer-encoding"), 0);
}

void TestResponseRules::errorPlan()
{
    const ResponsePlan plan = ResponsePlan::error(431, u"header \"section\" too large"_s);
    QCOMPARE(plan.status, 431);
    QVERIFY(plan.closeAfter);
    QCOMPARE(plan.body, QByteArray("{\"error\":\"header \\\"section\\\" too large\"}"));
    const Serialized response = split(plan.serialize(9));
    QCOMPARE(response.statusLine, QByteArray("HTTP/1.1 431 Request Header Fields Too Large"));
    QCOMPARE(headerValue(response.headers, "connection"), QByteArray("close"));
    QCOMPARE(reasonPhrase(413), QByteArray("Content Too Large"));
    QCOMPARE(reasonPhrase(408), QByteArray("Request Timeout"));
    QCOMPARE(reasonPhrase(299), QByteArray("OK"));
    QCOMPARE(reasonPhrase(599), QByteArray("Server Error"));
}

void TestResponseRules::headOnlyAndKeepAlive()
{
    ResponsePlan plan;
    plan.body = "{\"id\":{id}}";
    plan.headOnly = true;
    // HEAD: the Content-Length a GET would get, and no content.
    const QByteArray head = plan.serialize(12345);
    QVERIFY2(head.endsWith("\r\n\r\n"), head.constData());
    QCOMPARE(headerValue(split(head).headers, "content-length"), QByteArray("12"));

    plan.headOnly = false;
    plan.announceKeepAlive = true;
    QCOMPARE(headerValue(split(plan.serialize(1)).headers, "connection"), QByteArray("keep-alive"));
    // Closing wins over keeping.
    plan.closeAfter = true;
    const Serialized closing = split(plan.serialize(1));
    QCOMPARE(countHeader(closing.headers, "connection"), 1);
    QCOMPARE(headerValue(closing.headers, "connection"), QByteArray("close"));
}

QTEST_GUILESS_MAIN(TestResponseRules)
#include "TestResponseRules.moc"

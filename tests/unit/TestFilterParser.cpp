// SPDX-License-Identifier: MIT
// The filter language's lexer and parser: every key and value form, negation, quotes, or/and and parentheses,
// read into the canonical text; errors with their position and message; the completion list. The language is
// described in docs/filter.md.
#include <QTest>
#include <QTimeZone>

#include "filter/FilterKey.h"
#include "filter/FilterParser.h"
#include "signature/SignatureScheme.h"

using namespace Qt::StringLiterals;

class TestFilterParser final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void readsCanonicalText_data();
    void readsCanonicalText();
    void keepsTermPositions();
    void readsTimes();
    void reportsErrors_data();
    void reportsErrors();
    void limitsNesting();
    void listsKeysForCompletion();
    void suggestsNearestKey_data();
    void suggestsNearestKey();
};

void TestFilterParser::readsCanonicalText_data()
{
    QTest::addColumn<QString>("query");
    QTest::addColumn<QString>("canonical");

    QTest::newRow("empty") << u""_s << u""_s;
    QTest::newRow("blank") << u"  \t "_s << u""_s;
    QTest::newRow("word") << u"hello"_s << u"hello"_s;
    QTest::newRow("two words are two terms") << u"Hello   World"_s << u"Hello World"_s;
    QTest::newRow("non-ASCII word") << u"héllo"_s << u"héllo"_s;
    QTest::newRow("quoted phrase") << u"\"hello world\""_s << u"\"hello world\""_s;
    QTest::newRow("quotes only where needed") << u"\"hello\""_s << u"hello"_s;
    QTest::newRow("quoted parts join a word") << u"ab\"cd\"ef"_s << u"abcdef"_s;
    QTest::newRow("escaped quote") << u"\"a\\\"b\""_s << u"\"a\\\"b\""_s;
    QTest::newRow("escaped backslash") << u"\"back\\\\slash\""_s << u"back\\slash"_s;
    QTest::newRow("other backslash kept") << u"\"a\\nb\""_s << u"a\\nb"_s;
    QTest::newRow("quoted or is text") << u"\"OR\""_s << u"\"OR\""_s;
    QTest::newRow("quoted and is text") << u"\"and\""_s << u"\"and\""_s;
    QTest::newRow("quoted dash is text") << u"\"-x\""_s << u"\"-x\""_s;
    QTest::newRow("quoted colon is text") << u"\"foo:bar\""_s << u"\"foo:bar\""_s;
    QTest::newRow("colon after digits is text") << u"12:30"_s << u"12:30"_s;
    QTest::newRow("colon first is text") << u":x"_s << u":x"_s;
    QTest::newRow("dash inside a word") << u"a-b"_s << u"a-b"_s;
    QTest::newRow("parenthesis in quotes") << u"\"f(x)\""_s << u"\"f(x)\""_s;

    QTest::newRow("method") << u"method:post"_s << u"method:POST"_s;
    QTest::newRow("key case ignored") << u"METHOD:Post"_s << u"method:POST"_s;
    QTest::newRow("method token") << u"method:M-SEARCH"_s << u"method:M-SEARCH"_s;
    QTest::newRow("path") << u"path:/hooks/*"_s << u"path:/hooks/*"_s;
    QTest::newRow("path wildcards") << u"path:/a?c/*.json"_s << u"path:/a?c/*.json"_s;
    QTest::newRow("path quoted") << u"path:\"/a b/*\""_s << u"path:\"/a b/*\""_s;
    QTest::newRow("path half quoted") << u"path:/a\" b\""_s << u"path:\"/a b\""_s;
    QTest::newRow("path escaped star") << u"path:/a\\*"_s << u"path:/a\\*"_s;
    QTest::newRow("path dash value") << u"path:-x"_s << u"path:-x"_s;
    QTest::newRow("path or value") << u"path:or"_s << u"path:or"_s;
    QTest::newRow("status class") << u"status:2XX"_s << u"status:2xx"_s;
    QTest::newRow("status code") << u"status:404"_s << u"status:404"_s;
    QTest::newRow("status equal") << u"status:=404"_s << u"status:404"_s;
    QTest::newRow("status none") << u"status:0"_s << u"status:0"_s;
    QTest::newRow("status >=") << u"status:>=400"_s << u"status:>=400"_s;
    QTest::newRow("status >") << u"status:>499"_s << u"status:>499"_s;
    QTest::newRow("status <") << u"status:<300"_s << u"status:<300"_s;
    QTest::newRow("status <=") << u"status:<=299"_s << u"status:<=299"_s;
    QTest::newRow("sig valid") << u"sig:VALID"_s << u"sig:valid"_s;
    QTest::newRow("sig invalid") << u"sig:invalid"_s << u"sig:invalid"_s;
    QTest::newRow("sig missing") << u"sig:missing"_s << u"sig:missing"_s;
    QTest::newRow("sig none") << u"sig:none"_s << u"sig:none"_s;
    for (const SignatureScheme scheme : SignatureSchemes::all()) {
        const QString name = SignatureSchemes::name(scheme);
        QTest::addRow("scheme %s", qPrintable(name)) << u"scheme:"_s + name.toUpper() << u"scheme:"_s + name;
    }
    QTest::newRow("scheme none") << u"scheme:none"_s << u"scheme:none"_s;
    QTest::newRow("schema") << u"schema:user"_s << u"schema:user"_s;
    QTest::newRow("action") << u"action:delete"_s << u"action:delete"_s;
    QTest::newRow("doc") << u"doc:us*"_s << u"doc:us*"_s;
    QTest::newRow("header name") << u"header:X-Firm-Signature"_s << u"header:X-Firm-Signature"_s;
    QTest::newRow("header value") << u"header:Content-Type=application/json"_s
                                  << u"header:Content-Type=application/json"_s;
    QTest::newRow("header empty value") << u"header:x="_s << u"header:x="_s;
    QTest::newRow("header value with =") << u"header:x=a=b"_s << u"header:x=a=b"_s;
    QTest::newRow("header quoted value") << u"header:x-a=\"b c\""_s << u"header:\"x-a=b c\""_s;
    QTest::newRow("body") << u"body:ussampleuser1id"_s << u"body:ussampleuser1id"_s;
    QTest::newRow("body phrase") << u"body:\"Sam Smith\""_s << u"body:\"Sam Smith\""_s;
    QTest::newRow("size k") << u"size:>10k"_s << u"size:>10k"_s;
    QTest::newRow("size K") << u"size:>10K"_s << u"size:>10k"_s;
    QTest::newRow("size KiB") << u"size:>=10KiB"_s << u"size:>=10k"_s;
    QTest::newRow("size kb") << u"size:<10kb"_s << u"size:<10k"_s;
    QTest::newRow("size fraction") << u"size:1.5k"_s << u"size:1536"_s;
    QTest::newRow("size MiB") << u"size:2MiB"_s << u"size:2m"_s;
    QTest::newRow("size bytes as k") << u"size:<=1024"_s << u"size:<=1k"_s;
    QTest::newRow("size b") << u"size:=512b"_s << u"size:512"_s;
    QTest::newRow("size zero") << u"size:0"_s << u"size:0"_s;
    QTest::newRow("size g") << u"size:1g"_s << u"size:1g"_s;
    QTest::newRow("size 1024m") << u"size:1024m"_s << u"size:1g"_s;
    QTest::newRow("after date") << u"after:2024-11-08"_s << u"after:2024-11-08"_s;
    QTest::newRow("after minutes") << u"after:2024-11-08T21:49"_s << u"after:2024-11-08T21:49:00"_s;
    QTest::newRow("before ms Z") << u"before:2024-11-08T21:49:46.733Z"_s << u"before:2024-11-08T21:49:46.733Z"_s;
    QTest::newRow("fraction and offset") << u"after:2024-11-08t21:49:46,5+02:00"_s
                                         << u"after:2024-11-08T21:49:46.500+02:00"_s;
    QTest::newRow("fine fraction") << u"after:2024-11-08T21:49:46.123456789z"_s << u"after:2024-11-08T21:49:46.123Z"_s;
    QTest::newRow("offset without colon") << u"after:2024-11-08T21:49-0530"_s << u"after:2024-11-08T21:49:00-05:30"_s;
    QTest::newRow("offset hours") << u"after:2024-11-08T21:49+01"_s << u"after:2024-11-08T21:49:00+01:00"_s;
    QTest::newRow("zero offset") << u"after:2024-11-08T21:49+00:00"_s << u"after:2024-11-08T21:49:00Z"_s;
    QTest::newRow("space separator") << u"after:\"2024-11-08 21:49\""_s << u"after:2024-11-08T21:49:00"_s;
    QTest::newRow("leap day") << u"before:2024-02-29"_s << u"before:2024-02-29"_s;
    QTest::newRow("year 1") << u"before:0001-01-01"_s << u"before:0001-01-01"_s;
    QTest::newRow("relative hours") << u"after:-1h"_s << u"after:-1h"_s;
    QTest::newRow("relative minutes") << u"after:-30M"_s << u"after:-30m"_s;
    QTest::newRow("relative seconds") << u"after:-45s"_s << u"after:-45s"_s;
    QTest::newRow("relative days") << u"before:-2d"_s << u"before:-2d"_s;
    QTest::newRow("relative weeks") << u"after:-1w"_s << u"after:-1w"_s;
    QTest::newRow("today") << u"after:TODAY"_s << u"after:today"_s;
    QTest::newRow("yesterday") << u"before:yesterday"_s << u"before:yesterday"_s;
    QTest::newRow("peer") << u"peer:127.0.0.*"_s << u"peer:127.0.0.*"_s;

    QTest::newRow("negated key") << u"-method:get"_s << u"-method:GET"_s;
    QTest::newRow("negated phrase") << u"-\"a b\""_s << u"-\"a b\""_s;
    QTest::newRow("double negation") << u"--a"_s << u"--a"_s;
    QTest::newRow("negated group") << u"-(a b)"_s << u"-(a b)"_s;
    QTest::newRow("negated or") << u"-(a or b)"_s << u"-(a or b)"_s;
    QTest::newRow("negated single") << u"-(a)"_s << u"-a"_s;
    QTest::newRow("negation inside or") << u"-a or b"_s << u"-a or b"_s;

    QTest::newRow("or") << u"a or b"_s << u"a or b"_s;
    QTest::newRow("OR") << u"a OR b"_s << u"a or b"_s;
    QTest::newRow("or binds tighter") << u"a b or c"_s << u"a b or c"_s;
    QTest::newRow("or then and") << u"a or b c"_s << u"a or b c"_s;
    QTest::newRow("grouped and in or") << u"(a b) or c"_s << u"(a b) or c"_s;
    QTest::newRow("needless group") << u"a (b or c)"_s << u"a b or c"_s;
    QTest::newRow("or merged") << u"(a or b) or c"_s << u"a or b or c"_s;
    QTest::newRow("and merged") << u"(a b) c"_s << u"a b c"_s;
    QTest::newRow("double group") << u"((a))"_s << u"a"_s;
    QTest::newRow("explicit and") << u"a and b"_s << u"a b"_s;
    QTest::newRow("AND with or") << u"a AND b or c"_s << u"a b or c"_s;
    QTest::newRow("parentheses touching words") << u"a(b)c"_s << u"a b c"_s;
    QTest::newRow("or of groups") << u"(method:post status:404) or (method:put status:5xx)"_s
                                  << u"(method:POST status:404) or (method:PUT status:5xx)"_s;
    QTest::newRow("everything") << u"method:post -sig:valid \"x y\" or body:z (status:>=400 or size:>1m)"_s
                                << u"method:POST -sig:valid \"x y\" or body:z status:>=400 or size:>1m"_s;
}

void TestFilterParser::readsCanonicalText()
{
    QFETCH(QString, query);
    QFETCH(QString, canonical);
    const FilterParseResult result = FilterParser::parse(query);
    QVERIFY2(result.ok(), qPrintable(result.error ? result.error->toString() : QString()));
    QCOMPARE(result.query.toString(), canonical);
    QCOMPARE(result.query.isEmpty(), canonical.isEmpty());
    // The canonical text reads back to itself.
    const FilterParseResult again = FilterParser::parse(canonical);
    QVERIFY2(again.ok(), qPrintable(again.error ? again.error->toString() : QString()));
    QCOMPARE(again.query.toString(), canonical);
}

void TestFilterParser::keepsTermPositions()
{
    const QString text = u"method:post  -\"a b\" (status:2xx)"_s;
    const FilterParseResult result = FilterParser::parse(text);
    QVERIFY(result.ok());
    const FilterNode* root = result.query.root();
    QVERIFY(root);
    QCOMPARE(root->kind, FilterNode::Kind::And);
    QCOMPARE(root->children.size(), size_t(3));
    const FilterTerm& method = root->children[0].term;
    QCOMPARE(method.key, FilterKey::Method);
    QCOMPARE(text.mid(method.start, method.length), u"method:post"_s);
    const FilterNode& negation = root->children[1];
    QCOMPARE(negation.kind, FilterNode::Kind::Not);
    const FilterTerm& phrase = negation.children.front().term;
    QCOMPARE(phrase.key, FilterKey::Text);
    QCOMPARE(phrase.value, u"a b"_s);
    QCOMPARE(text.mid(phrase.start, phrase.length), u"\"a b\""_s);
    const FilterTerm& status = root->children[2].term;
    QCOMPARE(status.statusClass, 2);
    QCOMPARE(text.mid(status.start, status.length), u"status:2xx"_s);
}

void TestFilterParser::readsTimes()
{
    const FilterParseResult result = FilterParser::parse(u"after:2024-11-08T21:49:46.733+02:00"_s);
    QVERIFY(result.ok());
    const FilterTime& time = result.query.root()->term.time;
    QCOMPARE(time.kind, FilterTime::Kind::Absolute);
    QCOMPARE(time.date, QDate(2024, 11, 8));
    QCOMPARE(time.time, QTime(21, 49, 46, 733));
    QCOMPARE(time.offsetSeconds, std::optional<int>(7200));
    const QDateTime now(QDate(2024, 11, 10), QTime(12, 30), QTimeZone::utc());
    QCOMPARE(time.resolveMs(now, QTimeZone::utc()),
             QDateTime(QDate(2024, 11, 8), QTime(19, 49, 46, 733), QTimeZone::utc()).toMSecsSinceEpoch());

    // Offsets beyond the 14 hours real zones use still count.
    const FilterTime far = FilterParser::parse(u"after:2024-11-08T12:00+18:00"_s).query.root()->term.time;
    QCOMPARE(far.resolveMs(now, QTimeZone::utc()),
             QDateTime(QDate(2024, 11, 7), QTime(18, 0), QTimeZone::utc()).toMSecsSinceEpoch());
    const FilterTime west = FilterParser::parse(u"after:2024-11-08T12:00-05:30"_s).query.root()->term.time;
    QCOMPARE(west.resolveMs(now, QTimeZone::utc()),
             QDateTime(QDate(2024, 11, 8), QTime(17, 30), QTimeZone::utc()).toMSecsSinceEpoch());

    const FilterTime relative = FilterParser::parse(u"before:-90m"_s).query.root()->term.time;
    QCOMPARE(relative.kind, FilterTime::Kind::Relative);
    QCOMPARE(relative.resolveMs(now, QTimeZone::utc()), now.toMSecsSinceEpoch() - 90 * 60 * 1000);

    // A date without an offset is the midnight of the zone evaluation uses.
    const FilterTime date = FilterParser::parse(u"after:2024-11-10"_s).query.root()->term.time;
    const QTimeZone plusTwo(7200);
    QCOMPARE(date.resolveMs(now, plusTwo),
             QDateTime(QDate(2024, 11, 9), QTime(22, 0), QTimeZone::utc()).toMSecsSinceEpoch());
    const FilterTime today = FilterParser::parse(u"after:today"_s).query.root()->term.time;
    QCOMPARE(today.resolveMs(now, QTimeZone::utc()),
             QDateTime(QDate(2024, 11, 10), QTime(0, 0), QTimeZone::utc()).toMSecsSinceEpoch());
    // At 23:30 UTC it is already the 11th in UTC+2.
    const QDateTime late(QDate(2024, 11, 10), QTime(23, 30), QTimeZone::utc());
    QCOMPARE(today.resolveMs(late, plusTwo),
             QDateTime(QDate(2024, 11, 10), QTime(22, 0), QTimeZone::utc()).toMSecsSinceEpoch());
    const FilterTime yesterday = FilterParser::parse(u"after:yesterday"_s).query.root()->term.time;
    QCOMPARE(yesterday.resolveMs(now, QTimeZone::utc()),
             QDateTime(QDate(2024, 11, 9), QTime(0, 0), QTimeZone::utc()).toMSecsSinceEpoch());
}

void TestFilterParser::reportsErrors_data()
{
    QTest::addColumn<QString>("query");
    QTest::addColumn<int>("start");
    QTest::addColumn<int>("length");
    QTest::addColumn<QString>("message"); // the whole message, or its start when it ends with "..."

    const QString statusMessage = u"status: expects 2xx, 404 or a comparison like >=400"_s;
    QTest::newRow("status word") << u"status:abc"_s << 7 << 3 << statusMessage;
    QTest::newRow("status after a term") << u"method:post status:abc"_s << 19 << 3 << statusMessage;
    QTest::newRow("status four digits") << u"status:1000"_s << 7 << 4 << statusMessage;
    QTest::newRow("status class too long") << u"status:4xxx"_s << 7 << 4 << statusMessage;
    QTest::newRow("status compared class") << u"status:>=4xx"_s << 7 << 5 << statusMessage;
    QTest::newRow("status bare comparison") << u"status:>="_s << 7 << 2 << statusMessage;
    QTest::newRow("status 0xx") << u"status:0xx"_s << 7 << 3 << statusMessage;
    QTest::newRow("status quoted") << u"status:\"2 xx\""_s << 7 << 6 << statusMessage;
    QTest::newRow("status without value") << u"status:"_s << 0 << 7 << u"status: needs a value"_s;
    QTest::newRow("status empty quotes") << u"status:\"\""_s << 7 << 2 << u"status: needs a value"_s;
    QTest::newRow("status before (") << u"status:(2xx)"_s << 0 << 7 << u"status: needs a value"_s;
    QTest::newRow("unknown key") << u"foo:bar"_s << 0 << 4 << u"unknown key foo:; the keys are method, ..."_s;
    QTest::newRow("unknown key later") << u"a foo:bar"_s << 2 << 4 << u"unknown key foo:..."_s;
    QTest::newRow("url needs quotes") << u"http://x"_s << 0 << 5 << u"unknown key http:..."_s;
    QTest::newRow("misspelt key") << u"stauts:200"_s << 0 << 7
                                  << u"unknown key stauts:; did you mean status:? (to search for text with a colon, "
                                     u"put it in quotes)"_s;
    QTest::newRow("started key") << u"meth:get"_s << 0 << 5 << u"unknown key meth:; did you mean method:?..."_s;
    QTest::newRow("unterminated quote") << u"\"abc"_s << 0 << 4 << u"unterminated quote: add a closing \""_s;
    QTest::newRow("unterminated later") << u"a \"b c"_s << 2 << 4 << u"unterminated quote..."_s;
    QTest::newRow("escaped closing quote") << u"\"abc\\\""_s << 0 << 6 << u"unterminated quote..."_s;
    QTest::newRow("unterminated value") << u"path:\"/a"_s << 5 << 3 << u"unterminated quote..."_s;
    QTest::newRow("empty quotes") << u"\"\""_s << 0 << 2 << u"empty quotes: put the text to look for between them"_s;
    QTest::newRow("sig") << u"sig:maybe"_s << 4 << 5 << u"sig: expects valid, invalid, missing or none"_s;
    QTest::newRow("scheme") << u"scheme:paypal"_s << 7 << 6
                            << u"scheme: expects firm_app, github, stripe, standard_webhooks, svix, shopify, slack, "
                               u"generic or none"_s;
    QTest::newRow("method with space") << u"method:\"PO ST\""_s << 7 << 7
                                       << u"method: expects an HTTP method such as POST"_s;
    QTest::newRow("method non-ASCII") << u"method:pöst"_s << 7 << 4 << u"method: expects an HTTP method such as POST"_s;
    QTest::newRow("header without name") << u"header:=x"_s << 7 << 2 << u"header: expects a name, or name=value"_s;
    const QString sizeMessage = u"size: expects a size like >10k, <=2m or 512..."_s;
    QTest::newRow("size word") << u"size:big"_s << 5 << 3 << sizeMessage;
    QTest::newRow("size unit") << u"size:10q"_s << 5 << 3 << sizeMessage;
    QTest::newRow("size comparison only") << u"size:>"_s << 5 << 1 << sizeMessage;
    QTest::newRow("size dot") << u"size:1.k"_s << 5 << 3 << sizeMessage;
    QTest::newRow("size negative") << u"size:-1"_s << 5 << 2 << sizeMessage;
    QTest::newRow("size many digits") << u"size:1234567890123456"_s << 5 << 16 << sizeMessage;
    QTest::newRow("size too large") << u"size:9000000000000k"_s << 5 << 14 << sizeMessage;
    const QString afterMessage = u"after: expects a date like 2024-11-08, a date and time like 2024-11-08T21:49..."_s;
    QTest::newRow("after word") << u"after:tomorrow"_s << 6 << 8 << afterMessage;
    QTest::newRow("before message") << u"before:soon"_s << 7 << 4 << u"before: expects a date like..."_s;
    QTest::newRow("month 13") << u"after:2024-13-01"_s << 6 << 10 << afterMessage;
    QTest::newRow("february 30") << u"after:2024-02-30"_s << 6 << 10 << afterMessage;
    QTest::newRow("not a leap year") << u"after:2023-02-29"_s << 6 << 10 << afterMessage;
    QTest::newRow("year 0") << u"after:0000-01-01"_s << 6 << 10 << afterMessage;
    QTest::newRow("hour 25") << u"after:2024-11-08T25:00"_s << 6 << 16 << afterMessage;
    QTest::newRow("minute 60") << u"after:2024-11-08T12:60"_s << 6 << 16 << afterMessage;
    QTest::newRow("hour only") << u"after:2024-11-08T12"_s << 6 << 13 << afterMessage;
    QTest::newRow("second 60") << u"after:2024-11-08T12:00:60"_s << 6 << 19 << afterMessage;
    QTest::newRow("empty fraction") << u"after:2024-11-08T12:00:00."_s << 6 << 20 << afterMessage;
    QTest::newRow("short offset") << u"after:2024-11-08T12:00+2"_s << 6 << 18 << afterMessage;
    QTest::newRow("offset 24") << u"after:2024-11-08T12:00+24:00"_s << 6 << 22 << afterMessage;
    QTest::newRow("trailing junk") << u"after:2024-11-08T12:00Zx"_s << 6 << 18 << afterMessage;
    QTest::newRow("slashes") << u"after:2024/11/08"_s << 6 << 10 << afterMessage;
    QTest::newRow("relative unit") << u"after:-1y"_s << 6 << 3 << afterMessage;
    QTest::newRow("relative without sign") << u"after:1h"_s << 6 << 2 << afterMessage;
    QTest::newRow("relative too long") << u"after:-1234567h"_s << 6 << 9 << afterMessage;
    QTest::newRow("dash then space") << u"- a"_s << 0 << 1 << u"- must be followed by a term, with no space between"_s;
    QTest::newRow("dash at end") << u"a -"_s << 2 << 1 << u"- must be followed by a term..."_s;
    QTest::newRow("dash before )") << u"(a -)"_s << 3 << 1 << u"- must be followed by a term..."_s;
    QTest::newRow("dash before or") << u"-or a"_s << 0 << 1 << u"- must be followed by a term..."_s;
    QTest::newRow("or first") << u"or a"_s << 0 << 2 << u"or needs a term on each side"_s;
    QTest::newRow("or last") << u"a or"_s << 2 << 2 << u"or needs a term on each side"_s;
    QTest::newRow("or twice") << u"a or OR b"_s << 2 << 2 << u"or needs a term on each side"_s;
    QTest::newRow("or then and") << u"a or and b"_s << 2 << 2 << u"or needs a term on each side"_s;
    QTest::newRow("or before )") << u"(a or)"_s << 3 << 2 << u"or needs a term on each side"_s;
    QTest::newRow("and first") << u"AND a"_s << 0 << 3 << u"and needs a term on each side"_s;
    QTest::newRow("and last") << u"a and"_s << 2 << 3 << u"and needs a term on each side"_s;
    QTest::newRow("unclosed") << u"(a"_s << 0 << 1 << u"unclosed (: add a )"_s;
    QTest::newRow("unclosed inner") << u"(a (b)"_s << 0 << 1 << u"unclosed (: add a )"_s;
    QTest::newRow("unmatched") << u"a)"_s << 1 << 1 << u"unmatched ): there is no ( before it"_s;
    QTest::newRow("unmatched first") << u") a"_s << 0 << 1 << u"unmatched ): there is no ( before it"_s;
    QTest::newRow("empty parentheses") << u"a ()"_s << 2 << 2 << u"empty parentheses"_s;
    QTest::newRow("empty parentheses spaced") << u"( )"_s << 0 << 3 << u"empty parentheses"_s;
    QTest::newRow("first error wins") << u"foo:x status:abc"_s << 0 << 4 << u"unknown key foo:..."_s;
}

void TestFilterParser::reportsErrors()
{
    QFETCH(QString, query);
    QFETCH(int, start);
    QFETCH(int, length);
    QFETCH(QString, message);
    const FilterParseResult result = FilterParser::parse(query);
    QVERIFY2(!result.ok(), qPrintable(result.query.toString()));
    QVERIFY(result.query.isEmpty());
    QCOMPARE(result.error->start, qsizetype(start));
    QCOMPARE(result.error->length, qsizetype(length));
    if (message.endsWith(u"..."_s))
        QVERIFY2(result.error->message.startsWith(message.chopped(3)), qPrintable(result.error->message));
    else
        QCOMPARE(result.error->message, message);
    QCOMPARE(result.error->toString(), u"column %1: "_s.arg(start + 1) + result.error->message);
}

void TestFilterParser::limitsNesting()
{
    const int limit = FilterParser::maxDepth;
    const QString deepest = QString(limit, u'(') + u"a"_s + QString(limit, u')');
    QVERIFY(FilterParser::parse(deepest).ok());
    QCOMPARE(FilterParser::parse(deepest).query.toString(), u"a"_s);
    const QString tooDeep = QString(limit + 1, u'(') + u"a"_s + QString(limit + 1, u')');
    const FilterParseResult deep = FilterParser::parse(tooDeep);
    QVERIFY(!deep.ok());
    QCOMPARE(deep.error->start, qsizetype(limit));
    QCOMPARE(deep.error->length, qsizetype(1));
    QVERIFY(deep.error->message.startsWith(u"nested too deeply"_s));

    QVERIFY(FilterParser::parse(QString(QString(limit, u'-') + u"a"_s)).ok());
    const FilterParseResult negations = FilterParser::parse(QString(QString(100000, u'-') + u"a"_s));
    QVERIFY(!negations.ok());
    QCOMPARE(negations.error->start, qsizetype(limit));
    // Many terms side by side are no nesting at all.
    QString wide;
    for (int i = 0; i < 20000; ++i)
        wide += u"a or "_s;
    QVERIFY(FilterParser::parse(QString(wide + u"b"_s)).ok());
}

void TestFilterParser::listsKeysForCompletion()
{
    const QList<FilterKeyInfo> keys = FilterKeys::all();
    QStringList names;
    for (const FilterKeyInfo& info : keys) {
        names.append(info.name);
        QVERIFY2(!info.hint.isEmpty(), qPrintable(info.name));
        QCOMPARE(FilterKeys::fromName(info.name), std::optional<FilterKey>(info.key));
        QCOMPARE(FilterKeys::name(info.key), info.name);
        // Every value offered is one the parser accepts for that key.
        for (const QString& value : info.values) {
            const FilterParseResult result = FilterParser::parse(QString(info.name + u':' + value));
            QVERIFY2(result.ok(), qPrintable(info.name + u':' + value));
            QCOMPARE(result.query.root()->term.key, info.key);
        }
    }
    QCOMPARE(names,
             QStringList({u"method"_s, u"path"_s, u"status"_s, u"sig"_s, u"scheme"_s, u"schema"_s, u"action"_s,
                          u"doc"_s, u"header"_s, u"body"_s, u"size"_s, u"after"_s, u"before"_s, u"peer"_s}));
    const FilterKeyInfo& scheme = keys.at(names.indexOf(u"scheme"_s));
    for (const SignatureScheme s : SignatureSchemes::all())
        QVERIFY(scheme.values.contains(SignatureSchemes::name(s)));
    QVERIFY(scheme.values.contains(u"none"_s));
    QCOMPARE(keys.at(names.indexOf(u"sig"_s)).values, QStringList({u"valid"_s, u"invalid"_s, u"missing"_s, u"none"_s}));
    QCOMPARE(FilterKeys::fromName(u"STATUS"), std::optional<FilterKey>(FilterKey::Status));
    QVERIFY(!FilterKeys::fromName(u"nope"));
}

void TestFilterParser::suggestsNearestKey_data()
{
    QTest::addColumn<QString>("typed");
    QTest::addColumn<QString>("nearest");
    QTest::newRow("prefix") << u"stat"_s << u"status"_s;
    QTest::newRow("prefix of two: the first listed") << u"s"_s << u"status"_s;
    QTest::newRow("swapped letters") << u"stauts"_s << u"status"_s;
    QTest::newRow("missing letter") << u"metod"_s << u"method"_s;
    QTest::newRow("transposed") << u"hedaer"_s << u"header"_s;
    QTest::newRow("case") << u"BDY"_s << u"body"_s;
    QTest::newRow("plural") << u"schemas"_s << u"schema"_s;
    QTest::newRow("far") << u"xyzzy"_s << QString();
    QTest::newRow("short and far") << u"foo"_s << QString();
}

void TestFilterParser::suggestsNearestKey()
{
    QFETCH(QString, typed);
    QFETCH(QString, nearest);
    QCOMPARE(FilterKeys::nearest(typed), nearest);
}

QTEST_GUILESS_MAIN(TestFilterParser)
#include "TestFilterParser.moc"

// SPDX-License-Identifier: MIT
// The request parser's own RFC 9112 checks: token methods llhttp does not know, lengths compared
// unsigned, framing and line endings decided whatever llhttp build is in use, chunk extensions capped,
// and a clock given from outside.
#include <QTest>

#include "http/RequestChecks.h"
#include "http/RequestParser.h"

using namespace Qt::StringLiterals;

namespace {

QList<ParsedRequest> parse(const QByteArray& input, ParserOptions options = {}, HttpLimits limits = {},
                           qsizetype step = 0)
{
    RequestParser parser(limits, std::move(options));
    if (step <= 0) {
        parser.feed(input);
    } else {
        for (qsizetype i = 0; i < input.size(); i += step)
            parser.feed(QByteArrayView(input).sliced(i, qMin(step, input.size() - i)));
    }
    QList<ParsedRequest> requests = parser.takeRequests();
    if (std::optional<ParsedRequest> partial = parser.finish())
        requests.append(std::move(*partial));
    return requests;
}

ParserOptions lenient()
{
    ParserOptions options;
    options.lenientLlhttp = true;
    return options;
}

} // namespace

class TestRequestHardening final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void tokenMethods_data();
    void tokenMethods();
    void notAToken();
    void hugeLengthWithExpectIs413();
    void smuggling_data();
    void smuggling();
    void framing_data();
    void framing();
    void chunkExtensionsCapped();
    void clockFromOutside();
    void bodyBytesHeld();
};

void TestRequestHardening::tokenMethods_data()
{
    QTest::addColumn<QByteArray>("method");
    QTest::newRow("QUERY") << QByteArray("QUERY");
    QTest::newRow("FOO-BAR") << QByteArray("FOO-BAR");
    QTest::newRow("lower case") << QByteArray("get");
    QTest::newRow("symbols") << QByteArray("X!#$%&'*+.^_`|~9");
    QTest::newRow("GET as a prefix") << QByteArray("GETX");
}

void TestRequestHardening::tokenMethods()
{
    QFETCH(QByteArray, method);
    const QByteArray head = method + " /q?x=1 HTTP/1.1\r\nHost: h\r\nContent-Length: 5\r\n\r\n";
    const QByteArray input = head + "hello" + "GET /next HTTP/1.1\r\nHost: h\r\n\r\n";
    for (qsizetype step : {qsizetype(0), qsizetype(1), qsizetype(3), qsizetype(7)}) {
        const QList<ParsedRequest> requests = parse(input, {}, {}, step);
        QCOMPARE(requests.size(), 2);
        const Capture& c = requests.first().capture;
        QCOMPARE(requests.first().rejectStatus, 0);
        QCOMPARE(c.malformedReason, QString());
        QCOMPARE(c.method, method);
        QCOMPARE(c.target, QByteArray("/q?x=1"));
        QCOMPARE(c.rawHead, head);
        QCOMPARE(c.body, QByteArray("hello"));
        QCOMPARE(requests.at(1).capture.method, QByteArray("GET"));
        QCOMPARE(requests.at(1).capture.target, QByteArray("/next"));
    }
}

void TestRequestHardening::notAToken()
{
    // A method with a character that is not a token character is still rejected, as before.
    const QList<ParsedRequest> requests = parse("FO@O / HTTP/1.1\r\nHost: h\r\n\r\n");
    QCOMPARE(requests.size(), 1);
    QCOMPARE(requests.first().rejectStatus, 400);
    // A head that never ends its method is kept whole when the connection closes.
    const QList<ParsedRequest> cut = parse("QUER");
    QCOMPARE(cut.size(), 1);
    QCOMPARE(cut.first().capture.rawHead, QByteArray("QUER"));
    QVERIFY(cut.first().capture.malformedReason.contains(u"connection closed"_s));
    // The method counts against the head limit.
    HttpLimits small;
    small.maxHeaderBytes = 16;
    const QList<ParsedRequest> large = parse(QByteArray(40, 'Q') + " / HTTP/1.1\r\n\r\n", {}, small, 1);
    QCOMPARE(large.size(), 1);
    QCOMPARE(large.first().rejectStatus, 431);
    // A token longer than the head limit that ends in a character no method has: 431 whole or in pieces,
    // not llhttp's verdict on its first bytes (found by fuzz_request_parser).
    const QByteArray longToken = "OPTIO" + QByteArray(150, 'W') + "q=%2F HTTP/1.1\r\n\r\n";
    small.maxHeaderBytes = 64;
    for (const qsizetype step : {qsizetype(0), qsizetype(1), qsizetype(7)}) {
        const QList<ParsedRequest> parsed = parse(longToken, {}, small, step);
        QCOMPARE(parsed.size(), 1);
        QCOMPARE(parsed.first().rejectStatus, 431);
        QCOMPARE(parsed.first().capture.rawHead.size(), small.maxHeaderBytes);
    }
}

void TestRequestHardening::hugeLengthWithExpectIs413()
{
    // 2^63: cast to a signed type it is negative and slipped under the limit.
    const QByteArray head
        = "POST /big HTTP/1.1\r\nHost: h\r\nContent-Length: 9223372036854775808\r\nExpect: 100-continue\r\n\r\n";
    RequestParser parser;
    parser.feed(head);
    QVERIFY(!parser.wantsContinue());
    const QList<ParsedRequest> requests = parser.takeRequests();
    QCOMPARE(requests.size(), 1);
    QCOMPARE(requests.first().rejectStatus, 413);
    QVERIFY(requests.first().capture.malformedReason.contains(u"9223372036854775808"_s));
    // The largest length llhttp takes is refused the same way.
    RequestParser max;
    max.feed("POST /big HTTP/1.1\r\nContent-Length: 18446744073709551615\r\nExpect: 100-continue\r\n\r\n");
    QVERIFY(!max.wantsContinue());
    const QList<ParsedRequest> maxRequests = max.takeRequests();
    QCOMPARE(maxRequests.size(), 1);
    QVERIFY(maxRequests.first().rejectStatus == 413 || maxRequests.first().rejectStatus == 400);
}

void TestRequestHardening::smuggling_data()
{
    QTest::addColumn<QByteArray>("input");
    QTest::addColumn<QString>("reason");
    // Fed to llhttp with its lenient flags on, as a lenient system build would parse them: the
    // rejection then comes from Hookbench's own checks (their reasons do not start with HPE_).
    QTest::newRow("CL and TE") << QByteArray(
        "POST / HTTP/1.1\r\nHost: h\r\nContent-Length: 4\r\nTransfer-Encoding: chunked\r\n\r\n"
        "0\r\n\r\n") << u"both Content-Length and Transfer-Encoding"_s;
    QTest::newRow("TE not ending in chunked")
        << QByteArray("POST / HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked, gzip\r\n\r\nabcd")
        << u"does not end in chunked"_s;
    QTest::newRow("bare LF in a value") << QByteArray("GET / HTTP/1.1\r\nHost: h\r\nX-A: 1\nX-B: 2\r\n\r\n")
                                        << u"bare LF"_s;
    QTest::newRow("bare CR in a value") << QByteArray("GET / HTTP/1.1\r\nHost: h\r\nX-A: 1\rX-B: 2\r\n\r\n")
                                        << QString(); // llhttp refuses it in any build
    // llhttp refuses a second Content-Length in any build; the lenient option lets it through so that
    // Hookbench's own check is seen deciding.
    QTest::newRow("two equal Content-Length")
        << QByteArray("POST / HTTP/1.1\r\nHost: h\r\nContent-Length: 5\r\nContent-Length: 5\r\n\r\nhello")
        << u"more than one Content-Length"_s;
    QTest::newRow("two different Content-Length")
        << QByteArray("POST / HTTP/1.1\r\nHost: h\r\nContent-Length: 5\r\ncontent-length: 6\r\n\r\nhello!")
        << u"more than one Content-Length"_s;
    QTest::newRow("Content-Length list")
        << QByteArray("POST / HTTP/1.1\r\nHost: h\r\nContent-Length: 5, 5\r\n\r\nhello")
        << QString(); // llhttp refuses it in any build; checkFraming does too (framing)
}

void TestRequestHardening::framing_data()
{
    QTest::addColumn<HttpHeaders>("headers");
    QTest::addColumn<QString>("reason");
    const auto field = [](const char* name, const char* value) {
        return HttpHeader(name, value);
    };
    const QString twoLengths = u"more than one Content-Length (RFC 9112 section 6.3)"_s;
    const QString notANumber = u"Content-Length is not a number (RFC 9112 section 6.3)"_s;
    QTest::newRow("one Content-Length") << HttpHeaders {field("Content-Length", "5")} << QString();
    QTest::newRow("two equal") << HttpHeaders {field("Content-Length", "5"), field("Content-Length", "5")}
                               << twoLengths;
    QTest::newRow("two different") << HttpHeaders {field("Content-Length", "5"), field("Content-Length", "6")}
                                   << twoLengths;
    QTest::newRow("two, names in other cases")
        << HttpHeaders {field("content-length", "5"), field("Host", "h"), field("CONTENT-LENGTH", "5")} << twoLengths;
    // RFC 9112 section 6.3 lets a recipient take a list of identical values; Hookbench does not.
    QTest::newRow("list of equal values") << HttpHeaders {field("Content-Length", "5, 5")} << notANumber;
    QTest::newRow("list without a space") << HttpHeaders {field("Content-Length", "5,5")} << notANumber;
    QTest::newRow("empty") << HttpHeaders {field("Content-Length", "")} << notANumber;
    QTest::newRow("two, with Transfer-Encoding")
        << HttpHeaders {field("Content-Length", "5"), field("Transfer-Encoding", "chunked"),
                        field("Content-Length", "5")}
        << twoLengths;
}

void TestRequestHardening::framing()
{
    // The framing rules as Hookbench's own code decides them, with no llhttp in front.
    QFETCH(HttpHeaders, headers);
    QFETCH(QString, reason);
    QCOMPARE(RequestChecks::checkFraming(headers), reason);
}

void TestRequestHardening::smuggling()
{
    QFETCH(QByteArray, input);
    QFETCH(QString, reason);
    for (bool lenientBuild : {true, false}) {
        const QList<ParsedRequest> requests = parse(input, lenientBuild ? lenient() : ParserOptions {});
        QVERIFY(!requests.isEmpty());
        const ParsedRequest& first = requests.first();
        QCOMPARE(first.rejectStatus, 400);
        if (lenientBuild && !reason.isEmpty())
            QVERIFY2(first.capture.malformedReason.contains(reason), qPrintable(first.capture.malformedReason));
        QVERIFY(!first.capture.rawHead.isEmpty());
    }
}

void TestRequestHardening::chunkExtensionsCapped()
{
    HttpLimits limits;
    limits.maxChunkExtensionBytes = 1024;
    const QByteArray head = "POST /ext HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n";
    // Within the cap: accepted, the body is the chunk data.
    const QList<ParsedRequest> fine = parse(head + "5;name=value\r\nhello\r\n0;last\r\n\r\n", {}, limits);
    QCOMPARE(fine.size(), 1);
    QCOMPARE(fine.first().capture.malformedReason, QString());
    QCOMPARE(fine.first().rejectStatus, 0);
    QCOMPARE(fine.first().capture.body, QByteArray("hello"));
    // Over it, whether in one chunk or spread over many, and however the bytes arrive.
    QByteArray many;
    for (int i = 0; i < 200; ++i)
        many += "1;name" + QByteArray::number(i) + "=value\r\nx\r\n";
    const QByteArray oneChunk = "5;" + QByteArray(2000, 'e') + "\r\nhello\r\n0\r\n\r\n";
    for (const QByteArray& body : {oneChunk, many}) {
        for (qsizetype step : {qsizetype(0), qsizetype(1), qsizetype(100)}) {
            const QList<ParsedRequest> requests = parse(head + body, {}, limits, step);
            QCOMPARE(requests.size(), 1);
            QCOMPARE(requests.first().rejectStatus, 400);
            QVERIFY2(requests.first().capture.malformedReason.contains(u"chunk extensions larger than the limit"_s),
                     qPrintable(requests.first().capture.malformedReason));
            QCOMPARE(requests.first().capture.rawHead, head);
        }
    }
    QCOMPARE(HttpLimits {}.maxChunkExtensionBytes, qint64(16 * 1024));
}

void TestRequestHardening::clockFromOutside()
{
    QDateTime now = QDateTime(QDate(2026, 1, 2), QTime(3, 4, 5), Qt::UTC);
    ParserOptions options;
    options.clock = [&now] {
        return now;
    };
    RequestParser parser({}, options);
    parser.feed("POST / HTTP/1.1\r\nContent-Length: 2\r\n\r\n");
    now = now.addSecs(7);
    parser.feed("ok");
    const QList<ParsedRequest> requests = parser.takeRequests();
    QCOMPARE(requests.size(), 1);
    QCOMPARE(requests.first().capture.receivedAt, QDateTime(QDate(2026, 1, 2), QTime(3, 4, 5), Qt::UTC));
    QCOMPARE(requests.first().capture.completedAt, QDateTime(QDate(2026, 1, 2), QTime(3, 4, 12), Qt::UTC));
}

void TestRequestHardening::bodyBytesHeld()
{

    RequestParser parser;
    QCOMPARE(parser.bodyBytesHeld(), qint64(0));
    parser.feed("POST / HTTP/1.1\r\nContent-Length: 10\r\n\r\n1234");
    QVERIFY(parser.bodyBytesHeld() >= 4 && parser.bodyBytesHeld() < 1024);
    parser.feed("567890");
    QCOMPARE(parser.bodyBytesHeld(), qint64(0));
    QCOMPARE(parser.takeRequests().size(), 1);
}

QTEST_GUILESS_MAIN(TestRequestHardening)
#include "TestRequestHardening.moc"

// SPDX-License-Identifier: MIT
// The bounded answer parser of the replay client: framing by Content-Length, chunked encoding and the end
// of the connection, for any split of the bytes; 1xx skipped; HEAD without body; limits; truncation.
#include <QTest>

#include "replay/ResponseParser.h"

using namespace Qt::StringLiterals;

namespace {

struct Outcome
{
    ResponseParser::State state;
    int status = 0;
    QByteArray body;
    qint64 bodyBytes = 0;
    HttpHeaders headers;
    QString failure;
};

Outcome parse(const QByteArray& bytes, qsizetype splitAt, bool closeAfter, ResponseLimits limits = {},
              bool head = false)
{
    ResponseParser parser(limits, head);
    ResponseParser::State state = parser.feed(bytes.left(splitAt));
    if (state == ResponseParser::State::NeedMore)
        state = parser.feed(bytes.mid(splitAt));
    if (state == ResponseParser::State::NeedMore && closeAfter)
        state = parser.finish();
    return Outcome {state, parser.status(), parser.body(), parser.bodyBytes(), parser.headers(), parser.failureText()};
}

} // namespace

class TestResponseParser final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void framing_data();
    void framing();
    void headAnswerHasNoBody();
    void limits();
    void truncated();
};

void TestResponseParser::framing_data()
{
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<bool>("closeAfter");
    QTest::addColumn<int>("status");
    QTest::addColumn<QByteArray>("body");
    QTest::newRow("content-length") << QByteArray("HTTP/1.1 200 OK\r\nContent-Length: 5\r\nX-A: 1\r\n\r\nhello")
                                    << false << 200 << QByteArray("hello");
    QTest::newRow("chunked with trailer")
        << QByteArray("HTTP/1.1 202 Accepted\r\nTransfer-Encoding: chunked\r\n\r\n4\r\nwiki\r\n5;x=y\r\npedia\r\n0\r\n"
                      "T: v\r\n\r\n")
        << false << 202 << QByteArray("wikipedia");
    QTest::newRow("until close") << QByteArray("HTTP/1.0 200 OK\r\nServer: old\r\n\r\nall of it") << true << 200
                                 << QByteArray("all of it");
    QTest::newRow("interim then final") << QByteArray("HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 204 No Content\r\n\r\n")
                                        << false << 204 << QByteArray();
    QTest::newRow("no content, bytes after ignored")
        << QByteArray("HTTP/1.1 304 Not Modified\r\nETag: x\r\n\r\nHTTP/1.1 500 X\r\n\r\n") << false << 304
        << QByteArray();
}

void TestResponseParser::framing()
{
    QFETCH(QByteArray, bytes);
    QFETCH(bool, closeAfter);
    QFETCH(int, status);
    QFETCH(QByteArray, body);
    // Every split of the stream gives the same answer.
    for (qsizetype split = 0; split <= bytes.size(); ++split) {
        const Outcome outcome = parse(bytes, split, closeAfter);
        QVERIFY2(outcome.state == ResponseParser::State::Complete,
                 qPrintable(u"split %1: %2"_s.arg(split).arg(outcome.failure)));
        QCOMPARE(outcome.status, status);
        QCOMPARE(outcome.body, body);
        QCOMPARE(outcome.bodyBytes, body.size());
    }
}

void TestResponseParser::headAnswerHasNoBody()
{
    const Outcome outcome = parse("HTTP/1.1 200 OK\r\nContent-Length: 1000\r\n\r\n", 10, false, {}, true);
    QCOMPARE(outcome.state, ResponseParser::State::Complete);
    QCOMPARE(outcome.bodyBytes, 0);
    QCOMPARE(outcome.headers, (HttpHeaders {{"Content-Length", "1000"}}));
}

void TestResponseParser::limits()
{
    ResponseLimits limits;
    limits.maxHeaderBytes = 100;
    const Outcome bigHead = parse("HTTP/1.1 200 OK\r\nX: " + QByteArray(200, 'a') + "\r\n\r\n", 5, false, limits);
    QCOMPARE(bigHead.state, ResponseParser::State::Failed);
    QVERIFY2(bigHead.failure.contains(u"header section"_s), qPrintable(bigHead.failure));

    limits = {};
    limits.maxBodyBytes = 10;
    const Outcome announced = parse("HTTP/1.1 200 OK\r\nContent-Length: 11\r\n\r\n", 5, false, limits);
    QCOMPARE(announced.state, ResponseParser::State::Failed);
    QVERIFY(announced.failure.contains(u"announces 11"_s));

    limits.maxBodyBytes = 1000;
    limits.maxStoredBodyBytes = 4;
    const Outcome kept = parse("HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\n0123456789", 7, false, limits);
    QCOMPARE(kept.state, ResponseParser::State::Complete);
    QCOMPARE(kept.body, QByteArray("0123"));
    QCOMPARE(kept.bodyBytes, 10);

    const Outcome garbage = parse("HTTP/1.1 2x0 OK\r\n\r\n", 3, false);
    QCOMPARE(garbage.state, ResponseParser::State::Failed);
}

void TestResponseParser::truncated()
{
    const Outcome midBody = parse("HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\n0123", 3, true);
    QCOMPARE(midBody.state, ResponseParser::State::Failed);
    QVERIFY(midBody.failure.contains(u"after 4 of 10 body bytes"_s));
    const Outcome midHead = parse("HTTP/1.1 200 OK\r\nContent-", 3, true);
    QCOMPARE(midHead.state, ResponseParser::State::Failed);
    QVERIFY(midHead.failure.contains(u"before the answer's headers"_s));
    const Outcome midChunk = parse("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nab", 3, true);
    QCOMPARE(midChunk.state, ResponseParser::State::Failed);
    QVERIFY(midChunk.failure.contains(u"chunked"_s));
}

QTEST_GUILESS_MAIN(TestResponseParser)
#include "TestResponseParser.moc"

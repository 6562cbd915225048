// SPDX-License-Identifier: MIT
// Save and open must give back every byte: method, target, version, headers (order, case,
// duplicates), trailers, body (sha256), raw head and Hookbench's own fields.
#include <QCryptographicHash>
#include <QTemporaryDir>
#include <QTest>

#include "CaptureChecks.h"
#include "har/HarReader.h"
#include "har/HarWriter.h"

using namespace Qt::StringLiterals;

Q_DECLARE_METATYPE(Capture)

namespace {

Capture makeCapture(const QByteArray& method, const QByteArray& target, const HttpHeaders& headers,
                    const QByteArray& body)
{
    Capture capture;
    capture.method = method;
    capture.target = target;
    capture.httpVersion = "HTTP/1.1";
    capture.headers = headers;
    capture.body = body;
    QByteArray head = method + ' ' + target + ' ' + capture.httpVersion + "\r\n";
    for (const HttpHeader& header : headers)
        head += header.first + ": " + header.second + "\r\n";
    capture.rawHead = head + "\r\n";
    capture.peerAddress = u"127.0.0.1"_s;
    capture.peerPort = 50123;
    capture.receivedAt = QDateTime(QDate(2026, 11, 29), QTime(17, 12, 30, 123), Qt::UTC);
    capture.completedAt = capture.receivedAt.addMSecs(7);
    capture.responseStatus = 200;
    return capture;
}

// The captures every test here writes and reads, named; ids follow the order.
QList<std::pair<const char*, Capture>> sampleCaptures()
{
    QList<std::pair<const char*, Capture>> samples;
    auto add = [&samples](const char* name, const Capture& capture) {
        samples.append({name, capture});
    };
    const HttpHeaders json {{"Host", "127.0.0.1:8787"}, {"Content-Type", "application/json"}, {"Content-Length", "27"}};

    add("utf-8 json",
        makeCapture("POST", "/hooks/firm?x=1&y=%20z", json, "{\"a\":\"h\xC3\xA9llo \xE2\x82\xAC\",\"n\":1}\n"));
    add("escapes in text", makeCapture("POST", "/", json, "quote \" backslash \\ tab \t cr \r lf \n \x01\x1f\x7f"));
    add("binary all bytes",
        makeCapture("POST", "/bin", {{"Content-Type", "application/octet-stream"}}, allBytes() + allBytes()));
    add("invalid utf-8", makeCapture("PUT", "/x", {{"content-type", "text/plain"}}, "caf\xE9 \xC3\x28 \xED\xA0\x80"));
    add("nul in utf-8 text", makeCapture("POST", "/nul", json, QByteArray("{\"a\":\"\0\"}", 9)));
    add("only nul", makeCapture("POST", "/nul", {}, QByteArray(1, '\0')));
    add("empty body", makeCapture("GET", "/empty", {{"Host", "example.test"}}, QByteArray()));
    add("duplicate and mixed-case headers",
        makeCapture("POST", "/dup",
                    {{"X-Dup", "1"}, {"x-dup", "2"}, {"X-DUP", "3"}, {"Set-Thing", ""}, {"cOnTeNt-TyPe", "text/plain"}},
                    "a"));
    add("header bytes not utf-8",
        makeCapture("POST", "/h", {{"X-Latin1", "caf\xE9"}, {"X-Ctl", "a\x01b"}, {"X\xFFName", "v"}}, "b"));
    add("target with odd bytes",
        makeCapture("GET", "/a/../b/./c//d?q=\xE2\x82\xAC&r=%zz#frag", {{"Host", "bad host"}}, QByteArray()));
    add("target not utf-8", makeCapture("GET", "/caf\xE9?x=\xFF", {}, QByteArray()));
    add("options star", makeCapture("OPTIONS", "*", {{"Host", "h"}}, QByteArray()));
    add("absolute form", makeCapture("GET", "http://example.test:81/p?q", {}, QByteArray()));
    add("cookies", makeCapture("GET", "/c", {{"Cookie", "a=1; b=2;c"}, {"cookie", "d=\xFF"}}, QByteArray()));
    add("large binary", makeCapture("POST", "/big", {}, QByteArray(3 * 1024 * 1024 + 1, '\x80')));

    Capture malformed = makeCapture("G\xC3\x89T", "/bad path", {{"Host", "x"}}, "partial");
    malformed.malformedReason = u"Invalid method encountered"_s;
    malformed.responseStatus = 400;
    malformed.rawHead = QByteArray("G\xC3\x89T /bad path HTTP/1.1\r\nHost: x\r\n\r\n\x00\xFF", 38);
    add("malformed", malformed);

    Capture chunked
        = makeCapture("POST", "/chunked", {{"Transfer-Encoding", "chunked"}, {"Trailer", "X-Sum"}}, "hello world");
    chunked.trailers = {{"X-Sum", "abc"}, {"X-Bin", "\xFE"}};
    chunked.note = u"note with \"quotes\", ümlauts and a\nnewline"_s;
    add("chunked with trailers and note", chunked);

    Capture http10 = makeCapture("POST", "/old", {}, "x=1");
    http10.httpVersion = "HTTP/1.0";
    http10.responseStatus = 0;
    http10.peerAddress = u"::1"_s;
    http10.peerPort = 1;
    add("http/1.0, no response", http10);

    Capture noTimes = makeCapture("POST", "/t", {}, "y");
    noTimes.receivedAt = QDateTime();
    noTimes.completedAt = QDateTime();
    noTimes.rawHead.clear();
    add("no times, no raw head", noTimes);

    Capture weirdVersion = makeCapture("POST", "/v", {}, "z");
    weirdVersion.httpVersion = "HTTP/\xFF";
    add("version not utf-8", weirdVersion);
    for (qsizetype i = 0; i < samples.size(); ++i)
        samples[i].second.id = i + 1;
    return samples;
}

} // namespace

class TestHarRoundTrip final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void roundTrip_data();
    void roundTrip();
    void manyCapturesThroughFile();
    void emptyFile();
    void committedFileStillReads();
};

void TestHarRoundTrip::roundTrip_data()
{
    QTest::addColumn<Capture>("capture");
    for (const auto& [name, capture] : sampleCaptures())
        QTest::newRow(name) << capture;
}

void TestHarRoundTrip::roundTrip()
{
    QFETCH(Capture, capture);
    const QByteArray har = HarWriter::toBytes({capture});
    const HarExpected<HarLog> log = HarReader::readBytes(har);
    QVERIFY2(log.has_value(), qPrintable(log.has_value() ? QString() : log.error().text()));
    QVERIFY2(log->errors.isEmpty(), qPrintable(log->errors.value(0).text()));
    QCOMPARE(log->creatorName, u"Hookbench"_s);
    QCOMPARE(log->entries.size(), 1);
    const HarEntry& entry = log->entries.first();
    QVERIFY(entry.fromHookbench);
    QVERIFY(entry.bodyKept);
    QVERIFY2(entry.warnings.isEmpty(), qPrintable(entry.warnings.value(0).text()));
    compareCaptures(entry.capture, capture, SameSession::Ignored);

    // Text bodies stay readable for other tools; the others go to _content as base64.
    const bool text = !capture.body.contains('\0') && QString::fromUtf8(capture.body).toUtf8() == capture.body;
    QCOMPARE(har.contains("\"_requestBodyStatus\": \"discarded:not-representable\""), !capture.body.isEmpty() && !text);
    QCOMPARE(har.contains(QByteArray("\"text\": \"" + capture.body.left(8))),
             !capture.body.isEmpty() && text && !capture.body.left(8).contains('"')
                 && !capture.body.left(8).contains('\\') && !capture.body.left(8).contains('\t'));
}

void TestHarRoundTrip::manyCapturesThroughFile()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    QList<Capture> captures;
    for (int i = 0; i < 2000; ++i) {
        QByteArray body = QByteArray::number(i).repeated(i % 50);
        if (i % 3 == 0)
            body += char(0xFF);
        captures.append(
            makeCapture(i % 2 ? "POST" : "PUT", "/n/" + QByteArray::number(i), {{"X-I", QByteArray::number(i)}}, body));
    }
    const QString path = dir.filePath(u"many.har"_s);
    int progressCalls = 0;
    HarWriteOptions options;
    options.progress = [&progressCalls](qint64, qint64) {
        ++progressCalls;
        return true;
    };
    const auto error = HarWriter::writeFile(path, captures, options);
    QVERIFY2(error.has_value(), qPrintable(error.has_value() ? QString() : error.error().text()));
    QVERIFY(progressCalls > 0);
    const HarExpected<HarLog> log = HarReader::readFile(path);
    QVERIFY2(log.has_value(), qPrintable(log.has_value() ? QString() : log.error().text()));
    QCOMPARE(log->errors.size(), 0);
    QCOMPARE(log->entries.size(), captures.size());
    for (int i = 0; i < captures.size(); ++i) {
        QCOMPARE(log->entries[i].index, i);
        compareCaptures(log->entries[i].capture, captures[i], SameSession::Ignored);
    }
}

void TestHarRoundTrip::emptyFile()
{
    const QByteArray har = HarWriter::toBytes({});
    const HarExpected<HarLog> log = HarReader::readBytes(har);
    QVERIFY2(log.has_value(), qPrintable(log.has_value() ? QString() : log.error().text()));
    QCOMPARE(log->entries.size(), 0);
    QCOMPARE(log->errors.size(), 0);
    QCOMPARE(log->creatorVersion, QStringLiteral(HOOKBENCH_VERSION));
}

void TestHarRoundTrip::committedFileStillReads()
{
    // A file written by Hookbench 0.1.0 must keep opening exactly in later versions.
    // HOOKBENCH_WRITE_FIXTURES=1 writes it again (only when the format changes on purpose).
    const QString path = QStringLiteral(HOOKBENCH_TEST_DATA_DIR "/har/hookbench-0.1.0.har");
    QList<Capture> expected;
    for (const auto& [name, capture] : sampleCaptures()) {
        if (capture.body.size() <= 64 * 1024)
            expected.append(capture);
    }
    if (qEnvironmentVariableIsSet("HOOKBENCH_WRITE_FIXTURES")) {
        const auto error = HarWriter::writeFile(path, expected);
        QVERIFY2(error.has_value(), qPrintable(error.has_value() ? QString() : error.error().text()));
    }
    const HarExpected<HarLog> log = HarReader::readFile(path);
    QVERIFY2(log.has_value(), qPrintable(log.has_value() ? QString() : log.error().text()));
    QCOMPARE(log->creatorVersion, u"0.1.0"_s);
    QCOMPARE(log->errors.size(), 0);
    QCOMPARE(log->entries.size(), expected.size());
    for (qsizetype i = 0; i < expected.size(); ++i) {
        QVERIFY(log->entries[i].warnings.isEmpty());
        compareCaptures(log->entries[i].capture, expected[i], SameSession::Ignored);
    }
}

QTEST_GUILESS_MAIN(TestHarRoundTrip)
#include "TestHarRoundTrip.moc"

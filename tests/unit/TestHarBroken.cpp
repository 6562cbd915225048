// SPDX-License-Identifier: MIT
// Broken HAR files never crash or hang; errors name the entry and the field; the good entries load.
#include <QElapsedTimer>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include "har/HarReader.h"
#include "har/HarWriter.h"

using namespace Qt::StringLiterals;

Q_DECLARE_METATYPE(HarErrorCode)

namespace {

Capture sample(int i)
{
    Capture capture;
    capture.id = i;
    capture.method = "POST";
    capture.target = "/hook/" + QByteArray::number(i);
    capture.httpVersion = "HTTP/1.1";
    capture.headers = {{"Host", "127.0.0.1:8787"}, {"Content-Type", "application/json"}};
    capture.body = i % 2 ? QByteArray("{\"n\":") + QByteArray::number(i) + '}' : QByteArray("\x00\x01\xFF", 3);
    capture.rawHead = "POST /hook HTTP/1.1\r\n\r\n";
    capture.receivedAt = QDateTime::fromMSecsSinceEpoch(1700000000000 + i, Qt::UTC);
    capture.completedAt = capture.receivedAt;
    capture.responseStatus = 200;
    return capture;
}

// A valid Hookbench file of two entries whose second entry has one piece replaced.
QByteArray withReplaced(const QByteArray& from, const QByteArray& to)
{
    QByteArray har = HarWriter::toBytes({sample(1), sample(2)});
    const qsizetype at = har.lastIndexOf(from);
    Q_ASSERT(at > har.indexOf("\"_hookbench\""));
    Q_ASSERT(at >= 0);
    return har.replace(at, from.size(), to);
}

} // namespace

class TestHarBroken final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void mixedEntries_data();
    void mixedEntries();
    void broken_data();
    void broken();
    void everyTruncation();
    void twoGigabyteFile();
    void cancel();
    void entriesHandedOver();
    void missingFile();
};

void TestHarBroken::mixedEntries_data()
{
    QTest::addColumn<int>("errorIndex");
    QTest::addColumn<HarErrorCode>("code");
    QTest::addColumn<QString>("text");

    // tests/data/har/mixed-errors.har: entries 0 and 10 are good, each other one is broken in one way.
    QTest::newRow("not an object") << 0 << HarErrorCode::WrongType << u"entry 1: expected an object, found a number"_s;
    QTest::newRow("header value type") << 1 << HarErrorCode::WrongType
                                       << u"entry 2: request.headers[2].value: expected a string, found a number"_s;
    QTest::newRow("missing url") << 2 << HarErrorCode::MissingField << u"entry 3: request.url: missing"_s;
    QTest::newRow("data url") << 3 << HarErrorCode::NotHttp
                              << u"entry 4: request.url: not an HTTP request (data:text/plain;base64,SGVsbG8=)"_s;
    QTest::newRow("invalid base64") << 4 << HarErrorCode::InvalidBase64
                                    << u"entry 5: request._content.text: invalid base64"_s;
    QTest::newRow("websocket") << 5 << HarErrorCode::NotHttp
                               << u"entry 6: request.url: not an HTTP request (ws://127.0.0.1:8787/socket)"_s;
    QTest::newRow("bad method") << 6 << HarErrorCode::NotHttp
                                << u"entry 7: request.method: not an HTTP method (\"GET /x\")"_s;
    QTest::newRow("bad date") << 7 << HarErrorCode::InvalidValue
                              << u"entry 8: startedDateTime: not an ISO 8601 date (\"yesterday\")"_s;
    QTest::newRow("request type") << 8 << HarErrorCode::WrongType
                                  << u"entry 9: request: expected an object, found an array"_s;
    QTest::newRow("headers type") << 9 << HarErrorCode::WrongType
                                  << u"entry 11: request.headers: expected an array, found an object"_s;
}

void TestHarBroken::mixedEntries()
{
    QFETCH(int, errorIndex);
    QFETCH(HarErrorCode, code);
    QFETCH(QString, text);
    const HarExpected<HarLog> log
        = HarReader::readFile(QStringLiteral(HOOKBENCH_TEST_DATA_DIR "/har/mixed-errors.har"));
    QVERIFY2(log.has_value(), qPrintable(log.has_value() ? QString() : log.error().text()));
    QCOMPARE(log->entriesSeen, 12);
    QCOMPARE(log->entries.size(), 2);
    QCOMPARE(log->entries[0].index, 0);
    QCOMPARE(log->entries[0].capture.body, QByteArray("first good entry"));
    QCOMPARE(log->entries[1].index, 10);
    QCOMPARE(log->entries[1].capture.target, QByteArray("/last?good=1"));
    QCOMPARE(log->errors.size(), 10);
    QCOMPARE(log->errors[errorIndex].text(), text);
    QCOMPARE(log->errors[errorIndex].code, code);
}

void TestHarBroken::broken_data()
{
    QTest::addColumn<QByteArray>("data");
    QTest::addColumn<bool>("usable"); // some entries can still be read
    QTest::addColumn<int>("entries");
    QTest::addColumn<HarErrorCode>("code");
    QTest::addColumn<QString>("text"); // the whole-file error, or the first per-entry error

    const QByteArray deep = QByteArray("[").repeated(5000);
    QTest::newRow("empty") << QByteArray() << false << 0 << HarErrorCode::NotHar
                           << u"not a HAR file: the file is empty"_s;
    QTest::newRow("spaces") << QByteArray(" \n\t ") << false << 0 << HarErrorCode::NotHar
                            << u"not a HAR file: the file is empty"_s;
    QTest::newRow("not json") << QByteArray("GET / HTTP/1.1\r\n") << false << 0 << HarErrorCode::NotHar
                              << u"not a HAR file: it does not start with a JSON object"_s;
    QTest::newRow("gzip") << QByteArray("\x1f\x8b\x08\x00", 4) << false << 0 << HarErrorCode::NotHar
                          << u"not a HAR file: it looks compressed (gzip or zlib, like mitmproxy's .zhar)"_s;
    QTest::newRow("zlib (.zhar)") << QByteArray("\x78\x9c\x01") << false << 0 << HarErrorCode::NotHar
                                  << u"not a HAR file: it looks compressed"_s;
    QTest::newRow("byte order mark") << QByteArray("\xEF\xBB\xBF{\"log\": {\"entries\": []}}") << true << 0
                                     << HarErrorCode::Syntax << QString();
    QTest::newRow("array") << QByteArray("[]") << false << 0 << HarErrorCode::NotHar
                           << u"not a HAR file: it does not start with a JSON object"_s;
    QTest::newRow("no log") << QByteArray("{\"foo\": [1, 2, {\"x\": null}]}") << false << 0 << HarErrorCode::NotHar
                            << u"log: not a HAR file: no \"log\" object"_s;
    QTest::newRow("log not an object") << QByteArray("{\"log\": 5}") << false << 0 << HarErrorCode::WrongType
                                       << u"log: expected an object, found a number"_s;
    QTest::newRow("no entries") << QByteArray("{\"log\": {\"version\": \"1.2\"}}") << false << 0
                                << HarErrorCode::MissingField << u"log.entries: missing"_s;
    QTest::newRow("entries not an array")
        << QByteArray("{\"log\": {\"entries\": {}}}") << false << 0 << HarErrorCode::WrongType
        << u"log.entries: expected an array, found an object"_s;
    QTest::newRow("truncated before entries")
        << QByteArray("{\"log\": {\"version\": \"1.") << false << 0 << HarErrorCode::Truncated
        << u"the file ends in the middle of the JSON (truncated?) at line 1, column 24"_s;
    QTest::newRow("syntax error before entries")
        << QByteArray("{\"log\": {\"version\" \"1.2\"}}") << false << 0 << HarErrorCode::Syntax
        << u"expected ':' after a member name at line 1, column 20"_s;
    QTest::newRow("deep nesting in an entry")
        << QByteArray("{\"log\": {\"entries\": [" + deep) << false << 0 << HarErrorCode::TooDeep
        << u"entry 0: JSON nested too deeply at line 1, column 87"_s;
    QTest::newRow("deep nesting elsewhere")
        << QByteArray("{\"log\": {\"pages\": " + deep) << false << 0 << HarErrorCode::TooDeep
        << u"JSON nested too deeply at line 1, column 84"_s;

    const QByteArray good = HarWriter::toBytes({sample(1), sample(2)});
    QTest::newRow("trailing data") << QByteArray(good + "garbage") << true << 2 << HarErrorCode::Syntax
                                   << u"unexpected data after the end of the JSON at line "_s;
    QTest::newRow("truncated in the second entry")
        << good.left(good.lastIndexOf("\"_hookbench\"")) << true << 1 << HarErrorCode::Truncated
        << u"entry 1: the file ends in the middle of the JSON (truncated?)"_s;
    QTest::newRow("truncated after the entries") << good.left(good.lastIndexOf(']') + 1) << true << 2
                                                 << HarErrorCode::Truncated << u"log: the file ends inside \"log\""_s;
    QTest::newRow("invalid escape") << withReplaced("\"POST\"", "\"PO\\qST\"") << true << 1 << HarErrorCode::Syntax
                                    << u"entry 1: invalid escape in a string at line "_s;
    QTest::newRow("raw control character") << withReplaced("\"POST\"", "\"PO\x01ST\"") << true << 1
                                           << HarErrorCode::Syntax << u"entry 1: control character inside a string"_s;
    QTest::newRow("huge number") << withReplaced("\"time\": 0", "\"time\": 1e999999") << true << 2
                                 << HarErrorCode::Syntax << QString();
    QTest::newRow("raw head not base64") << withReplaced("\"rawHead\": \"", "\"rawHead\": \"!!") << true << 1
                                         << HarErrorCode::InvalidBase64
                                         << u"entry 1: _hookbench.rawHead: invalid base64"_s;
    QTest::newRow("body not base64") << withReplaced("\"text\": \"AAH/\"", "\"text\": \"A!H/\"") << true << 1
                                     << HarErrorCode::InvalidBase64
                                     << u"entry 1: request._content.text: invalid base64"_s;
    QTest::newRow("unknown body encoding")
        << withReplaced("\"encoding\": \"base64\"", "\"encoding\": \"rot13\"") << true << 1
        << HarErrorCode::InvalidValue << u"entry 1: request._content.encoding: unknown encoding \"rot13\""_s;
    QTest::newRow("peer port") << withReplaced("\"port\": 0", "\"port\": 70000") << true << 1
                               << HarErrorCode::InvalidValue << u"entry 1: _hookbench.peer.port: not a port number"_s;
    QTest::newRow("received at") << withReplaced("\"receivedAt\": \"", "\"receivedAt\": \"x") << true << 1
                                 << HarErrorCode::InvalidValue
                                 << u"entry 1: _hookbench.receivedAt: not an ISO 8601 date"_s;
    QTest::newRow("header name type") << withReplaced("{\"name\": \"Host\"", "{\"name\": true") << true << 1
                                      << HarErrorCode::WrongType
                                      << u"entry 1: request.headers[0].name: expected a string, found a boolean"_s;
    QTest::newRow("header value missing")
        << withReplaced("\"value\": \"127.0.0.1:8787\"", "\"valu\": \"\"") << true << 1 << HarErrorCode::MissingField
        << u"entry 1: request.headers[0].value: missing"_s;
    QTest::newRow("method type") << withReplaced("\"method\": \"POST\"", "\"method\": null") << true << 1
                                 << HarErrorCode::WrongType
                                 << u"entry 1: request.method: expected a string, found null"_s;
    QTest::newRow("status type") << withReplaced("\"responseStatus\": 200", "\"responseStatus\": \"200\"") << true << 1
                                 << HarErrorCode::WrongType
                                 << u"entry 1: _hookbench.responseStatus: expected a number, found a string"_s;
}

void TestHarBroken::broken()
{
    QFETCH(QByteArray, data);
    QFETCH(bool, usable);
    QFETCH(int, entries);
    QFETCH(HarErrorCode, code);
    QFETCH(QString, text);
    const HarExpected<HarLog> log = HarReader::readBytes(data);
    QCOMPARE(log.has_value(), usable);
    if (!usable) {
        QCOMPARE(log.error().code, code);
        QVERIFY2(log.error().text().startsWith(text), qPrintable(log.error().text()));
        return;
    }
    QCOMPARE(log->entries.size(), entries);
    if (text.isEmpty()) {
        QVERIFY2(log->errors.isEmpty(), qPrintable(log->errors.value(0).text()));
        return;
    }
    QVERIFY(!log->errors.isEmpty());
    QCOMPARE(log->errors.first().code, code);
    QVERIFY2(log->errors.first().text().startsWith(text), qPrintable(log->errors.first().text()));
}

void TestHarBroken::everyTruncation()
{
    // Cut a valid file at every byte: never a crash, never more entries than were whole, always a reason.
    const QByteArray good = HarWriter::toBytes({sample(1), sample(2), sample(3)});
    for (qsizetype cut = 0; cut < good.size(); ++cut) {
        const HarExpected<HarLog> log = HarReader::readBytes(good.left(cut));
        if (!log.has_value()) {
            QVERIFY(!log.error().message.isEmpty());
            continue;
        }
        QVERIFY(log->entries.size() <= 3);
        if (cut < good.size() - 1) // the final newline is optional
            QVERIFY2(!log->errors.isEmpty(), qPrintable(QString::number(cut)));
    }
    const HarExpected<HarLog> whole = HarReader::readBytes(good);
    QVERIFY(whole.has_value());
    QCOMPARE(whole->entries.size(), 3);
}

void TestHarBroken::twoGigabyteFile()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = dir.filePath(u"huge.har"_s);
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write("{\"log\": {\"version\": \"1.2\", \"entries\": [");
    QVERIFY(file.resize(qint64(2) << 30)); // sparse: the rest reads as NUL bytes
    file.close();

    QElapsedTimer timer;
    timer.start();
    // Over the file limit it is refused before anything is read.
    HarReadOptions options;
    options.maxFileBytes = qint64(1) << 30;
    const HarExpected<HarLog> refused = HarReader::readFile(path, options);
    QVERIFY(!refused.has_value());
    QCOMPARE(refused.error().code, HarErrorCode::FileTooLarge);
    QVERIFY2(refused.error().message.contains(u"the file is 2048.0 MiB; HAR files up to 1024.0 MiB can be opened"_s),
             qPrintable(refused.error().message));

    // Under the default limit (64 GiB: a file Hookbench saved must open again) the file is mapped, not read into
    // memory, and fails at the first bad byte.
    const HarExpected<HarLog> streamed = HarReader::readFile(path);
    QVERIFY(!streamed.has_value());
    QCOMPARE(streamed.error().code, HarErrorCode::Syntax);
    QVERIFY2(streamed.error().text().startsWith(u"entry 0: expected a JSON value at line 1, column 40"_s),
             qPrintable(streamed.error().text()));
    QVERIFY2(timer.elapsed() < 5000, qPrintable(QString::number(timer.elapsed())));

    // What is read whole into memory has its own, lower limit.
    HarReadOptions inMemory;
    inMemory.maxInMemoryBytes = 16;
    const HarExpected<HarLog> tooLarge
        = HarReader::readBytes("{\"log\": {\"version\": \"1.2\", \"entries\": []}}", inMemory);
    QVERIFY(!tooLarge.has_value());
    QCOMPARE(tooLarge.error().code, HarErrorCode::FileTooLarge);
}

void TestHarBroken::cancel()
{
    QList<Capture> captures;
    for (int i = 0; i < 1000; ++i)
        captures.append(sample(i));
    const QByteArray har = HarWriter::toBytes(captures);
    int calls = 0;
    HarReadOptions options;
    options.progress = [&calls](qint64 done, qint64 total) {
        Q_ASSERT(done <= total);
        return ++calls < 2;
    };
    const HarExpected<HarLog> log = HarReader::readBytes(har, options);
    QVERIFY(!log.has_value());
    QCOMPARE(log.error().code, HarErrorCode::Canceled);
    QCOMPARE(calls, 2);
}

void TestHarBroken::entriesHandedOver()
{
    // Entries go to the callback as they are read, none are kept; errors are still collected.
    QByteArray har = HarWriter::toBytes({sample(1), sample(2), sample(3), sample(4)});
    const qsizetype method = har.indexOf("\"method\": \"POST\"",
                                         har.indexOf("\"startedDateTime\"", har.indexOf("\"startedDateTime\"") + 1));
    QVERIFY(method > 0);
    har.replace(method, 16, "\"method\": 17   ");
    QList<int> seen;
    HarReadOptions options;
    options.onEntry = [&seen](HarEntry&& entry) {
        seen.append(int(entry.capture.id));
        return true;
    };
    const HarExpected<HarLog> log = HarReader::readBytes(har, options);
    QVERIFY(log.has_value());
    QCOMPARE(seen, (QList<int> {1, 3, 4}));
    QCOMPARE(log->entries.size(), 0);
    QCOMPARE(log->entriesRead, 3);
    QCOMPARE(log->errors.size(), 1);
    QCOMPARE(log->errors.first().text(), u"entry 1: request.method: expected a string, found a number"_s);

    // Returning false stops the reading.
    seen.clear();
    options.onEntry = [&seen](HarEntry&& entry) {
        seen.append(int(entry.capture.id));
        return false;
    };
    const HarExpected<HarLog> stopped = HarReader::readBytes(har, options);
    QVERIFY(!stopped.has_value());
    QCOMPARE(stopped.error().code, HarErrorCode::Canceled);
    QCOMPARE(seen, QList<int> {1});
}

void TestHarBroken::missingFile()
{
    const HarExpected<HarLog> log = HarReader::readFile(u"/nonexistent/dir/file.har"_s);
    QVERIFY(!log.has_value());
    QCOMPARE(log.error().code, HarErrorCode::FileOpen);
    QVERIFY2(log.error().message.startsWith(u"cannot open /nonexistent/dir/file.har: "_s),
             qPrintable(log.error().message));

    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const HarExpected<HarLog> directory = HarReader::readFile(dir.path());
    QVERIFY(!directory.has_value());
    QCOMPARE(directory.error().code, HarErrorCode::FileOpen);
    QVERIFY2(directory.error().message.startsWith(u"cannot open " + dir.path() + u": "),
             qPrintable(directory.error().message));
}

QTEST_GUILESS_MAIN(TestHarBroken)
#include "TestHarBroken.moc"

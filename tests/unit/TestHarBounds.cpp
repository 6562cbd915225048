// SPDX-License-Identifier: MIT
// The HAR reader's bounds: one entry over the node, byte or depth limit is skipped with an error naming
// it while the others are read; the error list is capped, the rest counted; imports report the same.
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include "ExpectedChecks.h"
#include "har/HarReader.h"
#include "har/HarWriter.h"
#include "store/SessionStore.h"
#include "transfer/CaptureFiles.h"

using namespace Qt::StringLiterals;

namespace {

Capture sample(int i)
{
    Capture capture;
    capture.id = i;
    capture.method = "POST";
    capture.target = "/hooks/" + QByteArray::number(i);
    capture.httpVersion = "HTTP/1.1";
    capture.headers = {{"Host", "127.0.0.1:8787"}, {"Content-Type", "application/json"}};
    capture.body = "{\"n\":" + QByteArray::number(i) + "}";
    capture.receivedAt = QDateTime::fromMSecsSinceEpoch(1700000000000 + i, Qt::UTC);
    capture.completedAt = capture.receivedAt;
    capture.responseStatus = 200;
    return capture;
}

// Three good entries with `middle` as a second entry between the first and the others.
QByteArray withMiddleEntry(const QByteArray& middle)
{
    QByteArray har = HarWriter::toBytes({sample(1), sample(2), sample(3)});
    const qsizetype afterFirst = har.indexOf("\n      },") + 9; // after the first entry and its comma
    har.insert(afterFirst, "\n" + middle + ",");
    return har;
}

} // namespace

class TestHarBounds final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void tooManyNodesSkipsOneEntry()
    {
        // 2 bytes of input per node: the shape that built an unbounded tree.
        const QByteArray bomb = "{\"request\": [" + QByteArray("0,").repeated(50000) + "0]}";
        HarReadOptions options;
        options.maxEntryNodes = 10000;
        const HarExpected<HarLog> log = HarReader::readBytes(withMiddleEntry(bomb), options);
        QVERIFY(log);
        QCOMPARE(log->entriesSeen, 4);
        QCOMPARE(log->entriesRead, 3);
        QCOMPARE(log->entries.size(), 3);
        QCOMPARE(log->entries.at(2).capture.target, QByteArray("/hooks/3"));
        QCOMPARE(log->errors.size(), 1);
        QCOMPARE(log->errors.at(0).code, HarErrorCode::EntryTooLarge);
        QCOMPARE(log->errors.at(0).entryIndex, 1);
        QVERIFY2(log->errors.at(0).text().contains(u"10000 values"_s), qPrintable(log->errors.at(0).text()));
    }

    void tooManyBytesSkipsOneEntry()
    {
        const QByteArray big = "{\"request\": {\"x\": \"" + QByteArray(100000, 'a') + "\"}}";
        HarReadOptions options;
        options.maxEntryBytes = 50000;
        const HarExpected<HarLog> log = HarReader::readBytes(withMiddleEntry(big), options);
        QVERIFY(log);
        QCOMPARE(log->entriesRead, 3);
        QCOMPARE(log->errors.size(), 1);
        QCOMPARE(log->errors.at(0).code, HarErrorCode::EntryTooLarge);
        QVERIFY2(log->errors.at(0).text().contains(u"50000 bytes"_s), qPrintable(log->errors.at(0).text()));
    }

    void tooDeepSkipsOneEntryWhenItEnds()
    {
        const QByteArray deep = "{\"request\": " + QByteArray(200, '[') + QByteArray(200, ']') + "}";
        const HarExpected<HarLog> log = HarReader::readBytes(withMiddleEntry(deep));
        QVERIFY(log);
        QCOMPARE(log->entriesRead, 3);
        QCOMPARE(log->errors.size(), 1);
        QCOMPARE(log->errors.at(0).code, HarErrorCode::TooDeep);
        QCOMPARE(log->errors.at(0).entryIndex, 1);
    }

    void errorListIsCapped()
    {
        QByteArray har = "{\"log\": {\"entries\": [";
        for (int i = 0; i < 30; ++i)
            har += "{\"request\": 5},";
        har += "{\"request\": 5}]}}";
        HarReadOptions options;
        options.maxErrors = 10;
        const HarExpected<HarLog> log = HarReader::readBytes(har, options);
        QVERIFY(log);
        QCOMPARE(log->entriesSeen, 31);
        QCOMPARE(log->errors.size(), 10);
        QCOMPARE(log->errorsOmitted, 21);
    }

    void importKeepsTheOtherEntries()
    {
        QTemporaryDir dir;
        const QString harPath = dir.filePath(u"bomb.har"_s);
        QByteArray bomb = "{\"request\": [" + QByteArray("0,").repeated(int(HarJsonParser::defaultMaxNodes)) + "0]}";
        QFile file(harPath);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(withMiddleEntry(bomb));
        file.close();
        const QString storePath = dir.filePath(u"store.sqlite"_s);
        const CaptureFiles::ImportResult result = CaptureFiles::importHar(harPath, storePath, 0, u"bomb"_s);
        QVERIFY(!result.failure);
        QCOMPARE(result.imported, 3);
        QCOMPARE(result.problems.size(), 1);
        QCOMPARE(result.problems.at(0).code, HarErrorCode::EntryTooLarge);
        SessionStore store;
        QVERIFY_EXPECTED(store.open(storePath));
        QCOMPARE(store.captureCount(result.sessionId), 3);
    }
};

QTEST_GUILESS_MAIN(TestHarBounds)
#include "TestHarBounds.moc"

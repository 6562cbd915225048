// SPDX-License-Identifier: MIT
// Replay attempts travel with their capture in HAR (_hookbench.replays): written, read back exactly, and
// carried through export from and import into the session store.
#include <QFile>
#include <QTemporaryDir>
#include <QTest>
#include <QTimeZone>

#include "ExpectedChecks.h"
#include "har/HarEntryConverter.h"
#include "har/HarJsonParser.h"
#include "har/HarReader.h"
#include "har/HarReplays.h"
#include "har/HarWriter.h"
#include "store/ReplayAttemptStore.h"
#include "store/SessionStore.h"
#include "transfer/CaptureFiles.h"

using namespace Qt::StringLiterals;

namespace {

Capture sample()
{
    Capture capture;
    capture.id = 3;
    capture.method = "POST";
    capture.target = "/hook";
    capture.httpVersion = "HTTP/1.1";
    capture.headers = {{"Content-Type", "application/json"}};
    capture.body = "{\"a\":1}";
    capture.receivedAt = QDateTime(QDate(2026, 11, 30), QTime(9, 0), QTimeZone::utc());
    capture.completedAt = capture.receivedAt;
    capture.responseStatus = 200;
    return capture;
}

QList<ReplayAttempt> attempts()
{
    ReplayAttempt ok;
    ok.captureId = 3;
    ok.startedAt = QDateTime(QDate(2026, 11, 30), QTime(10, 0, 0, 250), QTimeZone::utc());
    ok.targetUrl = u"http://127.0.0.1:3000/hook"_s;
    ok.method = "POST";
    ok.status = 201;
    ok.reason = "Created";
    ok.responseHeaders = {{"X-A", "1"}, {"x-a", "2"}};
    ok.responseBody = "{\"stored\":true}";
    ok.responseBodyBytes = ok.responseBody.size();
    ok.durationMs = 12;
    ok.resignedScheme = u"stripe"_s;
    ReplayAttempt binary;
    binary.captureId = 3;
    binary.startedAt = ok.startedAt.addSecs(5);
    binary.targetUrl = u"https://127.0.0.1:3443/"_s;
    binary.method = "POST";
    binary.forwarded = true;
    binary.status = 200;
    binary.responseBody = QByteArray("\x00\xff\x10", 3);
    binary.responseBodyBytes = 2000000; // only the first bytes kept
    binary.durationMs = 40;
    ReplayAttempt failed;
    failed.captureId = 3;
    failed.startedAt = ok.startedAt.addSecs(9);
    failed.targetUrl = u"http://127.0.0.1:1/"_s;
    failed.method = "POST";
    failed.errorKind = ReplayErrorKind::ConnectionRefused;
    failed.errorMessage = u"nothing listens on 127.0.0.1:1"_s;
    return {ok, binary, failed};
}

void compareAttempts(const QList<ReplayAttempt>& actual, const QList<ReplayAttempt>& expected)
{
    QCOMPARE(actual.size(), expected.size());
    for (qsizetype i = 0; i < actual.size(); ++i) {
        const ReplayAttempt& a = actual.at(i);
        const ReplayAttempt& e = expected.at(i);
        QCOMPARE(a.startedAt, e.startedAt);
        QCOMPARE(a.targetUrl, e.targetUrl);
        QCOMPARE(a.method, e.method);
        QCOMPARE(a.forwarded, e.forwarded);
        QCOMPARE(a.resignedScheme, e.resignedScheme);
        QCOMPARE(a.status, e.status);
        QCOMPARE(a.reason, e.reason);
        QCOMPARE(a.responseHeaders, e.responseHeaders);
        QCOMPARE(a.responseBody, e.responseBody);
        QCOMPARE(a.responseBodyBytes, e.responseBodyBytes);
        QCOMPARE(a.durationMs, e.durationMs);
        QCOMPARE(a.errorKind, e.errorKind);
        QCOMPARE(a.errorMessage, e.errorMessage);
    }
}

} // namespace

class TestHarReplays final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void roundTripInMemory();
    void entriesWithoutAttemptsHaveNone();
    void badAttemptIsNamed();
    void convertersFailWithTheirCode();
    void exportAndImportThroughTheStore();
};

void TestHarReplays::roundTripInMemory()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(u"a.har"_s);
    HarWriter writer(path);
    QVERIFY_EXPECTED(writer.open());
    QVERIFY_EXPECTED(writer.add(sample(), attempts()));
    QVERIFY_EXPECTED(writer.commit());
    const HarExpected<HarLog> log = HarReader::readFile(path);
    QVERIFY(log);
    QCOMPARE(log->entries.size(), 1);
    QVERIFY(log->errors.isEmpty());
    compareAttempts(log->entries.first().replayAttempts, attempts());
}

void TestHarReplays::entriesWithoutAttemptsHaveNone()
{
    const QByteArray bytes = HarWriter::toBytes({sample()});
    QVERIFY(!bytes.contains("\"replays\""));
    const HarExpected<HarLog> log = HarReader::readBytes(bytes);
    QVERIFY(log);
    QVERIFY(log->entries.first().replayAttempts.isEmpty());
}

void TestHarReplays::badAttemptIsNamed()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(u"a.har"_s);
    HarWriter writer(path);
    QVERIFY_EXPECTED(writer.open());
    QVERIFY_EXPECTED(writer.add(sample(), attempts()));
    QVERIFY_EXPECTED(writer.commit());
    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadOnly));
    QByteArray bytes = file.readAll();
    QVERIFY(bytes.contains("\"status\":201"));
    bytes.replace("\"status\":201", "\"status\":\"201\"");
    const HarExpected<HarLog> log = HarReader::readBytes(bytes);
    QVERIFY(log);
    QVERIFY(log->entries.isEmpty());
    QCOMPARE(log->errors.size(), 1);
    QCOMPARE(log->errors.first().field, u"_hookbench.replays[0].status"_s);
    QCOMPARE(log->errors.first().code, HarErrorCode::InvalidValue);
}

void TestHarReplays::convertersFailWithTheirCode()
{
    const QByteArray replays = R"([{"startedAt":"2026-11-30T10:00:00.250Z","status":201},)"
                               R"({"headers":[{"name":"X-A","value":1}]}])";
    HarJsonParser replaysJson(replays.constData(), replays.size());
    qint32 root = -1;
    QVERIFY(!replaysJson.parseValue(root));
    const HarExpected<QList<ReplayAttempt>> attempts = HarReplays::read(replaysJson, root, 4);
    QVERIFY_FAILS_WITH(attempts, HarErrorCode::InvalidValue);
    QCOMPARE(attempts.error().entryIndex, 4);
    QCOMPARE(attempts.error().field, u"_hookbench.replays[1].headers[0].value"_s);
    QCOMPARE(attempts.error().message, u"expected a string"_s);
    const QByteArray object = "{}";
    HarJsonParser objectJson(object.constData(), object.size());
    QVERIFY(!objectJson.parseValue(root));
    QVERIFY_FAILS_WITH(HarReplays::read(objectJson, root, 4), HarErrorCode::WrongType);

    const QByteArray entry = R"({"request":{"method":"POST","url":"http://127.0.0.1/hook"},)"
                             R"("_hookbench":{"replays":[{"status":201}]}})";
    HarJsonParser entryJson(entry.constData(), entry.size());
    QVERIFY(!entryJson.parseValue(root));
    const HarExpected<HarEntry> converted = convertHarEntry(entryJson, 2, root);
    QVERIFY_EXPECTED(converted);
    QCOMPARE(converted->index, 2);
    QCOMPARE(converted->capture.target, QByteArray("/hook"));
    QCOMPARE(converted->replayAttempts.size(), 1);
    QCOMPARE(converted->replayAttempts.first().status, 201);
    const QByteArray noRequest = R"({"startedDateTime":"2026-11-30T10:00:00Z"})";
    HarJsonParser noRequestJson(noRequest.constData(), noRequest.size());
    QVERIFY(!noRequestJson.parseValue(root));
    const HarExpected<HarEntry> missing = convertHarEntry(noRequestJson, 2, root);
    QVERIFY_FAILS_WITH(missing, HarErrorCode::MissingField);
    QCOMPARE(missing.error().entryIndex, 2);
    QCOMPARE(missing.error().field, u"request"_s);
}

void TestHarReplays::exportAndImportThroughTheStore()
{
    QTemporaryDir dir;
    const QString storePath = dir.filePath(u"s.sqlite"_s);
    QList<qint64> ids;
    {
        SessionStore store;
        QVERIFY_EXPECTED(store.open(storePath));
        const qint64 session = *store.createSession(u"s"_s);
        Capture capture = sample();
        capture.id = 0;
        capture.sessionId = session;
        QList<Capture> batch {capture, capture}; // the second one never replayed
        QVERIFY_EXPECTED(store.append(batch));
        ids.append(batch.first().id);
        ids.append(batch.last().id);
        QList<ReplayAttempt> list = attempts();
        for (ReplayAttempt& attempt : list)
            attempt.captureId = batch.first().id;
        QVERIFY_EXPECTED(ReplayAttemptStore(store).add(list));
    }
    const QString harPath = dir.filePath(u"out.har"_s);
    const CaptureFiles::ExportResult exported = CaptureFiles::exportHar(harPath, storePath, ids);
    QVERIFY(!exported.failure);
    QCOMPARE(exported.written, 2);

    const QString otherStore = dir.filePath(u"other.sqlite"_s);
    const CaptureFiles::ImportResult imported = CaptureFiles::importHar(harPath, otherStore, 0, u"in"_s);
    QVERIFY(!imported.failure);
    QCOMPARE(imported.imported, 2);
    SessionStore store;
    QVERIFY_EXPECTED(store.open(otherStore));
    const QList<qint64> importedIds = store.captureIds(imported.sessionId);
    QCOMPARE(importedIds.size(), 2);
    const QList<ReplayAttempt> back = ReplayAttemptStore(store).attempts(importedIds.first());
    compareAttempts(back, attempts());
    QCOMPARE(back.first().captureId, importedIds.first());
    QVERIFY(ReplayAttemptStore(store).attempts(importedIds.last()).isEmpty());
}

QTEST_GUILESS_MAIN(TestHarReplays)
#include "TestHarReplays.moc"

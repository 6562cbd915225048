// SPDX-License-Identifier: MIT
// Replay attempts kept with their capture: stored, read back, gone with the session, and a store written
// before attempts existed (version 1) migrated forward when opened.
#include <QFile>
#include <QTemporaryDir>
#include <QTest>
#include <QTimeZone>

#include <sqlite3.h>

#include "ExpectedChecks.h"
#include "core/ReplayAttempt.h"
#include "store/ReplayAttemptStore.h"
#include "store/SessionStore.h"

using namespace Qt::StringLiterals;

namespace {

Capture makeCapture(qint64 sessionId)
{
    Capture capture;
    capture.sessionId = sessionId;
    capture.method = "POST";
    capture.target = "/hook";
    capture.httpVersion = "HTTP/1.1";
    capture.headers = {{"Content-Type", "application/json"}};
    capture.body = "{\"a\":1}";
    capture.receivedAt = QDateTime::currentDateTimeUtc();
    capture.completedAt = capture.receivedAt;
    capture.responseStatus = 200;
    return capture;
}

bool execSql(const QString& path, const char* sql, QString* value = nullptr)
{
    sqlite3* db = nullptr;
    if (sqlite3_open_v2(QFile::encodeName(path).constData(), &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nullptr)
        != SQLITE_OK) {
        sqlite3_close(db);
        return false;
    }
    bool ok = true;
    if (value) {
        sqlite3_stmt* statement = nullptr;
        ok = sqlite3_prepare_v2(db, sql, -1, &statement, nullptr) == SQLITE_OK && sqlite3_step(statement) == SQLITE_ROW;
        if (ok)
            *value = QString::fromUtf8(reinterpret_cast<const char*>(sqlite3_column_text(statement, 0)));
        sqlite3_finalize(statement);
    } else {
        ok = sqlite3_exec(db, sql, nullptr, nullptr, nullptr) == SQLITE_OK;
    }
    sqlite3_close(db);
    return ok;
}

// The version 1 schema exactly as Hookbench 0.1 wrote it.
const char* const version1Sql = R"sql(
CREATE TABLE sessions (id INTEGER PRIMARY KEY, name TEXT NOT NULL, created_at INTEGER NOT NULL);
CREATE TABLE captures (
    id INTEGER PRIMARY KEY,
    session_id INTEGER NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
    received_at INTEGER NOT NULL, completed_at INTEGER NOT NULL, method BLOB NOT NULL, target BLOB NOT NULL,
    http_version BLOB NOT NULL, headers BLOB NOT NULL, trailers BLOB NOT NULL, raw_head BLOB NOT NULL,
    body BLOB NOT NULL, body_size INTEGER NOT NULL, peer_address TEXT NOT NULL, peer_port INTEGER NOT NULL,
    malformed TEXT NOT NULL, response_status INTEGER NOT NULL, note TEXT NOT NULL DEFAULT '');
CREATE INDEX captures_by_session ON captures(session_id, id);
INSERT INTO sessions (id, name, created_at) VALUES (1, 'old', 0);
INSERT INTO captures VALUES (7, 1, 0, 0, 'POST', '/old', 'HTTP/1.1', x'00000000', x'00000000', '', '{}', 2,
                             '127.0.0.1', 1, '', 200, '');
PRAGMA user_version=1;
)sql";

} // namespace

class TestReplayAttemptStore final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void storesAndReadsAttempts();
    void attemptsGoWithTheirSession();
    void migratesVersion1Forward();
    void refusesANewerStore();
};

void TestReplayAttemptStore::storesAndReadsAttempts()
{
    QTemporaryDir dir;
    SessionStore store;
    QVERIFY_EXPECTED(store.open(dir.filePath(u"s.sqlite"_s)));
    const qint64 session = *store.createSession(u"s"_s);
    QList<Capture> captures {makeCapture(session)};
    QVERIFY_EXPECTED(store.append(captures));

    ReplayAttemptStore attempts(store);
    ReplayAttempt first;
    first.captureId = captures.first().id;
    first.startedAt = QDateTime(QDate(2026, 11, 30), QTime(10, 0, 0, 123), QTimeZone::utc());
    first.targetUrl = u"http://127.0.0.1:3000/hook"_s;
    first.method = "POST";
    first.status = 201;
    first.reason = "Created";
    first.responseHeaders = {{"X-B", "2"}, {"x-a", "1"}, {"X-B", "3"}};
    first.responseBody = QByteArray("\x00\x01body", 6);
    first.responseBodyBytes = 5000000;
    first.durationMs = 42;
    first.resignedScheme = u"stripe"_s;
    QVERIFY_EXPECTED(attempts.add(first));
    QVERIFY(first.id > 0);
    ReplayAttempt second;
    second.captureId = first.captureId;
    second.startedAt = first.startedAt.addSecs(1);
    second.targetUrl = u"https://127.0.0.1:1/"_s;
    second.method = "POST";
    second.forwarded = true;
    second.errorKind = ReplayErrorKind::Tls;
    second.errorMessage = u"The certificate is self-signed, and untrusted"_s;
    QVERIFY_EXPECTED(attempts.add(second));

    QCOMPARE(attempts.count(first.captureId), 2);
    const QList<ReplayAttempt> back = attempts.attempts(first.captureId);
    QCOMPARE(back.size(), 2);
    QCOMPARE(back.at(0).id, first.id);
    QCOMPARE(back.at(0).startedAt, first.startedAt);
    QCOMPARE(back.at(0).status, 201);
    QCOMPARE(back.at(0).reason, QByteArray("Created"));
    QCOMPARE(back.at(0).responseHeaders, first.responseHeaders);
    QCOMPARE(back.at(0).responseBody, first.responseBody);
    QCOMPARE(back.at(0).responseBodyBytes, 5000000);
    QVERIFY(back.at(0).bodyTruncated());
    QCOMPARE(back.at(0).durationMs, 42);
    QCOMPARE(back.at(0).resignedScheme, u"stripe"_s);
    QVERIFY(!back.at(0).forwarded);
    QVERIFY(back.at(1).forwarded);
    QCOMPARE(back.at(1).errorKind, ReplayErrorKind::Tls);
    QCOMPARE(back.at(1).errorMessage, second.errorMessage);
    QCOMPARE(back.at(1).status, 0);
}

void TestReplayAttemptStore::attemptsGoWithTheirSession()
{
    QTemporaryDir dir;
    SessionStore store;
    QVERIFY_EXPECTED(store.open(dir.filePath(u"s.sqlite"_s)));
    const qint64 session = *store.createSession(u"s"_s);
    QList<Capture> captures {makeCapture(session)};
    QVERIFY_EXPECTED(store.append(captures));
    ReplayAttemptStore attempts(store);
    ReplayAttempt attempt;
    attempt.captureId = captures.first().id;
    attempt.status = 200;
    QVERIFY_EXPECTED(attempts.add(attempt));
    QVERIFY_EXPECTED(store.deleteSession(session));
    QCOMPARE(attempts.count(captures.first().id), 0);
}

void TestReplayAttemptStore::migratesVersion1Forward()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(u"old.sqlite"_s);
    QVERIFY(execSql(path, version1Sql));
    QString version;
    QVERIFY(execSql(path, "PRAGMA user_version", &version));
    QCOMPARE(version, u"1"_s);

    SessionStore store;
    QVERIFY_EXPECTED(store.open(path));
    QVERIFY(execSql(path, "PRAGMA user_version", &version));
    QCOMPARE(version, QString::number(SessionStore::currentSchemaVersion));
    // The old capture is still there and can now have attempts.
    QVERIFY(store.capture(7).has_value());
    ReplayAttemptStore attempts(store);
    ReplayAttempt attempt;
    attempt.captureId = 7;
    attempt.status = 204;
    QVERIFY_EXPECTED(attempts.add(attempt));
    QCOMPARE(attempts.attempts(7).size(), 1);
    store.close();
    // Opening again (already at the current version) keeps them.
    QVERIFY_EXPECTED(store.open(path));
    QCOMPARE(ReplayAttemptStore(store).count(7), 1);
}

void TestReplayAttemptStore::refusesANewerStore()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(u"new.sqlite"_s);
    QVERIFY(execSql(path, "PRAGMA user_version=99;"));
    SessionStore store;
    const Expected<void> error = store.open(path);
    QVERIFY_FAILS_WITH(error, Error::Code::StoreNewer);
    QVERIFY2(error.error().message.contains(u"newer Hookbench"_s), qPrintable(error.error().message));
    QVERIFY(!store.isOpen());
}

QTEST_GUILESS_MAIN(TestReplayAttemptStore)
#include "TestReplayAttemptStore.moc"

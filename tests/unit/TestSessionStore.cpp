// SPDX-License-Identifier: MIT
// The session store keeps every field of a capture exactly, writes a batch all or nothing, and runs in
// WAL mode so that a reader (the window) never blocks the writer (the endpoint).
#include <QFile>
#include <QFileInfo>
#include <QTemporaryDir>
#include <QTest>
#include <QTimeZone>
#include <cerrno>
#include <cstring>

#include <sqlite3.h>

#include "CaptureChecks.h"
#include "ExpectedChecks.h"
#include "StoreFixtures.h"
#include "store/SessionStore.h"
#include "store/StoreErrors.h"

using namespace Qt::StringLiterals;

Q_DECLARE_METATYPE(Capture)

namespace {

using StoreFixtures::post;
using StoreFixtures::query;

} // namespace

class TestSessionStore final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();

    void opensAndCreatesFolders();
    void openFailsWithAMessage();
    void walModeIsOn();
    void appendAssignsIncreasingIds();
    void appendIsAllOrNothing();
    void appendOnClosedStoreFails();
    void ioErrorNamesTheSystemError();
    void roundTripsEveryField_data();
    void roundTripsEveryField();
    void unknownCaptureIsEmpty();
    void summariesOfOneSession();
    void sessionsCountCapturesAndBytes();
    void deleteSessionCascades();
    void reopenKeepsData();
    void secondConnectionSeesCommittedCaptures();
    void setNote();

private:
    QString m_path;
    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<SessionStore> m_store;
    qint64 m_session = 0;
};

void TestSessionStore::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    m_path = m_dir->filePath(u"sessions.sqlite"_s);
    m_store = std::make_unique<SessionStore>();
    QVERIFY_EXPECTED(m_store->open(m_path));
    const Expected<qint64> session = m_store->createSession(u"test"_s);
    QVERIFY_EXPECTED(session);
    m_session = *session;
}

void TestSessionStore::cleanup()
{
    m_store.reset();
    m_dir.reset();
}

void TestSessionStore::opensAndCreatesFolders()
{
    const QString path = m_dir->filePath(u"a/b/c/store.sqlite"_s);
    SessionStore store;
    QVERIFY(!store.isOpen());
    const Expected<void> error = store.open(path);
    QVERIFY_EXPECTED(error);
    QVERIFY(store.isOpen());
    QCOMPARE(store.path(), path);
    QVERIFY(QFileInfo::exists(path));
    QVERIFY(store.sessions().isEmpty());
    QVERIFY(!store.latestSessionId());

    const Expected<qint64> first = store.createSession(u"first"_s);
    const Expected<qint64> second = store.createSession(u"second"_s);
    QVERIFY(first && second);
    QVERIFY(*second > *first);
    QCOMPARE(store.latestSessionId(), std::optional<qint64>(*second));

    store.close();
    QVERIFY(!store.isOpen());
    QVERIFY(store.path().isEmpty());
}

void TestSessionStore::openFailsWithAMessage()
{
    // The parent "folder" is a file: neither the folder nor the database can be created.
    const QString blocker = m_dir->filePath(u"not-a-folder"_s);
    QFile file(blocker);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.close();

    SessionStore store;
    const Expected<void> error = store.open(blocker + u"/store.sqlite"_s);
    QVERIFY_FAILS_WITH(error, Error::Code::StoreCannotOpen);
    QVERIFY2(error.error().message.contains(u"not-a-folder"_s), qPrintable(error.error().message));
    QVERIFY(!store.isOpen());

    // A file that is not a database.
    const QString garbage = m_dir->filePath(u"garbage.sqlite"_s);
    QFile garbageFile(garbage);
    QVERIFY(garbageFile.open(QIODevice::WriteOnly));
    garbageFile.write(QByteArray(4096, 'x'));
    garbageFile.close();
    const Expected<void> notADatabase = store.open(garbage);
    QVERIFY_FAILS_WITH(notADatabase, Error::Code::StoreCorrupt);
    QVERIFY2(notADatabase.error().message.contains(u"garbage.sqlite"_s), qPrintable(notADatabase.error().message));
    QVERIFY(!store.isOpen());
}

void TestSessionStore::walModeIsOn()
{
    QList<Capture> batch {post(m_session, "/wal")};
    QVERIFY_EXPECTED(m_store->append(batch));
    QCOMPARE(query(m_path, "PRAGMA journal_mode"), u"wal"_s);
    // While the writer is open its log sits beside the database.
    QVERIFY(QFileInfo::exists(m_path + u"-wal"_s));
    QCOMPARE(query(m_path, "PRAGMA user_version"), QString::number(SessionStore::currentSchemaVersion));
}

void TestSessionStore::appendAssignsIncreasingIds()
{
    QList<Capture> batch;
    for (int i = 0; i < 500; ++i)
        batch.append(post(m_session, "/n/" + QByteArray::number(i)));
    const Expected<void> error = m_store->append(batch);
    QVERIFY_EXPECTED(error);
    for (qsizetype i = 0; i < batch.size(); ++i) {
        QVERIFY(batch.at(i).id > 0);
        if (i > 0)
            QCOMPARE(batch.at(i).id, batch.at(i - 1).id + 1);
    }
    QCOMPARE(m_store->captureCount(m_session), 500);
    QCOMPARE(m_store->capture(batch.at(123).id)->target, QByteArray("/n/123"));

    QList<Capture> next {post(m_session, "/later")};
    QVERIFY_EXPECTED(m_store->append(next));
    QVERIFY(next.first().id > batch.last().id);

    QList<Capture> empty;
    QVERIFY_EXPECTED(m_store->append(empty));
    QCOMPARE(m_store->captureCount(m_session), 501);
}

void TestSessionStore::appendIsAllOrNothing()
{
    QList<Capture> before {post(m_session, "/before")};
    QVERIFY_EXPECTED(m_store->append(before));

    // The middle capture names a session that does not exist: the foreign key refuses it, and with it
    // the whole batch.
    QList<Capture> batch {post(m_session, "/a"), post(m_session + 1000, "/orphan"), post(m_session, "/c")};
    const Expected<void> error = m_store->append(batch);
    QVERIFY_FAILS_WITH(error, Error::Code::StoreRefused);
    QVERIFY2(error.error().message.contains(u"FOREIGN KEY"_s, Qt::CaseInsensitive), qPrintable(error.error().message));
    for (const Capture& capture : batch)
        QCOMPARE(capture.id, 0);
    QCOMPARE(m_store->captureIds(m_session), QList<qint64> {before.first().id});

    // A refusal decided inside the database (a trigger, as another tool could install) is all or nothing
    // too, and the store keeps working afterwards.
    QCOMPARE(query(m_path,
                   "CREATE TRIGGER refuse_poison BEFORE INSERT ON captures WHEN CAST(NEW.target AS TEXT) = '/poison' "
                   "BEGIN SELECT RAISE(ABORT, 'poison refused'); END"),
             QString());
    QList<Capture> poisoned {post(m_session, "/a"), post(m_session, "/b"), post(m_session, "/poison")};
    const Expected<void> refused = m_store->append(poisoned);
    QVERIFY_FAILS_WITH(refused, Error::Code::StoreRefused);
    QVERIFY2(refused.error().message.contains(u"poison refused"_s), qPrintable(refused.error().message));
    for (const Capture& capture : poisoned)
        QCOMPARE(capture.id, 0);
    QCOMPARE(m_store->captureCount(m_session), 1);

    QList<Capture> after {post(m_session, "/a"), post(m_session, "/c")};
    const Expected<void> afterError = m_store->append(after);
    QVERIFY_EXPECTED(afterError);
    QCOMPARE(m_store->captureIds(m_session), (QList<qint64> {before.first().id, after.at(0).id, after.at(1).id}));
}

void TestSessionStore::appendOnClosedStoreFails()
{
    SessionStore store;
    QList<Capture> batch {post(1, "/closed")};
    const Expected<void> error = store.append(batch);
    QVERIFY_FAILS_WITH(error, Error::Code::StoreNotOpen);
    QVERIFY(!error.error().message.isEmpty());
    QCOMPARE(batch.first().id, 0);
}

// SQLite says only "disk I/O error" when a write fails; the system's errno tells the kind and the words.
void TestSessionStore::ioErrorNamesTheSystemError()
{
    const Error readOnly = StoreErrors::fromSqlite(SQLITE_IOERR_WRITE, u"disk I/O error"_s, EROFS);
    QCOMPARE(readOnly.code, Error::Code::StoreReadOnly);
    QCOMPARE(readOnly.message, u"disk I/O error (%1)"_s.arg(QString::fromLocal8Bit(std::strerror(EROFS))));
    const Error full = StoreErrors::fromSqlite(SQLITE_IOERR_FSYNC, u"disk I/O error"_s, ENOSPC);
    QCOMPARE(full.code, Error::Code::StoreFull);
    QVERIFY(full.message.endsWith(u"(%1)"_s.arg(QString::fromLocal8Bit(std::strerror(ENOSPC)))));
    const Error unknown = StoreErrors::fromSqlite(SQLITE_IOERR_READ, u"disk I/O error"_s, 0);
    QCOMPARE(unknown.code, Error::Code::StoreFailed);
    QCOMPARE(unknown.message, u"disk I/O error"_s);
}

void TestSessionStore::roundTripsEveryField_data()
{
    QTest::addColumn<Capture>("capture");

    QTest::newRow("plain json") << post(0, "/hooks/firm?x=1&y=%20z", R"({"a":1})");

    Capture binary = post(0, "/bin", QByteArray("\0\0\x01NUL\0inside\0", 15) + allBytes() + allBytes());
    binary.headers = {{"Content-Type", "application/octet-stream"}};
    QTest::newRow("binary body with NUL bytes") << binary;

    Capture empty = post(0, "/empty", QByteArray());
    empty.method = "GET";
    empty.headers = {};
    empty.rawHead = "GET /empty HTTP/1.1\r\n\r\n";
    QTest::newRow("empty body, no headers") << empty;

    Capture headers = post(0, "/headers");
    headers.headers = {{"X-Dup", "1"},
                       {"x-dup", "2"},
                       {"X-DUP", "3"},
                       {"Zeta", "last-sorted-first"},
                       {"alpha", "first-sorted-last"},
                       {"X-Empty", ""},
                       {"X-Bytes", "caf\xC3\xA9 \xFF\x01"}};
    QTest::newRow("header duplicates, case, order, empty and non-UTF-8 values") << headers;

    Capture chunked = post(0, "/chunked", "hello world");
    chunked.headers = {{"Transfer-Encoding", "chunked"}, {"Trailer", "X-Checksum, X-Other"}};
    chunked.trailers = {{"X-Checksum", "abc"}, {"x-other", "1"}, {"X-Checksum", "again"}};
    QTest::newRow("trailers") << chunked;

    Capture malformed = post(0, "/bad", QByteArray());
    malformed.httpVersion = {};
    malformed.rawHead = "POST /bad HTTP/1.1\r\nBad Name: v\r\n";
    malformed.malformedReason = u"header section: invalid character 0x20 in field name \"Bad Name\""_s;
    malformed.responseStatus = 400;
    QTest::newRow("malformed") << malformed;

    Capture unanswered = post(0, "/cut", "partial");
    unanswered.malformedReason = u"connection closed after 7 bytes of the body (93 more were announced)"_s;
    unanswered.responseStatus = 0;
    QTest::newRow("closed without answer") << unanswered;

    Capture ipv6 = post(0, "/v6");
    ipv6.peerAddress = u"::1"_s;
    ipv6.peerPort = 65535;
    ipv6.note = u"naïve note — ✓"_s;
    ipv6.receivedAt = QDateTime(QDate(1999, 12, 31), QTime(23, 59, 59, 999), QTimeZone::utc());
    ipv6.completedAt = QDateTime(QDate(2000, 1, 1), QTime(0, 0, 0, 1), QTimeZone::utc());
    QTest::newRow("ipv6 peer, note, times across a year") << ipv6;

    Capture large = post(0, "/large");
    large.body = QByteArray(3 * 1024 * 1024, '\0');
    for (qsizetype i = 0; i < large.body.size(); i += 4093)
        large.body[i] = char(i % 251);
    QTest::newRow("3 MiB body") << large;
}

void TestSessionStore::roundTripsEveryField()
{
    QFETCH(Capture, capture);
    capture.sessionId = m_session;
    QList<Capture> batch {capture};
    const Expected<void> error = m_store->append(batch);
    QVERIFY_EXPECTED(error);
    capture.id = batch.first().id;
    QVERIFY(capture.id > 0);

    const std::optional<Capture> stored = m_store->capture(capture.id);
    QVERIFY(stored);
    compareCaptures(*stored, capture);
    QCOMPARE(stored->bodySha256Hex(), capture.bodySha256Hex());

    // And again from a fresh connection, as the window would read it.
    SessionStore reader;
    QVERIFY_EXPECTED(reader.open(m_path));
    const std::optional<Capture> reread = reader.capture(capture.id);
    QVERIFY(reread);
    compareCaptures(*reread, capture);
}

void TestSessionStore::unknownCaptureIsEmpty()
{
    QVERIFY(!m_store->capture(424242));
    QVERIFY(m_store->summaries(m_session + 1000).isEmpty());
    QCOMPARE(m_store->captureCount(m_session + 1000), 0);
}

void TestSessionStore::summariesOfOneSession()
{
    const Expected<qint64> other = m_store->createSession(u"other"_s);
    QVERIFY(other);
    Capture first = post(m_session, "/one?q=1", "12345");
    Capture foreign = post(*other, "/elsewhere");
    Capture bad = post(m_session, "/two", QByteArray());
    bad.method = "PUT";
    bad.malformedReason = u"broken"_s;
    bad.responseStatus = 400;
    QList<Capture> batch {first, foreign, bad};
    QVERIFY_EXPECTED(m_store->append(batch));

    const QList<CaptureSummary> summaries = m_store->summaries(m_session);
    QCOMPARE(summaries.size(), 2);
    QCOMPARE(summaries.at(0).id, batch.at(0).id);
    QCOMPARE(summaries.at(0).method, QByteArray("POST"));
    QCOMPARE(summaries.at(0).target, QByteArray("/one?q=1"));
    QCOMPARE(summaries.at(0).bodyBytes, 5);
    QCOMPARE(summaries.at(0).responseStatus, 200);
    QCOMPARE(summaries.at(0).receivedAt, first.receivedAt);
    QVERIFY(!summaries.at(0).malformed);
    QCOMPARE(summaries.at(1).id, batch.at(2).id);
    QCOMPARE(summaries.at(1).method, QByteArray("PUT"));
    QCOMPARE(summaries.at(1).bodyBytes, 0);
    QCOMPARE(summaries.at(1).responseStatus, 400);
    QVERIFY(summaries.at(1).malformed);

    // The summary read back equals the one made from the capture in memory.
    Capture stored = batch.at(2);
    const CaptureSummary fromMemory = CaptureSummary::of(stored);
    QCOMPARE(summaries.at(1).id, fromMemory.id);
    QCOMPARE(summaries.at(1).malformed, fromMemory.malformed);
    QCOMPARE(summaries.at(1).bodyBytes, fromMemory.bodyBytes);

    QCOMPARE(m_store->captureIds(m_session), (QList<qint64> {batch.at(0).id, batch.at(2).id}));
    QCOMPARE(m_store->captureIds(*other), QList<qint64> {batch.at(1).id});
}

void TestSessionStore::sessionsCountCapturesAndBytes()
{
    const Expected<qint64> second = m_store->createSession(u"second session"_s);
    const Expected<qint64> empty = m_store->createSession(u"empty"_s);
    QVERIFY(second && empty);
    QList<Capture> batch {post(m_session, "/a", "abc"), post(m_session, "/b", "defgh"),
                          post(*second, "/c", QByteArray(1000, 'z'))};
    QVERIFY_EXPECTED(m_store->append(batch));

    const QList<SessionInfo> sessions = m_store->sessions();
    QCOMPARE(sessions.size(), 3);
    // Newest first.
    QCOMPARE(sessions.at(0).id, *empty);
    QCOMPARE(sessions.at(0).name, u"empty"_s);
    QCOMPARE(sessions.at(0).captureCount, 0);
    QCOMPARE(sessions.at(0).bodyBytes, 0);
    QCOMPARE(sessions.at(1).id, *second);
    QCOMPARE(sessions.at(1).name, u"second session"_s);
    QCOMPARE(sessions.at(1).captureCount, 1);
    QCOMPARE(sessions.at(1).bodyBytes, 1000);
    QCOMPARE(sessions.at(2).id, m_session);
    QCOMPARE(sessions.at(2).captureCount, 2);
    QCOMPARE(sessions.at(2).bodyBytes, 8);
    const QDateTime now = QDateTime::currentDateTimeUtc();
    for (const SessionInfo& info : sessions) {
        QVERIFY(info.createdAt.isValid());
        QVERIFY(qAbs(info.createdAt.secsTo(now)) < 600);
    }
}

void TestSessionStore::deleteSessionCascades()
{
    const Expected<qint64> keep = m_store->createSession(u"keep"_s);
    QVERIFY(keep);
    QList<Capture> batch {post(m_session, "/gone-1"), post(m_session, "/gone-2"), post(*keep, "/kept")};
    QVERIFY_EXPECTED(m_store->append(batch));

    QVERIFY_EXPECTED(m_store->deleteSession(m_session));
    QVERIFY(!m_store->capture(batch.at(0).id));
    QVERIFY(!m_store->capture(batch.at(1).id));
    QVERIFY(m_store->capture(batch.at(2).id));
    QCOMPARE(m_store->captureCount(m_session), 0);
    QCOMPARE(m_store->captureCount(*keep), 1);
    const QList<SessionInfo> sessions = m_store->sessions();
    QCOMPARE(sessions.size(), 1);
    QCOMPARE(sessions.first().id, *keep);
    // No orphan rows left behind for another connection to find either.
    QCOMPARE(query(m_path, "SELECT COUNT(*) FROM captures"), u"1"_s);
}

void TestSessionStore::reopenKeepsData()
{
    Capture capture = post(m_session, "/persist", QByteArray("\0persist\0", 9));
    capture.trailers = {{"X-T", "1"}};
    capture.note = u"kept"_s;
    QList<Capture> batch {capture};
    QVERIFY_EXPECTED(m_store->append(batch));
    capture.id = batch.first().id;

    m_store->close();
    QVERIFY(!m_store->isOpen());
    const Expected<void> error = m_store->open(m_path);
    QVERIFY_EXPECTED(error);
    const std::optional<Capture> stored = m_store->capture(capture.id);
    QVERIFY(stored);
    compareCaptures(*stored, capture);
    QCOMPARE(m_store->latestSessionId(), m_session);

    // New ids continue after the old ones.
    QList<Capture> next {post(m_session, "/next")};
    QVERIFY_EXPECTED(m_store->append(next));
    QVERIFY(next.first().id > capture.id);

    // Also with the lighter durability setting.
    m_store->close();
    QVERIFY_EXPECTED(m_store->open(m_path, SessionStore::Durability::Normal));
    QCOMPARE(m_store->captureCount(m_session), 2);
}

void TestSessionStore::secondConnectionSeesCommittedCaptures()
{
    SessionStore reader;
    QVERIFY_EXPECTED(reader.open(m_path));
    QCOMPARE(reader.captureCount(m_session), 0);
    QList<Capture> batch {post(m_session, "/x"), post(m_session, "/y")};
    QVERIFY_EXPECTED(m_store->append(batch));
    QCOMPARE(reader.captureCount(m_session), 2);
    QCOMPARE(reader.capture(batch.at(1).id)->target, QByteArray("/y"));
}

void TestSessionStore::setNote()
{
    QList<Capture> batch {post(m_session, "/note")};
    QVERIFY_EXPECTED(m_store->append(batch));
    QVERIFY_EXPECTED(m_store->setNote(batch.first().id, u"retried by hand — ok"_s));
    QCOMPARE(m_store->capture(batch.first().id)->note, u"retried by hand — ok"_s);
}

QTEST_GUILESS_MAIN(TestSessionStore)
#include "TestSessionStore.moc"

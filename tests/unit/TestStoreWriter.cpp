// SPDX-License-Identifier: MIT
// The endpoint's writer threads: groups are committed off the calling thread, in the order given within a lane,
// and each `done` runs back on the calling thread; a small group does not wait for a large body's lane, whose
// thread yields the processor to the others; finish() waits for what was handed over; a refusal comes back as an
// error with no capture stored.
#include <QSemaphore>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>
#include <atomic>
#include <memory>

#ifdef Q_OS_LINUX
#include <sys/resource.h>
#include <unistd.h>
#endif

#include "ExpectedChecks.h"
#include "store/StoreWriter.h"

namespace {

QList<Capture> captures(qint64 session, int count, const QByteArray& prefix)
{
    QList<Capture> out;
    for (int i = 0; i < count; ++i) {
        Capture capture;
        capture.sessionId = session;
        capture.method = "POST";
        capture.target = prefix + QByteArray::number(i);
        capture.body = "{}";
        capture.receivedAt = capture.completedAt = QDateTime::currentDateTimeUtc();
        out.append(capture);
    }
    return out;
}

} // namespace

class TestStoreWriter final : public QObject
{
    Q_OBJECT

private:
    // A store with one session, open for reading; the writer opens its own connection to it.
    QString m_path;
    SessionStore m_reader;
    std::unique_ptr<QTemporaryDir> m_dir;
    qint64 m_session = 0;

private Q_SLOTS:
    void init()
    {
        m_dir = std::make_unique<QTemporaryDir>();
        m_path = m_dir->filePath(QStringLiteral("sessions.sqlite"));
        QVERIFY_EXPECTED(m_reader.open(m_path));
        m_session = m_reader.createSession(QStringLiteral("writer")).value_or(0);
        QVERIFY(m_session > 0);
    }
    void cleanup()
    {
        m_reader.close();
        m_dir.reset();
    }

    void commitsOffThisThreadInOrder()
    {
        const QString& path = m_path;
        SessionStore& reader = m_reader;
        const qint64 session = m_session;
        StoreWriter writer;
        QVERIFY_EXPECTED(writer.open(path, SessionStore::Durability::Full));
        QList<qint64> ids;
        QList<QThread*> completionThreads;
        QThread* writerThread = nullptr;
        for (int group = 0; group < 3; ++group) {
            writer.append(
                captures(session, 10, "/g" + QByteArray::number(group) + "/"),
                [&writerThread](qsizetype, Capture& capture) {
                    writerThread = QThread::currentThread();
                    capture.note = QStringLiteral("answered");
                },
                [&](const QList<Capture>& stored, const Expected<void>& error) {
                    QVERIFY_EXPECTED(error);
                    completionThreads.append(QThread::currentThread());
                    for (const Capture& capture : stored)
                        ids.append(capture.id);
                });
        }
        QTRY_COMPARE(ids.size(), 30);
        QVERIFY(writerThread && writerThread != QThread::currentThread());
        for (QThread* thread : std::as_const(completionThreads))
            QCOMPARE(thread, QThread::currentThread());
        for (qsizetype i = 1; i < ids.size(); ++i)
            QCOMPARE(ids.at(i), ids.at(i - 1) + 1); // groups in the order given
        const std::optional<Capture> last = reader.capture(ids.constLast());
        QVERIFY(last);
        QCOMPARE(last->target, QByteArray("/g2/9"));
        QCOMPARE(last->note, QStringLiteral("answered")); // the completion's change is stored with it
    }

    void smallGroupsDoNotWaitForALargeBody()
    {
        StoreWriter writer;
        QVERIFY_EXPECTED(writer.open(m_path, SessionStore::Durability::Full));
        QList<Capture> large = captures(m_session, 1, "/large/");
        large[0].body = QByteArray(StoreWriter::largeBodyBytes, 'L');
        QCOMPARE(StoreWriter::laneOf(large.constFirst()), StoreWriter::Lane::Large);
        QCOMPARE(StoreWriter::laneOf(captures(m_session, 1, "/small/").constFirst()), StoreWriter::Lane::Small);
        // The large lane is held, as if a large body were still being written and synced.
        QSemaphore gate;
        writer.runOnLane(StoreWriter::Lane::Large, [&gate] { gate.acquire(); });
        qint64 largeId = 0;
        qint64 smallId = 0;
        writer.append(large, {}, [&largeId](const QList<Capture>& stored, const Expected<void>& error) {
            QVERIFY_EXPECTED(error);
            largeId = stored.constFirst().id;
        });
        writer.append(captures(m_session, 3, "/small/"), {},
                      [&smallId](const QList<Capture>& stored, const Expected<void>& error) {
                          QVERIFY_EXPECTED(error);
                          smallId = stored.constFirst().id;
                      });
        QTRY_VERIFY(smallId > 0);
        QCOMPARE(largeId, 0);
        gate.release();
        QTRY_VERIFY(largeId > 0);
        QVERIFY(largeId > smallId); // the small group committed first
        const std::optional<Capture> stored = m_reader.capture(largeId);
        QVERIFY(stored);
        QCOMPARE(stored->body, large.constFirst().body);
        QCOMPARE(m_reader.captureIds(m_session).size(), 4);
    }

    void largeLaneYieldsTheProcessor()
    {
#ifdef Q_OS_LINUX
        // Writing large bodies is bulk work: its thread runs at a higher nice value than the small lane's and
        // the caller's, so on a busy machine a small delivery is not kept waiting for the processor by it.
        StoreWriter writer;
        QVERIFY_EXPECTED(writer.open(m_path, SessionStore::Durability::Full));
        std::atomic<int> large = -100;
        std::atomic<int> small = -100;
        writer.runOnLane(StoreWriter::Lane::Large, [&large] { large = ::getpriority(PRIO_PROCESS, ::gettid()); });
        writer.runOnLane(StoreWriter::Lane::Small, [&small] { small = ::getpriority(PRIO_PROCESS, ::gettid()); });
        QTRY_VERIFY(large != -100 && small != -100);
        const int caller = ::getpriority(PRIO_PROCESS, ::gettid());
        QCOMPARE(small.load(), caller);
        QCOMPARE(large.load(), qMin(caller + StoreWriter::largeLaneNice, 19));
#else
        QSKIP("thread nice values are Linux's");
#endif
    }

    void finishWaitsForWhatWasHandedOver()
    {
        const QString& path = m_path;
        SessionStore& reader = m_reader;
        const qint64 session = m_session;
        StoreWriter writer;
        QVERIFY_EXPECTED(writer.open(path, SessionStore::Durability::Normal));
        int done = 0;
        for (int group = 0; group < 5; ++group)
            writer.append(captures(session, 200, "/f/"), {},
                          [&done](const QList<Capture>&, const Expected<void>&) { ++done; });
        writer.finish(); // no event loop turned: every group is stored and its done has run
        QCOMPARE(done, 5);
        QCOMPARE(reader.captureIds(session).size(), 1000);
        // After finish, appends are written here.
        QList<Capture> more = captures(session, 3, "/after/");
        QVERIFY_EXPECTED(writer.appendNow(more, {}));
        QVERIFY(more.constFirst().id > 0);
        QCOMPARE(reader.captureIds(session).size(), 1003);
    }

    void refusalIsAnError()
    {
        StoreWriter writer; // never opened: the store refuses
        Expected<void> error;
        bool called = false;
        writer.append(captures(1, 2, "/x/"), {}, [&](const QList<Capture>& stored, const Expected<void>& failure) {
            called = true;
            error = failure;
            for (const Capture& capture : stored)
                QCOMPARE(capture.id, 0);
        });
        QTRY_VERIFY(called);
        QVERIFY(!error.has_value());
    }
};

QTEST_GUILESS_MAIN(TestStoreWriter)
#include "TestStoreWriter.moc"

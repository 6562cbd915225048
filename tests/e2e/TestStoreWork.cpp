// SPDX-License-Identifier: MIT
// Long store work beside a running `hookbench listen` on the same store: a large HAR import, the deletion of
// the imported session (with the space it gives back), and deleting, restoring and purging many captures through
// the trash hold the write lock in short slices (the longest is printed and must stay under 200 ms), and live
// deliveries keep being answered 2xx, never 503, meanwhile. The session the listen process writes is claimed:
// another process neither deletes nor prunes it.
#include <QElapsedTimer>
#include <QProcess>
#include <QRegularExpression>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>
#include <atomic>
#include <functional>
#include <thread>

#include "ExpectedChecks.h"
#include "har/HarWriter.h"
#include "store/CaptureTrash.h"
#include "store/SessionStore.h"
#include "transfer/CaptureFiles.h"

using namespace Qt::StringLiterals;

namespace {

constexpr qint64 maxTransactionMs = 200;

Capture imported(int i)
{
    Capture capture;
    capture.id = i + 1;
    capture.method = "POST";
    capture.target = "/imported/" + QByteArray::number(i);
    capture.httpVersion = "HTTP/1.1";
    capture.headers = {{"Host", "127.0.0.1:8787"}, {"Content-Type", "application/json"}};
    // Mostly 1 KB bodies, with a 1 MiB one now and then.
    capture.body = QByteArray(i % 500 == 499 ? (1 << 20) : 1000, char('a' + i % 26));
    capture.receivedAt = QDateTime::fromMSecsSinceEpoch(1700000000000 + i, Qt::UTC);
    capture.completedAt = capture.receivedAt;
    capture.responseStatus = 200;
    return capture;
}

// A capture whose 12 KB body stays in the database (bodies of 16 KiB and over go to files beside it), so that
// moving or deleting it rewrites or frees its pages.
Capture inlined(qint64 sessionId, int i)
{
    Capture capture = imported(i);
    capture.id = 0;
    capture.sessionId = sessionId;
    capture.body = QByteArray(12000, char('a' + i % 26));
    return capture;
}

struct Deliveries
{
    std::atomic<bool> stop {false};
    std::atomic<int> ok {0};
    std::atomic<int> refused {0}; // 503
    std::atomic<int> other {0};
    std::atomic<qint64> slowestMs {0};
};

// Posts one request on a fresh connection; returns the status line's start ("HTTP/1.1 200") or what came.
QByteArray postOnce(quint16 port, int n)
{
    QTcpSocket socket;
    socket.connectToHost(u"127.0.0.1"_s, port);
    if (!socket.waitForConnected(5000))
        return {};
    const QByteArray body = "{\"live\":" + QByteArray::number(n) + "}";
    socket.write("POST /live/" + QByteArray::number(n) + " HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: "
                 + QByteArray::number(body.size()) + "\r\nConnection: close\r\n\r\n" + body);
    QByteArray answer;
    while (!answer.contains("\r\n") && socket.waitForReadyRead(10000))
        answer += socket.readAll();
    return answer.left(12);
}

// Posts one request at a time until told to stop.
void deliver(quint16 port, Deliveries* state)
{
    int n = 1000;
    while (!state->stop.load()) {
        QElapsedTimer timer;
        timer.start();
        const QByteArray answer = postOnce(port, ++n);
        const qint64 ms = timer.elapsed();
        qint64 slowest = state->slowestMs.load();
        while (ms > slowest && !state->slowestMs.compare_exchange_weak(slowest, ms)) { }
        if (answer.startsWith("HTTP/1.1 2"))
            ++state->ok;
        else if (answer.startsWith("HTTP/1.1 503"))
            ++state->refused;
        else
            ++state->other;
        QThread::msleep(5);
    }
}

} // namespace

class TestStoreWork final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void theListenSessionIsNotDeletedOrPruned();
    void largeImportAndDeleteKeepDeliveriesAnswered();
    void trashRestoreAndPurgeKeepDeliveriesAnswered();

private:
    QTemporaryDir m_dir;
    QString m_store;
    QProcess m_listen;
    quint16 m_port = 0;
    qint64 m_listenSession = 0;
};

void TestStoreWork::initTestCase()
{
    QVERIFY(m_dir.isValid());
    m_store = m_dir.filePath(u"store.sqlite"_s);
    {
        // An older session, which pruning may remove.
        SessionStore store;
        QVERIFY_EXPECTED(store.open(m_store));
        QVERIFY(store.createSession(u"old"_s, QDateTime::currentDateTimeUtc().addDays(-30)));
    }
    m_listen.start(QStringLiteral(HOOKBENCH_BINARY), {u"listen"_s, u"--port"_s, u"0"_s, u"--store"_s, m_store});
    QVERIFY(m_listen.waitForStarted());
    QByteArray err;
    const QRegularExpression listening(u"listening on http://127.0.0.1:(\\d+)/ \\(session (\\d+)"_s);
    for (int i = 0; i < 100 && m_port == 0; ++i) {
        m_listen.waitForReadyRead(100);
        err += m_listen.readAllStandardError();
        const QRegularExpressionMatch match = listening.match(QString::fromUtf8(err));
        if (match.hasMatch()) {
            m_port = quint16(match.captured(1).toUInt());
            m_listenSession = match.captured(2).toLongLong();
        }
    }
    QVERIFY2(m_port != 0, err.constData());
}

void TestStoreWork::cleanupTestCase()
{
    m_listen.terminate();
    m_listen.waitForFinished(10000);
}

void TestStoreWork::theListenSessionIsNotDeletedOrPruned()
{
    QCOMPARE(postOnce(m_port, 1), QByteArray("HTTP/1.1 200"));
    SessionStore other;
    QVERIFY_EXPECTED(other.open(m_store));
    QVERIFY(other.sessionInUseElsewhere(m_listenSession));
    const Expected<void> refused = other.deleteSession(m_listenSession);
    QVERIFY_FAILS_WITH(refused, Error::Code::StoreInUse);
    QVERIFY2(refused.error().message.contains(u"in use"_s), qPrintable(refused.error().message));
    StoreBudget budget;
    budget.maxBytes = 1; // every session is over budget
    budget.maxAgeDays = 1;
    const PruneResult pruned = other.prune(budget, 0, QDateTime::currentDateTimeUtc());
    QVERIFY(!pruned.error);
    QCOMPARE(pruned.inUse.size(), 1);
    QCOMPARE(pruned.inUse.at(0).id, m_listenSession);
    QCOMPARE(pruned.removed.size(), 1); // the old session, which nobody uses
    QVERIFY(other.sessions().size() == 1 && other.sessions().at(0).id == m_listenSession);
}

void TestStoreWork::largeImportAndDeleteKeepDeliveriesAnswered()
{
    const int count = 40000;
    const QString harPath = m_dir.filePath(u"large.har"_s);
    {
        HarWriter writer(harPath);
        QVERIFY_EXPECTED(writer.open());
        for (int i = 0; i < count; ++i)
            QVERIFY_EXPECTED(writer.add(imported(i)));
        QVERIFY_EXPECTED(writer.commit());
    }
    const qint64 fileBytes = QFileInfo(harPath).size();

    Deliveries deliveries;
    std::thread sender(deliver, m_port, &deliveries);
    QElapsedTimer timer;
    timer.start();
    const CaptureFiles::ImportResult result = CaptureFiles::importHar(harPath, m_store, 0, u"large"_s);
    const qint64 importMs = timer.elapsed();
    QVERIFY2(!result.failure, qPrintable(result.failure ? result.failure->text() : QString()));
    QCOMPARE(result.imported, count);

    SessionStore store;
    QVERIFY_EXPECTED(store.open(m_store));
    timer.restart();
    QVERIFY_EXPECTED(store.deleteSession(result.sessionId));
    const qint64 deleteMs = timer.elapsed();
    QThread::msleep(200);
    deliveries.stop = true;
    sender.join();

    qInfo("import of %d captures (%.1f MB): %lld ms in %lld slices, longest transaction %lld ms", count,
          double(fileBytes) / 1e6, importMs, result.slices, result.longestSliceMs);
    qInfo("delete of that session: %lld ms, longest transaction %lld ms", deleteMs, store.longestWriteMs());
    qInfo("live deliveries meanwhile: %d answered 2xx, %d answered 503, %d other; slowest %lld ms",
          deliveries.ok.load(), deliveries.refused.load(), deliveries.other.load(), deliveries.slowestMs.load());
    QVERIFY(result.longestSliceMs <= maxTransactionMs);
    QVERIFY(store.longestWriteMs() <= maxTransactionMs);
    QVERIFY(deliveries.ok.load() > 10);
    QCOMPARE(deliveries.refused.load(), 0);
    QCOMPARE(deliveries.other.load(), 0);
    QCOMPARE(store.captureCount(result.sessionId), 0);
}

void TestStoreWork::trashRestoreAndPurgeKeepDeliveriesAnswered()
{
    // 12,000 captures of 12 KB: 2,000 of them in one transaction (the trash's former fixed slice) rewrite
    // 24 MB, all of them 144 MB.
    const int count = 12000;
    qint64 sessionId = 0;
    QList<qint64> ids;
    {
        SessionStore filler;
        QVERIFY_EXPECTED(filler.open(m_store));
        const Expected<qint64> created = filler.createSession(u"to trash"_s);
        QVERIFY_EXPECTED(created);
        sessionId = *created;
        for (int start = 0; start < count; start += 200) {
            QList<Capture> batch;
            for (int i = start; i < start + 200; ++i)
                batch.append(inlined(sessionId, i));
            QVERIFY_EXPECTED(filler.append(batch));
        }
        ids = filler.captureIds(sessionId);
        QCOMPARE(ids.size(), count);
        filler.releaseClaim(sessionId);
    }

    Deliveries deliveries;
    std::thread sender(deliver, m_port, &deliveries);
    // Each step on a store instance of its own, so that its longest write transaction is its own.
    struct Step
    {
        const char* name;
        qint64 ms = 0;
        qint64 longestMs = 0;
    };
    QList<Step> steps;
    const auto run = [&](const char* name, const std::function<bool(CaptureTrash&)>& work) {
        SessionStore store;
        if (!store.open(m_store))
            return false;
        CaptureTrash trash(store);
        QElapsedTimer timer;
        timer.start();
        const bool ok = work(trash);
        steps.append({name, timer.elapsed(), store.longestWriteMs()});
        return ok;
    };
    qint64 trashId = 0;
    const bool done = run("delete all",
                          [&](CaptureTrash& trash) {
                              trashId = trash.trash(sessionId, ids).value_or(0);
                              return trashId != 0;
                          })
        && run("undo", [&](CaptureTrash& trash) { return trash.restore(trashId).value_or(0) == sessionId; })
        && run("delete all again",
               [&](CaptureTrash& trash) {
                   trashId = trash.trash(sessionId, ids).value_or(0);
                   return trashId != 0;
               })
        && run("purge", [&](CaptureTrash& trash) { return bool(trash.purge(trashId)); });
    QThread::msleep(200);
    deliveries.stop = true;
    sender.join();

    for (const Step& step : std::as_const(steps))
        qInfo("trash, %s of %d captures: %lld ms, longest transaction %lld ms", step.name, count, step.ms,
              step.longestMs);
    qInfo("live deliveries meanwhile: %d answered 2xx, %d answered 503, %d other; slowest %lld ms",
          deliveries.ok.load(), deliveries.refused.load(), deliveries.other.load(), deliveries.slowestMs.load());
    QVERIFY(done);
    QCOMPARE(steps.size(), 4);
    for (const Step& step : std::as_const(steps))
        QVERIFY2(step.longestMs <= maxTransactionMs, step.name);
    QVERIFY(deliveries.ok.load() > 10);
    QCOMPARE(deliveries.refused.load(), 0);
    QCOMPARE(deliveries.other.load(), 0);
    SessionStore store;
    QVERIFY_EXPECTED(store.open(m_store));
    QCOMPARE(store.captureCount(sessionId), 0);
    QVERIFY(!store.capture(ids.constFirst()));
    QVERIFY(CaptureTrash(store).trashIds().isEmpty());
}

QTEST_GUILESS_MAIN(TestStoreWork)
#include "TestStoreWork.moc"

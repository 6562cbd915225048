// SPDX-License-Identifier: MIT
// A session claimed by one store instance (as by another Hookbench process) is neither deleted nor pruned
// through another instance; once the claim goes (the instance closes, or writes another session), it can be.
#include <QTemporaryDir>
#include <QTest>

#include "ExpectedChecks.h"
#include "store/SessionStore.h"

using namespace Qt::StringLiterals;

namespace {

Capture capture(qint64 sessionId, const QDateTime& at)
{
    Capture c;
    c.sessionId = sessionId;
    c.method = "POST";
    c.target = "/claims";
    c.httpVersion = "HTTP/1.1";
    c.body = QByteArray(1000, 'x');
    c.receivedAt = at;
    c.completedAt = at;
    c.responseStatus = 200;
    return c;
}

} // namespace

class TestSessionClaims final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void aClaimedSessionIsSpared()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(u"store.sqlite"_s);
        const QDateTime old = QDateTime::currentDateTimeUtc().addDays(-40);
        SessionStore writer;
        QVERIFY_EXPECTED(writer.open(path));
        const qint64 first = *writer.createSession(u"first"_s, old);
        QList<Capture> batch {capture(first, old)};
        QVERIFY_EXPECTED(writer.append(batch));

        SessionStore other;
        QVERIFY_EXPECTED(other.open(path));
        QVERIFY(other.sessionInUseElsewhere(first));
        QVERIFY(!writer.sessionInUseElsewhere(first));
        const Expected<void> refused = other.deleteSession(first);
        QVERIFY_FAILS_WITH(refused, Error::Code::StoreInUse);
        QVERIFY(refused.error().message.contains(u"in use"_s));
        const PruneResult kept = other.prune(StoreBudget {30, 0}, 0, QDateTime::currentDateTimeUtc());
        QVERIFY(kept.removed.isEmpty());
        QCOMPARE(kept.inUse.size(), 1);
        QCOMPARE(other.captureCount(first), 1);

        // Writing another session lets the first go.
        const qint64 second = *writer.createSession(u"second"_s);
        QVERIFY(!other.sessionInUseElsewhere(first));
        QVERIFY(other.sessionInUseElsewhere(second));
        const PruneResult pruned = other.prune(StoreBudget {30, 0}, 0, QDateTime::currentDateTimeUtc());
        QCOMPARE(pruned.removed.size(), 1);
        QCOMPARE(pruned.removed.at(0).id, first);
        QCOMPARE(other.captureCount(first), 0);

        // Closing releases the claim.
        writer.close();
        QVERIFY(!other.sessionInUseElsewhere(second));
        QVERIFY_EXPECTED(other.deleteSession(second));
        QVERIFY(other.sessions().isEmpty());
    }

    void slicedDeletionRemovesEverything()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(u"store.sqlite"_s);
        SessionStore store;
        QVERIFY_EXPECTED(store.open(path));
        const qint64 id = *store.createSession(u"many"_s);
        QList<Capture> batch;
        for (int i = 0; i < 3000; ++i)
            batch.append(capture(id, QDateTime::currentDateTimeUtc()));
        QVERIFY_EXPECTED(store.append(batch));
        store.releaseClaim(id);
        SessionStore other;
        QVERIFY_EXPECTED(other.open(path));
        QVERIFY_EXPECTED(other.deleteSession(id));
        QCOMPARE(other.captureCount(id), 0);
        QVERIFY(other.sessions().isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestSessionClaims)
#include "TestSessionClaims.moc"

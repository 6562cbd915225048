// SPDX-License-Identifier: MIT
// A session claimed by one store instance (as by another Hookbench process) is neither deleted nor pruned
// through another instance; once the claim goes (the instance closes, or writes another session), it can be.
// The endpoint claims the session it continues or switches to before any capture arrives, and lets the previous
// one go; a session that is gone is not continued.
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

#include "ExpectedChecks.h"
#include "RawHttp.h"
#include "endpoint/Endpoint.h"
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

EndpointConfig endpointOn(const QString& path, qint64 sessionId)
{
    EndpointConfig config;
    config.server.bindAddress = QHostAddress(QHostAddress::LocalHost);
    config.server.port = 0;
    config.storePath = path;
    config.sessionId = sessionId;
    return config;
}

// Sessions dated 40 days ago, which pruning to 30 days removes unless they are in use; no store keeps a claim.
QList<qint64> oldSessions(const QString& path, const QStringList& names)
{
    SessionStore store;
    QList<qint64> ids;
    if (!store.open(path))
        return ids;
    for (const QString& name : names)
        ids.append(store.createSession(name, QDateTime::currentDateTimeUtc().addDays(-40)).value_or(0));
    return ids;
}

QByteArray statusOfPost(quint16 port)
{
    return postRaw(port, "/claims", "{}", "Host: 127.0.0.1\r\n").left(12);
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

    void claimSaysWhyItFailed()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(u"store.sqlite"_s);
        const QList<qint64> ids = oldSessions(path, {u"held"_s});
        SessionStore holder;
        QVERIFY_EXPECTED(holder.open(path));
        QVERIFY_EXPECTED(holder.claim(ids.at(0)));
        SessionStore other;
        QVERIFY_EXPECTED(other.open(path));
        QVERIFY_FAILS_WITH(other.claim(ids.at(0)), Error::Code::StoreInUse);
        QVERIFY_FAILS_WITH(other.claim(ids.at(0) + 1), Error::Code::NotFound);
        QVERIFY(!other.sessionInUseElsewhere(ids.at(0) + 1)); // nothing is held for a session that is not there
        holder.releaseClaim(ids.at(0));
        QVERIFY_EXPECTED(other.claim(ids.at(0)));
        QVERIFY(holder.sessionInUseElsewhere(ids.at(0)));
    }

    // Nothing is posted before the other store tries: the claim comes with the start, not the first capture.
    void theEndpointClaimsTheSessionItContinues()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(u"store.sqlite"_s);
        const qint64 continued = oldSessions(path, {u"continued"_s}).value(0);
        QVERIFY(continued > 0);
        Endpoint endpoint;
        QVERIFY_EXPECTED(endpoint.start(endpointOn(path, continued)));
        QCOMPARE(endpoint.sessionId(), continued);

        SessionStore other;
        QVERIFY_EXPECTED(other.open(path));
        QVERIFY(other.sessionInUseElsewhere(continued));
        QVERIFY_FAILS_WITH(other.deleteSession(continued), Error::Code::StoreInUse);
        const PruneResult pruned = other.prune(StoreBudget {30, 1}, 0, QDateTime::currentDateTimeUtc());
        QVERIFY(!pruned.error);
        QVERIFY(pruned.removed.isEmpty());
        QCOMPARE(pruned.inUse.size(), 1);
        QCOMPARE(pruned.inUse.at(0).id, continued);
        QCOMPARE(other.sessions().size(), 1);

        QCOMPARE(statusOfPost(endpoint.port()), QByteArray("HTTP/1.1 200"));
        QCOMPARE(other.captureCount(continued), 1);
        endpoint.stop();
        QVERIFY(!other.sessionInUseElsewhere(continued));
    }

    void aSwitchMovesTheClaim()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(u"store.sqlite"_s);
        const QList<qint64> ids = oldSessions(path, {u"first"_s, u"second"_s});
        QCOMPARE(ids.size(), 2);
        const qint64 first = ids.at(0);
        const qint64 second = ids.at(1);
        Endpoint endpoint;
        QVERIFY_EXPECTED(endpoint.start(endpointOn(path, first)));
        QVERIFY_EXPECTED(endpoint.switchSession(second));

        SessionStore other;
        QVERIFY_EXPECTED(other.open(path));
        QVERIFY(other.sessionInUseElsewhere(second));
        QVERIFY(!other.sessionInUseElsewhere(first));
        QVERIFY_FAILS_WITH(other.deleteSession(second), Error::Code::StoreInUse);
        const PruneResult pruned = other.prune(StoreBudget {30, 1}, 0, QDateTime::currentDateTimeUtc());
        QVERIFY(!pruned.error);
        QCOMPARE(pruned.inUse.size(), 1);
        QCOMPARE(pruned.inUse.at(0).id, second);
        QCOMPARE(pruned.removed.size(), 1); // the session switched away from is no longer spared
        QCOMPARE(pruned.removed.at(0).id, first);
        QCOMPARE(other.sessions().size(), 1);
        QCOMPARE(other.sessions().at(0).id, second);

        QCOMPARE(statusOfPost(endpoint.port()), QByteArray("HTTP/1.1 200"));
        QCOMPARE(other.captureCount(second), 1);
    }

    void aGoneSessionIsNotContinued()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(u"store.sqlite"_s);
        const QList<qint64> ids = oldSessions(path, {u"gone"_s, u"kept"_s});
        QCOMPARE(ids.size(), 2);
        SessionStore other;
        QVERIFY_EXPECTED(other.open(path));
        QVERIFY_EXPECTED(other.deleteSession(ids.at(0)));

        Endpoint endpoint;
        QVERIFY_FAILS_WITH(endpoint.start(endpointOn(path, ids.at(0))), Error::Code::NotFound);
        QVERIFY(!endpoint.isRunning());
        QVERIFY_EXPECTED(endpoint.start(endpointOn(path, ids.at(1))));
        QVERIFY_FAILS_WITH(other.deleteSession(ids.at(1)), Error::Code::StoreInUse);
        QTest::ignoreMessage(QtWarningMsg,
                             QRegularExpression(u"session %1 is not claimed.*no session"_s.arg(ids.at(0))));
        QVERIFY_FAILS_WITH(endpoint.switchSession(ids.at(0)), Error::Code::NotFound);
        // The switch went through: the kept session is no longer claimed.
        QVERIFY_EXPECTED(other.deleteSession(ids.at(1)));
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

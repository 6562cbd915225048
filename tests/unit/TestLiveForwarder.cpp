// SPDX-License-Identifier: MIT
// Live forwarding: every capture stored by a real endpoint reaches the target, in order, also in a burst;
// a slow target fills a bounded queue and what overflows is reported, never silently dropped.
#include <QElapsedTimer>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>
#include <future>

#include "BurstSender.h"
#include "ExpectedChecks.h"
#include "ReplayReceiver.h"
#include "endpoint/Endpoint.h"
#include "replay/LiveForwarder.h"

using namespace Qt::StringLiterals;

namespace {

Capture capture(qint64 id, const QByteArray& path)
{
    Capture c;
    c.id = id;
    c.method = "POST";
    c.target = path;
    c.headers = {{"Content-Type", "application/json"}};
    c.body = "{\"n\":" + QByteArray::number(id) + '}';
    return c;
}

} // namespace

class TestLiveForwarder final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void forwardsABurstOfAThousand();
    void overflowIsMarkedAndRetryable();
    void failuresAreReported();
    void disabledForwardsNothing();
};

void TestLiveForwarder::forwardsABurstOfAThousand()
{
    QTemporaryDir dir;
    ReplayReceiver receiver;
    QVERIFY(receiver.listenLocal());
    Endpoint endpoint;
    EndpointConfig config;
    config.server.port = 0;
    config.storePath = dir.filePath(u"s.sqlite"_s);
    QVERIFY_EXPECTED(endpoint.start(config));

    LiveForwarder forwarder;
    ReplayTarget target;
    target.url = QUrl(QString::fromLatin1(receiver.url("/in")));
    target.appendOriginalPath = true;
    forwarder.setTarget(target);
    forwarder.setEnabled(true);
    connect(&endpoint, &Endpoint::capturesStored, &forwarder, &LiveForwarder::enqueue);
    QList<ReplayAttempt> attempts;
    connect(&forwarder, &LiveForwarder::attemptFinished, this,
            [&attempts](const Capture&, const ReplayAttempt& attempt) { attempts.append(attempt); });

    // One sender, 1000 requests back to back, on its own thread; the event loop here keeps running.
    auto burst = std::async(std::launch::async,
                            [&endpoint] { return sendBurst(endpoint.port(), 1, 1000, "{\"burst\":true}"); });
    QTRY_VERIFY_WITH_TIMEOUT(burst.wait_for(std::chrono::seconds(0)) == std::future_status::ready, 120000);
    const BurstResult sent = burst.get();
    QCOMPARE(sent.failures, 0);
    QCOMPARE(int(sent.latenciesMs.size()), 1000);
    QTRY_COMPARE_WITH_TIMEOUT(attempts.size(), 1000, 120000);
    QCOMPARE(receiver.requests.size(), 1000);
    for (int i = 0; i < 1000; ++i) {
        QVERIFY(attempts.at(i).succeeded());
        QVERIFY(attempts.at(i).forwarded);
        // In order, concurrency 1: the n-th received request is the n-th sent.
        QCOMPARE(receiver.requests.at(i).requestLine, "POST /in/burst/0/" + QByteArray::number(i) + " HTTP/1.1");
    }
    QCOMPARE(forwarder.overflowCount(), 0);
    endpoint.stop();
}

void TestLiveForwarder::overflowIsMarkedAndRetryable()
{
    ReplayReceiver receiver;
    receiver.answerDelayMs = 200; // a slow target
    QVERIFY(receiver.listenLocal());
    LiveForwarder forwarder;
    ReplayTarget target;
    target.url = QUrl(QString::fromLatin1(receiver.url()));
    forwarder.setTarget(target);
    forwarder.setQueueLimits(3, 1 << 20);
    forwarder.setEnabled(true);
    QList<QPair<Capture, ReplayAttempt>> attempts;
    connect(&forwarder, &LiveForwarder::attemptFinished, this,
            [&attempts](const Capture& c, const ReplayAttempt& attempt) {
                attempts.append({c, attempt});
            });
    QList<Capture> captures;
    for (int i = 1; i <= 6; ++i)
        captures.append(capture(i, "/c" + QByteArray::number(i)));
    forwarder.enqueue(captures);
    // One in flight, three queued, two over the limit: reported at once as not forwarded.
    QCOMPARE(forwarder.inFlight(), 1);
    QCOMPARE(forwarder.queued(), 3);
    QCOMPARE(attempts.size(), 2);
    QCOMPARE(attempts.at(0).second.errorKind, ReplayErrorKind::QueueFull);
    QCOMPARE(attempts.at(0).first.id, 5);
    QCOMPARE(attempts.at(1).first.id, 6);
    QVERIFY(attempts.at(0).second.errorMessage.contains(u"not forwarded"_s));
    QCOMPARE(forwarder.overflowCount(), 2);
    QTRY_COMPARE_WITH_TIMEOUT(attempts.size(), 6, 10000);
    int ok = 0;
    for (const auto& pair : attempts)
        ok += pair.second.succeeded() ? 1 : 0;
    QCOMPARE(ok, 4);
    // The overflowed capture is sent when retried.
    forwarder.retry(attempts.at(0).first);
    QTRY_COMPARE_WITH_TIMEOUT(attempts.size(), 7, 10000);
    QVERIFY(attempts.last().second.succeeded());
    QCOMPARE(attempts.last().first.id, 5);
    QCOMPARE(receiver.requests.size(), 5);
}

void TestLiveForwarder::failuresAreReported()
{
    quint16 port = 0;
    {
        QTcpServer probe;
        QVERIFY(probe.listen(QHostAddress::LocalHost, 0));
        port = probe.serverPort();
    }
    LiveForwarder forwarder;
    ReplayTarget target;
    target.url = QUrl(u"http://127.0.0.1:%1/"_s.arg(port));
    forwarder.setTarget(target);
    forwarder.setEnabled(true);
    QList<ReplayAttempt> attempts;
    connect(&forwarder, &LiveForwarder::attemptFinished, this,
            [&attempts](const Capture&, const ReplayAttempt& attempt) { attempts.append(attempt); });
    forwarder.enqueue({capture(1, "/a"), capture(2, "/b")});
    QTRY_COMPARE_WITH_TIMEOUT(attempts.size(), 2, 10000);
    QCOMPARE(attempts.at(0).errorKind, ReplayErrorKind::ConnectionRefused);
    QCOMPARE(attempts.at(0).captureId, 1);
    QCOMPARE(attempts.at(1).captureId, 2);
}

void TestLiveForwarder::disabledForwardsNothing()
{
    ReplayReceiver receiver;
    QVERIFY(receiver.listenLocal());
    LiveForwarder forwarder;
    ReplayTarget target;
    target.url = QUrl(QString::fromLatin1(receiver.url()));
    forwarder.setTarget(target);
    forwarder.enqueue({capture(1, "/a")});
    QTest::qWait(100);
    QCOMPARE(forwarder.queued(), 0);
    QVERIFY(receiver.requests.isEmpty());
}

QTEST_GUILESS_MAIN(TestLiveForwarder)
#include "TestLiveForwarder.moc"

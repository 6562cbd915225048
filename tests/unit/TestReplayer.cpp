// SPDX-License-Identifier: MIT
// Batches: started in the captures' order, at most the target's concurrency in flight, original pacing,
// progress, cancel, and a summary that counts every attempt once (ok, failed by status and by error).
#include <QElapsedTimer>
#include <QTest>

#include "ReplayReceiver.h"
#include "replay/Replayer.h"

using namespace Qt::StringLiterals;

namespace {

QList<Capture> captures(int count, qint64 gapMs = 0)
{
    QList<Capture> list;
    const QDateTime start = QDateTime::currentDateTimeUtc().addSecs(-3600);
    for (int i = 0; i < count; ++i) {
        Capture c;
        c.id = i + 1;
        c.method = "POST";
        c.target = "/n/" + QByteArray::number(i);
        c.headers = {{"Content-Type", "text/plain"}};
        c.body = QByteArray::number(i);
        c.receivedAt = start.addMSecs(i * gapMs);
        list.append(c);
    }
    return list;
}

struct Run
{
    QList<QPair<int, ReplayAttempt>> attempts;
    QList<QPair<int, int>> progress;
    std::optional<ReplaySummary> summary;
};

void watch(Replayer& replayer, Run& run)
{
    QObject::connect(&replayer, &Replayer::attemptFinished, &replayer, [&run](int index, const ReplayAttempt& attempt) {
        run.attempts.append({index, attempt});
    });
    QObject::connect(&replayer, &Replayer::progress, &replayer, [&run](int done, int total) {
        run.progress.append({done, total});
    });
    QObject::connect(&replayer, &Replayer::finished, &replayer,
                     [&run](const ReplaySummary& summary) { run.summary = summary; });
}

} // namespace

class TestReplayer final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void sequentialKeepsOrder();
    void concurrencyIsBounded();
    void originalPacing();
    void cancelStopsTheBatch();
    void summaryCountsByStatusAndError();
    void emptyBatchFinishes();
};

void TestReplayer::sequentialKeepsOrder()
{
    ReplayReceiver receiver;
    QVERIFY(receiver.listenLocal());
    Replayer replayer;
    ReplayTarget target;
    target.url = QUrl(QString::fromLatin1(receiver.url("")));
    target.appendOriginalPath = true;
    replayer.setTarget(target);
    Run run;
    watch(replayer, run);
    replayer.start(captures(20));
    QTRY_VERIFY_WITH_TIMEOUT(run.summary.has_value(), 20000);
    QCOMPARE(run.summary->ok, 20);
    QVERIFY(run.summary->allOk());
    QCOMPARE(receiver.maxInFlight, 1);
    for (int i = 0; i < 20; ++i) {
        QCOMPARE(receiver.requests.at(i).requestLine, "POST /n/" + QByteArray::number(i) + " HTTP/1.1");
        QCOMPARE(run.attempts.at(i).first, i);
        QCOMPARE(run.attempts.at(i).second.captureId, i + 1);
    }
    QCOMPARE(run.progress.constFirst(), qMakePair(0, 20));
    QCOMPARE(run.progress.constLast(), qMakePair(20, 20));
}

void TestReplayer::concurrencyIsBounded()
{
    ReplayReceiver receiver;
    receiver.answerDelayMs = 50;
    QVERIFY(receiver.listenLocal());
    Replayer replayer;
    ReplayTarget target;
    target.url = QUrl(QString::fromLatin1(receiver.url()));
    target.concurrency = 4;
    replayer.setTarget(target);
    Run run;
    watch(replayer, run);
    replayer.start(captures(24));
    QTRY_VERIFY_WITH_TIMEOUT(run.summary.has_value(), 20000);
    QCOMPARE(run.summary->ok, 24);
    QCOMPARE(receiver.maxInFlight, 4);
}

void TestReplayer::originalPacing()
{
    ReplayReceiver receiver;
    QVERIFY(receiver.listenLocal());
    Replayer replayer;
    ReplayTarget target;
    target.url = QUrl(QString::fromLatin1(receiver.url()));
    target.originalPacing = true;
    target.pacingSpeed = 2.0; // the original 600 ms gaps become 300 ms
    replayer.setTarget(target);
    Run run;
    watch(replayer, run);
    QElapsedTimer clock;
    clock.start();
    QList<qint64> arrivals;
    receiver.answerFor = [&arrivals, &clock, &receiver](const ReceivedRequest&) {
        arrivals.append(clock.elapsed());
        return receiver.answer;
    };
    replayer.start(captures(3, 600));
    QTRY_VERIFY_WITH_TIMEOUT(run.summary.has_value(), 20000);
    QCOMPARE(arrivals.size(), 3);
    QVERIFY2(arrivals.at(1) - arrivals.at(0) >= 250, qPrintable(QString::number(arrivals.at(1) - arrivals.at(0))));
    QVERIFY2(arrivals.at(2) - arrivals.at(0) >= 550, qPrintable(QString::number(arrivals.at(2) - arrivals.at(0))));
}

void TestReplayer::cancelStopsTheBatch()
{
    ReplayReceiver receiver;
    receiver.mode = ReplayReceiver::Mode::Silent; // every request hangs until canceled
    QVERIFY(receiver.listenLocal());
    Replayer replayer;
    ReplayTarget target;
    target.url = QUrl(QString::fromLatin1(receiver.url()));
    target.concurrency = 2;
    replayer.setTarget(target);
    Run run;
    watch(replayer, run);
    replayer.start(captures(10));
    QTRY_COMPARE_WITH_TIMEOUT(receiver.requests.size(), 2, 10000);
    QVERIFY(replayer.isRunning());
    replayer.cancel();
    QVERIFY(run.summary.has_value()); // at once
    QVERIFY(!replayer.isRunning());
    QVERIFY(run.summary->canceled);
    QCOMPARE(run.summary->failedByError.value(ReplayErrorKind::Canceled), 2);
    QCOMPARE(run.summary->notSent, 8);
    QCOMPARE(run.summary->ok, 0);
    QCOMPARE(run.attempts.size(), 2);
    QVERIFY2(run.summary->text().contains(u"8 not sent"_s), qPrintable(run.summary->text()));
    QTest::qWait(100);
    QCOMPARE(receiver.requests.size(), 2);
}

void TestReplayer::summaryCountsByStatusAndError()
{
    ReplayReceiver receiver;
    QVERIFY(receiver.listenLocal());
    receiver.answerFor = [](const ReceivedRequest& request) -> QByteArray {
        if (request.body == "1")
            return "HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n\r\n";
        if (request.body == "2")
            return "HTTP/1.1 500 Internal Server Error\r\nContent-Length: 0\r\n\r\n";
        if (request.body == "3")
            return "nonsense\r\n\r\n";
        return "HTTP/1.1 204 No Content\r\n\r\n";
    };
    Replayer replayer;
    ReplayTarget target;
    target.url = QUrl(QString::fromLatin1(receiver.url()));
    replayer.setTarget(target);
    Run run;
    watch(replayer, run);
    replayer.start(captures(6));
    QTRY_VERIFY_WITH_TIMEOUT(run.summary.has_value(), 20000);
    QCOMPARE(run.summary->total, 6);
    QCOMPARE(run.summary->ok, 3);
    QCOMPARE(run.summary->failed(), 3);
    QCOMPARE(run.summary->failedByStatus.value(404), 1);
    QCOMPARE(run.summary->failedByStatus.value(500), 1);
    QCOMPARE(run.summary->failedByError.value(ReplayErrorKind::BadResponse), 1);
    QVERIFY(!run.summary->allOk());
    QCOMPARE(run.summary->text(), u"3 ok, 3 failed (404: 1; 500: 1; not an HTTP answer: 1)"_s);
}

void TestReplayer::emptyBatchFinishes()
{
    Replayer replayer;
    Run run;
    watch(replayer, run);
    replayer.start({});
    QTRY_VERIFY_WITH_TIMEOUT(run.summary.has_value(), 5000);
    QCOMPARE(run.summary->total, 0);
    QVERIFY(!run.summary->allOk());
}

QTEST_GUILESS_MAIN(TestReplayer)
#include "TestReplayer.moc"

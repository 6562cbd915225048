// SPDX-License-Identifier: MIT
#include <QElapsedTimer>
#include <QSignalSpy>
#include <QTest>
#include <QThread>
#include <atomic>

#include "session/TaskRunner.h"

class TestTaskRunner final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void doneRunsOnTheRunnersThreadAfterTheWork()
    {
        TaskRunner runner;
        auto workThread = std::make_shared<std::atomic<QThread*>>(nullptr);
        QThread* doneThread = nullptr;
        bool canceledSeen = true;
        QSignalSpy finished(&runner, &TaskRunner::exclusiveFinished);
        runner.run(
            QStringLiteral("work"), [workThread](TaskControl&) { *workThread = QThread::currentThread(); },
            [&](bool canceled) {
                doneThread = QThread::currentThread();
                canceledSeen = canceled;
            });
        QVERIFY(runner.isBusy());
        QTRY_COMPARE(finished.count(), 1);
        QVERIFY(!runner.isBusy());
        QCOMPARE(doneThread, QThread::currentThread());
        QVERIFY(workThread->load() != QThread::currentThread());
        QVERIFY(!canceledSeen);
    }

    void exclusiveTasksRunOneAtATime()
    {
        TaskRunner runner;
        auto release = std::make_shared<std::atomic<bool>>(false);
        QVERIFY(runner.run(QStringLiteral("first"), [release](TaskControl&) {
            while (!*release)
                QThread::msleep(1);
        }));
        QVERIFY(!runner.run(QStringLiteral("second"), [](TaskControl&) {}));
        // Background work is not held up by an exclusive task.
        bool backgroundDone = false;
        runner.run(
            QString(), [](TaskControl&) {}, [&](bool) { backgroundDone = true; }, TaskRunner::Kind::Background);
        QTRY_VERIFY(backgroundDone);
        *release = true;
        QTRY_VERIFY(!runner.isBusy());
    }

    void progressAndCancel()
    {
        TaskRunner runner;
        QSignalSpy progress(&runner, &TaskRunner::exclusiveProgress);
        QSignalSpy finished(&runner, &TaskRunner::exclusiveFinished);
        auto steps = std::make_shared<std::atomic<int>>(0);
        runner.run(QStringLiteral("long"), [steps](TaskControl& control) {
            for (int i = 0; i < 100000 && control.report(i, 100000); ++i) {
                ++*steps;
                QThread::usleep(100);
            }
        });
        QTRY_VERIFY(progress.count() > 0);
        runner.cancelExclusive();
        QTRY_COMPARE(finished.count(), 1);
        QCOMPARE(finished.at(0).at(0).toBool(), true);
        QVERIFY(*steps < 100000);
        const QList<QVariant> last = progress.constLast();
        QVERIFY(last.at(0).toLongLong() > 0);
        QCOMPARE(last.at(1).toLongLong(), 10000);
    }

    void shutdownWaitsOnlyWithinItsBound()
    {
        auto release = std::make_shared<std::atomic<bool>>(false);
        QElapsedTimer timer;
        {
            TaskRunner runner;
            bool doneCalled = false;
            auto started = std::make_shared<std::atomic<bool>>(false);
            // Work that ignores cancellation: shutdown gives up on it after the bound.
            runner.run(
                QStringLiteral("stubborn"),
                [release, started](TaskControl&) {
                    *started = true;
                    while (!*release)
                        QThread::msleep(5);
                },
                [&](bool) { doneCalled = true; });
            QTRY_VERIFY(started->load());
            timer.start();
            QVERIFY(!runner.shutdown(200));
            QVERIFY(timer.elapsed() < 3000);
            QVERIFY(!runner.run(QStringLiteral("after"), [](TaskControl&) {}));
            QCoreApplication::processEvents();
            QVERIFY(!doneCalled);
        }
        QVERIFY(timer.elapsed() < 3000); // the destructor did not wait for it either
        *release = true;
    }

    void shutdownCancelsCooperativeWork()
    {
        TaskRunner runner;
        auto sawCancel = std::make_shared<std::atomic<bool>>(false);
        runner.run(
            QString(),
            [sawCancel](TaskControl& control) {
                while (!control.isCanceled())
                    QThread::msleep(1);
                *sawCancel = true;
            },
            {}, TaskRunner::Kind::Background);
        QThread::msleep(20);
        QVERIFY(runner.shutdown(3000));
        QVERIFY(*sawCancel);
    }
};

QTEST_GUILESS_MAIN(TestTaskRunner)
#include "TestTaskRunner.moc"

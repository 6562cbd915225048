// SPDX-License-Identifier: MIT
#include <QElapsedTimer>
#include <QFileInfo>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>
#include <csignal>

#include <sys/resource.h>

#include "RawHttp.h"
#include "StoreFixtures.h"
#include "payload/EventIndex.h"
#include "session/CaptureTableModel.h"
#include "session/SessionController.h"
#include "session/TaskRunner.h"
#include "settings/Settings.h"
#include "signature/Hmac.h"
#include "store/SessionStore.h"

// The window's state and work, driven without widgets.
class TestSessionController final : public QObject
{
    Q_OBJECT

private:
    static EndpointConfig config(const QTemporaryDir& dir)
    {
        EndpointConfig config;
        config.server.port = 0;
        config.storePath = dir.filePath(QStringLiteral("sessions.sqlite"));
        return config;
    }

    static QByteArray firmBody(const QByteArray& secret)
    {
        const QByteArray payload = "{\"date\":\"2024-11-08T21:49:46.733Z\",\"events\":[]}";
        const QByteArray signature = Hmac::compute(HmacAlgorithm::Sha256, secret, payload).toHex();
        return "{\"payload\":" + payload + ",\"signature\":\"" + signature + "\"}";
    }

    // One Firm App delivery signed with secret, posted to the controller's endpoint.
    static void postFirm(SessionController& controller, const QByteArray& secret)
    {
        postRaw(controller.endpoint()->port(), "/firm", firmBody(secret), "Content-Type: application/json\r\n");
    }

    static SecretSet mainSecret(const QByteArray& secret)
    {
        SecretSet secrets;
        secrets.add(QStringLiteral("main"), secret);
        return secrets;
    }

private Q_SLOTS:
    void startsListensAndFillsTheModel()
    {
        QTemporaryDir dir;
        auto settings = Settings::createTemporary(dir.filePath(QStringLiteral("settings.ini")));
        SessionController controller(config(dir), settings.get());
        QSignalSpy ready(&controller, &SessionController::ready);
        controller.start(true);
        QTRY_COMPARE(ready.count(), 1);
        QVERIFY(controller.endpoint()->isRunning());
        QVERIFY(controller.sessionId() > 0);

        QSignalSpy arrived(&controller, &SessionController::capturesArrived);
        QVERIFY(postRaw(controller.endpoint()->port(), "/a", "one").startsWith("HTTP/1.1 200"));
        QTRY_COMPARE(controller.model()->rowCount(), 1);
        QCOMPARE(controller.captureCount(), 1);
        QCOMPARE(arrived.count(), 1);

        // The body loads off the calling thread and comes back as a signal.
        QSignalSpy loaded(&controller, &SessionController::captureLoaded);
        controller.requestCapture(controller.model()->idAt(0));
        QTRY_COMPARE(loaded.count(), 1);
        QCOMPARE(loaded.at(0).at(0).value<Capture>().body, QByteArray("one"));

        // Stopping keeps the session; starting again continues it.
        const qint64 session = controller.sessionId();
        controller.stopEndpoint();
        QVERIFY(!controller.endpoint()->isRunning());
        QVERIFY(controller.startEndpoint());
        QVERIFY(postRaw(controller.endpoint()->port(), "/b", "two").startsWith("HTTP/1.1 200"));
        QTRY_COMPARE(controller.model()->rowCount(), 2);
        QCOMPARE(controller.sessionId(), session);
    }

    void manyEventsArriveWholeAndInSlices()
    {
        // Deliveries of 400 events each, sent faster than the index takes them one by one: every event is
        // indexed, and no merge holds the event loop for long (the slices let a 2 ms timer tick).
        QTemporaryDir dir;
        auto settings = Settings::createTemporary(dir.filePath(QStringLiteral("settings.ini")));
        SessionController controller(config(dir), settings.get());
        controller.start(true);
        QTRY_VERIFY(controller.isReady());
        QTRY_VERIFY(controller.eventIndex());
        QByteArray events;
        for (int i = 0; i < 400; ++i) {
            events += (i ? "," : "") + QByteArray("{\"action\":\"update\",\"schema\":\"user\",\"docId\":\"u")
                + QByteArray::number(i) + "\",\"docUpdatedDate\":\"2024-11-08T21:49:46.733Z\",\"diff\":{\"n\":1}}";
        }
        const QByteArray body
            = "{\"payload\":{\"date\":\"2024-11-08T21:49:46.733Z\",\"events\":[" + events + "]},\"signature\":\"00\"}";
        int ticks = 0;
        QTimer ticker;
        ticker.setInterval(2);
        connect(&ticker, &QTimer::timeout, this, [&ticks] { ++ticks; });
        ticker.start();
        constexpr int deliveries = 60;
        for (int i = 0; i < deliveries; ++i)
            postRaw(controller.endpoint()->port(), "/firm", body, "Content-Type: application/json\r\n");
        QTRY_COMPARE_WITH_TIMEOUT(controller.eventIndex()->eventCount(), deliveries * 400, 30000);
        QTRY_COMPARE(controller.model()->rowCount(), deliveries);
        for (int row = 0; row < deliveries; ++row)
            QCOMPARE(controller.model()
                         ->index(row, CaptureTableModel::EventsColumn)
                         .data(CaptureTableModel::SortRole)
                         .toInt(),
                     400);
        QVERIFY(ticks > 0);
    }

    void aLaterRequestSupersedesAnEarlierOne()
    {
        QTemporaryDir dir;
        SessionController controller(config(dir), nullptr);
        controller.start(true);
        QTRY_VERIFY(controller.isReady());
        postRaw(controller.endpoint()->port(), "/a", "first");
        postRaw(controller.endpoint()->port(), "/b", "second");
        QTRY_COMPARE(controller.model()->rowCount(), 2);
        QSignalSpy loaded(&controller, &SessionController::captureLoaded);
        controller.requestCapture(controller.model()->idAt(0));
        controller.requestCapture(controller.model()->idAt(1));
        QTRY_COMPARE(loaded.count(), 1);
        QTest::qWait(50);
        QCOMPARE(loaded.count(), 1);
        QCOMPARE(loaded.at(0).at(0).value<Capture>().body, QByteArray("second"));
    }

    void secretsFlipTheSignatureColumn()
    {
        QTemporaryDir dir;
        SessionController controller(config(dir), nullptr);
        controller.start(true);
        QTRY_VERIFY(controller.isReady());
        const QByteArray secret = "controller-secret";
        postFirm(controller, secret);
        QTRY_COMPARE(controller.model()->rowCount(), 1);
        auto state = [&controller](int row) {
            return controller.model()
                ->index(row, CaptureTableModel::SignatureColumn)
                .data(CaptureTableModel::SignatureStateRole)
                .toInt();
        };
        controller.setSecrets(mainSecret(secret), {});
        QTRY_COMPARE(state(0), 1);
        // Arrivals are checked as they come, off the calling thread.
        postFirm(controller, "other");
        QTRY_COMPARE(controller.model()->rowCount(), 2);
        QTRY_COMPARE(state(1), 2);
        controller.setSecrets({}, {});
        QTRY_COMPARE(state(0), 0);
    }

    void signatureChecksCoalesce()
    {
        QTemporaryDir dir;
        SessionController controller(config(dir), nullptr);
        controller.start(true);
        QTRY_VERIFY(controller.isReady());
        postFirm(controller, "controller-secret");
        QTRY_COMPARE(controller.model()->rowCount(), 1);
        controller.setSecrets(mainSecret("controller-secret"), {});
        std::optional<Capture> capture = controller.captureNow(controller.model()->idAt(0));
        QVERIFY(capture);
        QSignalSpy checked(&controller, &SessionController::signatureChecked);
        // Arrowing through many captures: one check runs, one waits (the newest), the others never queue.
        constexpr int asked = 500;
        for (int i = 1; i <= asked; ++i) {
            capture->id = i;
            controller.checkSignature(*capture);
        }
        QTRY_VERIFY(!checked.isEmpty() && checked.last().at(0).toLongLong() == asked);
        QTest::qWait(100);
        QVERIFY2(checked.count() <= 2, QByteArray::number(checked.count()).constData());
        QCOMPARE(checked.last().at(0).toLongLong(), qint64(asked));
        QCOMPARE(checked.last().at(1).value<SignatureResult>().status, SignatureStatus::Valid);
    }

    void sessionsSwitchWithoutLosingArrivals()
    {
        QTemporaryDir dir;
        SessionController controller(config(dir), nullptr);
        controller.start(true);
        QTRY_VERIFY(controller.isReady());
        const qint64 first = controller.sessionId();
        postRaw(controller.endpoint()->port(), "/old", "x");
        QTRY_COMPARE(controller.model()->rowCount(), 1);
        QSignalSpy shown(&controller, &SessionController::sessionShown);
        controller.newSession();
        QVERIFY(controller.sessionId() != first);
        QTRY_COMPARE(shown.count(), 1);
        QCOMPARE(controller.model()->rowCount(), 0);
        postRaw(controller.endpoint()->port(), "/new", "y");
        QTRY_COMPARE(controller.model()->rowCount(), 1);
        QCOMPARE(controller.model()->summaryAt(0).target, QByteArray("/new"));
        controller.showSession(first);
        QTRY_COMPARE(shown.count(), 2);
        QCOMPARE(controller.model()->rowCount(), 1);
        QCOMPARE(controller.model()->summaryAt(0).target, QByteArray("/old"));
    }

    void filesRoundTripAndAreRemembered()
    {
        QTemporaryDir dir;
        auto settings = Settings::createTemporary(dir.filePath(QStringLiteral("settings.ini")));
        SessionController controller(config(dir), settings.get());
        controller.start(true);
        QTRY_VERIFY(controller.isReady());
        postRaw(controller.endpoint()->port(), "/saved", "body");
        QTRY_COMPARE(controller.model()->rowCount(), 1);
        QSignalSpy finished(&controller, &SessionController::fileTaskFinished);
        const QString har = dir.filePath(QStringLiteral("out.har"));
        controller.saveToFile(har);
        QVERIFY(controller.isBusy());
        QTRY_COMPARE(finished.count(), 1);
        QCOMPARE(finished.at(0).at(0).toBool(), true);
        QCOMPARE(controller.recentFiles(), QStringList {QFileInfo(har).absoluteFilePath()});
        QCOMPARE(settings->value(Settings::Key::RecentFiles).toStringList(), controller.recentFiles());

        const qint64 before = controller.sessionId();
        controller.openFile(har);
        QTRY_COMPARE(finished.count(), 2);
        QVERIFY(controller.sessionId() != before);
        QCOMPARE(controller.model()->rowCount(), 1);
        QCOMPARE(controller.model()->summaryAt(0).target, QByteArray("/saved"));
        QCOMPARE(controller.currentFile(), har);
    }

    // The store work the window starts runs off its thread: while another connection holds the write lock, each
    // call returns at once (on the window's thread it would wait out the store's 5 s busy timeout) and the work
    // finishes only once the lock is let go.
    void storeWorkRunsOffTheWindowsThread()
    {
        QTemporaryDir dir;
        const QString path = config(dir).storePath;
        SessionController controller(config(dir), nullptr);
        controller.start(true);
        QTRY_VERIFY(controller.isReady());
        postRaw(controller.endpoint()->port(), "/first", "1");
        postRaw(controller.endpoint()->port(), "/second", "2");
        QTRY_COMPARE(controller.model()->rowCount(), 2);
        const QList<qint64> ids {controller.model()->summaryAt(0).id, controller.model()->summaryAt(1).id};
        const qint64 session = controller.sessionId();
        const auto captureCount = [&] {
            return StoreFixtures::query(
                path, "SELECT count(*) FROM captures WHERE session_id = " + QByteArray::number(session));
        };
        QElapsedTimer timer;

        // Deleting captures, and undoing it.
        auto lock = std::make_unique<StoreFixtures::WriteLock>(path);
        QVERIFY(lock->isHeld());
        std::optional<std::shared_ptr<SessionController::Deleted>> deleted;
        timer.start();
        controller.deleteCaptures(ids, [&](std::shared_ptr<SessionController::Deleted> done) { deleted = done; });
        QVERIFY2(timer.elapsed() < 1000, qPrintable(QString::number(timer.elapsed())));
        QTest::qWait(100);
        QVERIFY(!deleted);
        QCOMPARE(captureCount(), QStringLiteral("2"));
        lock.reset();
        QTRY_VERIFY(deleted);
        QVERIFY(*deleted);
        QCOMPARE(captureCount(), QStringLiteral("0"));

        lock = std::make_unique<StoreFixtures::WriteLock>(path);
        std::optional<bool> restored;
        timer.restart();
        controller.restoreCaptures(*deleted, [&](bool ok) { restored = ok; });
        QVERIFY2(timer.elapsed() < 1000, qPrintable(QString::number(timer.elapsed())));
        QTest::qWait(100);
        QVERIFY(!restored);
        lock.reset();
        QTRY_VERIFY(restored);
        QVERIFY(*restored);
        QCOMPARE(captureCount(), QStringLiteral("2"));

        // Removing deleted captures for good.
        deleted.reset();
        controller.deleteCaptures({ids.at(0)},
                                  [&](std::shared_ptr<SessionController::Deleted> done) { deleted = done; });
        QTRY_VERIFY(deleted && *deleted);
        const QByteArray inTrash = "SELECT count(*) FROM sessions WHERE trashed_from IS NOT NULL";
        QCOMPARE(StoreFixtures::query(path, inTrash), QStringLiteral("1"));
        lock = std::make_unique<StoreFixtures::WriteLock>(path);
        timer.restart();
        controller.purgeDeleted((*deleted)->trashId);
        QVERIFY2(timer.elapsed() < 1000, qPrintable(QString::number(timer.elapsed())));
        lock.reset();
        QTRY_COMPARE(StoreFixtures::query(path, inTrash), QStringLiteral("0"));

        // Importing a file.
        QSignalSpy finished(&controller, &SessionController::fileTaskFinished);
        const QString har = dir.filePath(QStringLiteral("out.har"));
        controller.saveToFile(har);
        QTRY_COMPARE(finished.count(), 1);
        lock = std::make_unique<StoreFixtures::WriteLock>(path);
        timer.restart();
        controller.importFile(har);
        QVERIFY2(timer.elapsed() < 1000, qPrintable(QString::number(timer.elapsed())));
        QTest::qWait(100);
        QCOMPARE(finished.count(), 1);
        QVERIFY(controller.isBusy());
        lock.reset();
        QTRY_COMPARE(finished.count(), 2);
        QCOMPARE(finished.at(1).at(0).toBool(), true);
        QCOMPARE(captureCount(), QStringLiteral("2"));
    }

    // Opening a file when the store cannot take its captures: the message is about the store (here: the disk is
    // full), not about the file, and nothing half-opened is shown.
    void openingAFileOnAFullDiskNamesTheStore()
    {
        QTemporaryDir dir;
        SessionController controller(config(dir), nullptr);
        controller.start(true);
        QTRY_VERIFY(controller.isReady());
        QVERIFY(postRaw(controller.endpoint()->port(), "/large", QByteArray(4 << 20, 'z')).startsWith("HTTP/1.1 200"));
        QTRY_COMPARE(controller.model()->rowCount(), 1);
        QSignalSpy finished(&controller, &SessionController::fileTaskFinished);
        const QString har = dir.filePath(QStringLiteral("large.har"));
        controller.saveToFile(har);
        QTRY_COMPARE(finished.count(), 1);
        QVERIFY(finished.at(0).at(0).toBool());
        const qint64 before = controller.sessionId();

        QSignalSpy messages(&controller, &SessionController::message);
        const QString store = config(dir).storePath;
        const qint64 used = std::max(QFileInfo(store).size(), QFileInfo(store + QStringLiteral("-wal")).size());
        std::signal(SIGXFSZ, SIG_IGN);
        rlimit limit {};
        getrlimit(RLIMIT_FSIZE, &limit);
        const rlimit full {rlim_t(used + 65536), limit.rlim_max};
        QCOMPARE(setrlimit(RLIMIT_FSIZE, &full), 0);
        controller.openFile(har);
        QTRY_COMPARE(finished.count(), 2);
        QCOMPARE(setrlimit(RLIMIT_FSIZE, &limit), 0);
        QVERIFY(!finished.at(1).at(0).toBool());
        QCOMPARE(messages.count(), 1);
        const QString text = messages.at(0).at(0).toString();
        QCOMPARE(messages.at(0).at(1).value<SessionController::Severity>(), SessionController::Severity::Error);
        QVERIFY2(text.startsWith(har + QStringLiteral(" was not opened: the disk holding the session store is full")),
                 qPrintable(text));
        QCOMPARE(controller.sessionId(), before);
    }

    void storeFailureIsAMessage()
    {
        QTemporaryDir dir;
        EndpointConfig broken = config(dir);
        QFile blocker(dir.filePath(QStringLiteral("blocker")));
        QVERIFY(blocker.open(QIODevice::WriteOnly)); // a file where the store's folder should be
        blocker.close();
        broken.storePath = dir.filePath(QStringLiteral("blocker/sessions.sqlite"));
        SessionController controller(broken, nullptr);
        QSignalSpy messages(&controller, &SessionController::message);
        controller.start(true);
        QTRY_VERIFY(controller.isReady());
        QVERIFY(messages.count() >= 1);
        QCOMPARE(messages.at(0).at(1).value<SessionController::Severity>(), SessionController::Severity::Error);
        QVERIFY(messages.at(0).at(0).toString().contains(QStringLiteral("session store")));
    }

    // A full disk, made with a file size limit on this process: the sender gets 503, the window says why,
    // and capture resumes by itself once writes succeed again.
    void fullDiskIsAMessageAndCaptureResumes()
    {
        QTemporaryDir dir;
        SessionController controller(config(dir), nullptr);
        controller.start(true);
        QTRY_VERIFY(controller.isReady());
        QVERIFY(postRaw(controller.endpoint()->port(), "/before", "one").startsWith("HTTP/1.1 200"));
        QSignalSpy messages(&controller, &SessionController::message);

        const QString store = config(dir).storePath;
        const qint64 used = std::max(QFileInfo(store).size(), QFileInfo(store + QStringLiteral("-wal")).size());
        std::signal(SIGXFSZ, SIG_IGN); // writes past the limit fail with EFBIG instead of killing the process
        rlimit limit {};
        getrlimit(RLIMIT_FSIZE, &limit);
        const rlimit full {rlim_t(used + 65536), limit.rlim_max};
        QCOMPARE(setrlimit(RLIMIT_FSIZE, &full), 0);
        const QByteArray refused = postRaw(controller.endpoint()->port(), "/full", QByteArray(4 << 20, 'x'));
        QCOMPARE(setrlimit(RLIMIT_FSIZE, &limit), 0);
        QVERIFY2(refused.startsWith("HTTP/1.1 503"), refused.left(200).constData());
        QTRY_VERIFY(messages.count() >= 1);
        QCOMPARE(messages.at(0).at(1).value<SessionController::Severity>(), SessionController::Severity::Error);
        QVERIFY2(messages.at(0).at(0).toString().contains(QStringLiteral("503")),
                 qPrintable(messages.at(0).at(0).toString()));
        QVERIFY2(messages.at(0).at(0).toString().contains(QStringLiteral("the disk holding the session store is full")),
                 qPrintable(messages.at(0).at(0).toString()));

        QVERIFY(postRaw(controller.endpoint()->port(), "/after", QByteArray(4 << 20, 'y')).startsWith("HTTP/1.1 200"));
        QTRY_COMPARE(controller.model()->rowCount(), 2);
    }
};

QTEST_GUILESS_MAIN(TestSessionController)
#include "TestSessionController.moc"

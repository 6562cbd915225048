// SPDX-License-Identifier: MIT
#include <QAction>
#include <QFile>
#include <QSignalSpy>
#include <QTableView>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>

#include "RawHttp.h"
#include "TestSettings.h"
#include "har/HarReader.h"
#include "session/CaptureTableModel.h"
#include "session/SessionController.h"
#include "widgets/FileDialog.h"
#include "widgets/MessageBar.h"
#include "window/MainWindow.h"

class TestFileOperations final : public QObject
{
    Q_OBJECT

private:
    static WindowOptions options(const QTemporaryDir& dir)
    {
        WindowOptions options;
        options.endpoint.server.port = 0;
        options.endpoint.storePath = dir.filePath(QStringLiteral("sessions.sqlite"));
        return options;
    }

    static void send(quint16 port, const QByteArray& target, const QByteArray& body)
    {
        const QByteArray answer = postRaw(port, target, body, "X-Order: first\r\nx-order: second\r\n");
        QVERIFY2(answer.startsWith("HTTP/1.1 200"), answer.constData());
    }

    static void trigger(MainWindow& window, const char* actionName)
    {
        auto* action = window.findChild<QAction*>(QLatin1String(actionName));
        QVERIFY2(action, actionName);
        QVERIFY(action->isEnabled());
        action->trigger();
    }

    static QByteArray binaryBody() { return QByteArray("\x00\xff\xfe{\"a\":1}\x80", 11); }

private Q_SLOTS:
    void saveThenOpenKeepsEveryByte()
    {
        QTemporaryDir dir;
        const QString har = dir.filePath(QStringLiteral("session.har"));
        auto windowSettings = testSettings(dir);
        MainWindow window(options(dir), windowSettings.get());
        QTRY_VERIFY(window.controller()->isReady()); // pruning the store comes first
        send(window.endpoint()->port(), "/one?x=%20", R"({"payload":{"n":1}})");
        send(window.endpoint()->port(), "/two", binaryBody());
        QTRY_COMPARE(window.captureModel()->rowCount(), 2);

        QSignalSpy finished(&window, &MainWindow::taskFinished);
        FileDialog::setNextFileName(har);
        trigger(window, "saveAction");
        QTRY_COMPARE(finished.count(), 1);
        QCOMPARE(finished.at(0).at(0).toBool(), true);
        QCOMPARE(window.currentFile(), har);

        const HarExpected<HarLog> log = HarReader::readFile(har);
        QVERIFY(log);
        QCOMPARE(log->entries.size(), 2);
        QCOMPARE(log->entries.at(1).capture.body, binaryBody());
        QCOMPARE(log->entries.at(0).capture.headers.at(0).first, QByteArray("X-Order"));
        QCOMPARE(log->entries.at(0).capture.headers.at(1).first, QByteArray("x-order"));

        const qint64 before = window.currentSessionId();
        FileDialog::setNextFileName(har);
        trigger(window, "openAction");
        QTRY_COMPARE(finished.count(), 2);
        QVERIFY(window.currentSessionId() != before);
        QCOMPARE(window.captureModel()->rowCount(), 2);
        QCOMPARE(window.captureModel()->summaryAt(0).target, QByteArray("/one?x=%20"));
        QCOMPARE(window.captureModel()->summaryAt(1).bodyBytes, binaryBody().size());

        // Live captures now go to the opened session.
        send(window.endpoint()->port(), "/three", "3");
        QTRY_COMPARE(window.captureModel()->rowCount(), 3);
    }

    void importMergesIntoThisSession()
    {
        QTemporaryDir dir;
        const QString har = dir.filePath(QStringLiteral("a.har"));
        auto windowSettings = testSettings(dir);
        MainWindow window(options(dir), windowSettings.get());
        QTRY_VERIFY(window.controller()->isReady()); // pruning the store comes first
        send(window.endpoint()->port(), "/a", "a");
        QTRY_COMPARE(window.captureModel()->rowCount(), 1);
        QSignalSpy finished(&window, &MainWindow::taskFinished);
        window.saveToFile(har);
        QTRY_COMPARE(finished.count(), 1);
        const qint64 session = window.currentSessionId();
        FileDialog::setNextFileName(har);
        trigger(window, "importAction");
        QTRY_COMPARE(finished.count(), 2);
        QCOMPARE(window.currentSessionId(), session);
        QCOMPARE(window.captureModel()->rowCount(), 2);
    }

    void exportSelectedWritesOnlyThose()
    {
        QTemporaryDir dir;
        const QString har = dir.filePath(QStringLiteral("picked.har"));
        auto windowSettings = testSettings(dir);
        MainWindow window(options(dir), windowSettings.get());
        QTRY_VERIFY(window.controller()->isReady()); // pruning the store comes first
        for (int i = 0; i < 3; ++i)
            send(window.endpoint()->port(), "/n" + QByteArray::number(i), "x");
        QTRY_COMPARE(window.captureModel()->rowCount(), 3);
        auto* table = window.findChild<QTableView*>(QStringLiteral("captureTableView"));
        table->selectRow(1);
        QSignalSpy finished(&window, &MainWindow::taskFinished);
        FileDialog::setNextFileName(har);
        trigger(window, "exportSelectedAction");
        QTRY_COMPARE(finished.count(), 1);
        const HarExpected<HarLog> log = HarReader::readFile(har);
        QVERIFY(log);
        QCOMPARE(log->entries.size(), 1);
        QCOMPARE(log->entries.at(0).capture.target, QByteArray("/n1"));
    }

    void failedSaveLeavesTheOldFileAndSaysWhy()
    {
        QTemporaryDir dir;
        auto windowSettings = testSettings(dir);
        MainWindow window(options(dir), windowSettings.get());
        QTRY_VERIFY(window.controller()->isReady()); // pruning the store comes first
        send(window.endpoint()->port(), "/a", "a");
        QTRY_COMPARE(window.captureModel()->rowCount(), 1);
        QSignalSpy finished(&window, &MainWindow::taskFinished);
        window.saveToFile(dir.filePath(QStringLiteral("no/such/folder/x.har")));
        QTRY_COMPARE(finished.count(), 1);
        QCOMPARE(finished.at(0).at(0).toBool(), false);
        auto* bar = window.findChild<MessageBar*>(QStringLiteral("messageBar"));
        QVERIFY2(bar->text().contains(QStringLiteral("Not saved")), qPrintable(bar->text()));
        QVERIFY(window.currentFile().isEmpty());
    }

    void brokenFileIsReportedNotOpened()
    {
        QTemporaryDir dir;
        const QString broken = dir.filePath(QStringLiteral("broken.har"));
        QFile file(broken);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("{\"log\": {\"version\": \"1.2\", \"entries\": [ {\"request\": ");
        file.close();
        auto windowSettings = testSettings(dir);
        MainWindow window(options(dir), windowSettings.get());
        QTRY_VERIFY(window.controller()->isReady()); // pruning the store comes first
        const qint64 session = window.currentSessionId();
        QSignalSpy finished(&window, &MainWindow::taskFinished);
        window.openFile(broken);
        QTRY_COMPARE(finished.count(), 1);
        auto* bar = window.findChild<MessageBar*>(QStringLiteral("messageBar"));
        QVERIFY2(!bar->text().isEmpty(), "no message for a broken file");
        QVERIFY(window.endpoint()->isRunning());
        if (!finished.at(0).at(0).toBool())
            QCOMPARE(window.currentSessionId(), session);
    }

    void droppedFileOpens()
    {
        QTemporaryDir dir;
        const QString har = dir.filePath(QStringLiteral("dropped.har"));
        {
            auto firstSettings = testSettings(dir);
            MainWindow first(options(dir), firstSettings.get());
            QTRY_VERIFY(first.controller()->isReady()); // pruning the store comes first
            send(first.endpoint()->port(), "/dropped", "d");
            QTRY_COMPARE(first.captureModel()->rowCount(), 1);
            QSignalSpy finished(&first, &MainWindow::taskFinished);
            first.saveToFile(har);
            QTRY_COMPARE(finished.count(), 1);
        }
        QTemporaryDir other;
        auto windowSettings = testSettings(other);
        MainWindow window(options(other), windowSettings.get());
        QTRY_VERIFY(window.controller()->isReady()); // pruning the store comes first
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QSignalSpy finished(&window, &MainWindow::taskFinished);
        QVERIFY(window.acceptDrops());
        QVERIFY(!window.openDroppedUrls({QUrl(QStringLiteral("https://example.com/x.har"))}));
        QVERIFY(window.openDroppedUrls({QUrl::fromLocalFile(har)}));
        QTRY_COMPARE(finished.count(), 1);
        QCOMPARE(window.captureModel()->rowCount(), 1);
        QCOMPARE(window.captureModel()->summaryAt(0).target, QByteArray("/dropped"));
    }
};

QTEST_MAIN(TestFileOperations)
#include "TestFileOperations.moc"

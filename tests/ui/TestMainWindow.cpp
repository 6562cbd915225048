// SPDX-License-Identifier: MIT
#include <QAction>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QTableView>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>
#include <QTreeWidget>

#include "RawHttp.h"
#include "TestSettings.h"
#include "detail/CaptureDetailView.h"
#include "session/CaptureTableModel.h"
#include "session/SessionController.h"
#include "store/CaptureTrash.h"
#include "store/SessionStore.h"
#include "widgets/MessageBar.h"
#include "window/MainWindow.h"

class TestMainWindow final : public QObject
{
    Q_OBJECT

private:
    static WindowOptions options(const QTemporaryDir& dir, quint16 port = 0)
    {
        WindowOptions options;
        options.endpoint.server.port = port;
        options.endpoint.storePath = dir.filePath(QStringLiteral("sessions.sqlite"));
        return options;
    }

    static QByteArray send(quint16 port, const QByteArray& request) { return exchangeRaw(port, request); }

private Q_SLOTS:
    void capturesFillTheTableLive()
    {
        QTemporaryDir dir;
        auto windowSettings = testSettings(dir);
        MainWindow window(options(dir), windowSettings.get());
        QTRY_VERIFY(window.controller()->isReady()); // pruning the store comes first
        window.show();
        QVERIFY(window.endpoint()->isRunning());
        const quint16 port = window.endpoint()->port();
        auto* status = window.findChild<QLabel*>(QStringLiteral("listeningLabel"));
        QVERIFY(status);
        QVERIFY(status->text().contains(QStringLiteral("http://127.0.0.1:%1/").arg(port)));

        const QByteArray body = R"({"payload":{"events":[]},"signature":"00"})";
        const QByteArray answer = send(port,
                                       "POST /hooks/firm?x=1 HTTP/1.1\r\nHost: localhost\r\nX-Case-Kept: Yes\r\n"
                                       "Content-Type: application/json\r\nContent-Length: "
                                           + QByteArray::number(body.size()) + "\r\n\r\n" + body);
        QVERIFY2(answer.startsWith("HTTP/1.1 200"), answer.constData());

        auto* table = window.findChild<QTableView*>(QStringLiteral("captureTableView"));
        QVERIFY(table);
        QTRY_COMPARE(table->model()->rowCount(), 1);
        QCOMPARE(table->model()->index(0, CaptureTableModel::MethodColumn).data().toString(), QStringLiteral("POST"));
        QCOMPARE(table->model()->index(0, CaptureTableModel::PathColumn).data().toString(),
                 QStringLiteral("/hooks/firm?x=1"));
        QCOMPARE(table->model()->index(0, CaptureTableModel::StatusColumn).data().toString(), QStringLiteral("200"));
        QTRY_VERIFY(status->text().contains(QStringLiteral("1 capture")));

        table->setFocus();
        table->selectRow(0);
        auto* headers = window.findChild<QTreeWidget*>(QStringLiteral("headersTreeWidget"));
        QVERIFY(headers);
        QTRY_COMPARE(headers->topLevelItemCount(), 4);
        QCOMPARE(headers->topLevelItem(1)->text(0), QStringLiteral("X-Case-Kept"));
        QCOMPARE(headers->topLevelItem(1)->text(1), QStringLiteral("Yes"));
        auto* bodyView = window.findChild<QPlainTextEdit*>(QStringLiteral("bodyTextEdit"));
        QVERIFY(bodyView);
        QCOMPARE(bodyView->toPlainText(), QString::fromUtf8(body));
        auto* raw = window.findChild<QPlainTextEdit*>(QStringLiteral("rawTextEdit"));
        QVERIFY(raw->toPlainText().startsWith(QStringLiteral("POST /hooks/firm?x=1 HTTP/1.1\u240d\u240a")));
    }

    void binaryBodiesShowAsHex()
    {
        QTemporaryDir dir;
        auto windowSettings = testSettings(dir);
        MainWindow window(options(dir), windowSettings.get());
        QTRY_VERIFY(window.controller()->isReady()); // pruning the store comes first
        const QByteArray body("\x00\x01\xff\xfe binary", 12);
        send(window.endpoint()->port(), "PUT /blob HTTP/1.1\r\nContent-Length: 12\r\n\r\n" + body);
        auto* table = window.findChild<QTableView*>(QStringLiteral("captureTableView"));
        QTRY_COMPARE(table->model()->rowCount(), 1);
        table->selectRow(0);
        auto* bodyView = window.findChild<QPlainTextEdit*>(QStringLiteral("bodyTextEdit"));
        QTRY_VERIFY(bodyView->toPlainText().contains(QStringLiteral("00 01 ff fe 20 62")));
    }

    void filterNarrowsTheTable()
    {
        QTemporaryDir dir;
        auto windowSettings = testSettings(dir);
        MainWindow window(options(dir), windowSettings.get());
        QTRY_VERIFY(window.controller()->isReady()); // pruning the store comes first
        const quint16 port = window.endpoint()->port();
        send(port, "POST /alpha HTTP/1.1\r\nContent-Length: 0\r\n\r\n");
        send(port, "POST /beta HTTP/1.1\r\nContent-Length: 0\r\n\r\n");
        auto* table = window.findChild<QTableView*>(QStringLiteral("captureTableView"));
        QTRY_COMPARE(table->model()->rowCount(), 2);
        auto* filter = window.findChild<QLineEdit*>(QStringLiteral("filterLineEdit"));
        QTest::keyClicks(filter, QStringLiteral("beta"));
        QTRY_COMPARE(table->model()->rowCount(), 1);
        QCOMPARE(table->model()->index(0, CaptureTableModel::PathColumn).data().toString(), QStringLiteral("/beta"));
        // Arrivals while filtering are matched as they come.
        send(port, "POST /beta/2 HTTP/1.1\r\nContent-Length: 0\r\n\r\n");
        send(port, "POST /gamma HTTP/1.1\r\nContent-Length: 0\r\n\r\n");
        QTRY_COMPARE(window.captureModel()->rowCount(), 4);
        QCOMPARE(table->model()->rowCount(), 2);
        filter->clear();
        QTRY_COMPARE(table->model()->rowCount(), 4);
    }

    void takenPortIsReportedInline()
    {
        QTcpServer blocker;
        QVERIFY(blocker.listen(QHostAddress::LocalHost, 0));
        QTemporaryDir dir;
        auto windowSettings = testSettings(dir);
        MainWindow window(options(dir, blocker.serverPort()), windowSettings.get());
        QTRY_VERIFY(window.controller()->isReady()); // pruning the store comes first
        window.show();
        QVERIFY(!window.endpoint()->isRunning());
        auto* bar = window.findChild<MessageBar*>(QStringLiteral("messageBar"));
        QVERIFY(bar);
        QVERIFY2(bar->text().contains(QStringLiteral("Not capturing")), qPrintable(bar->text()));
        QVERIFY(window.findChild<QLabel*>(QStringLiteral("listeningLabel"))
                    ->text()
                    .startsWith(QStringLiteral("Not listening")));
        QCOMPARE(window.currentSessionId(), 1); // the failed start left no empty session behind
    }

    void previousSessionContinues()
    {
        QTemporaryDir dir;
        qint64 session = 0;
        {
            auto windowSettings = testSettings(dir);
            MainWindow window(options(dir), windowSettings.get());
            QTRY_VERIFY(window.controller()->isReady()); // pruning the store comes first
            send(window.endpoint()->port(), "POST /kept HTTP/1.1\r\nContent-Length: 0\r\n\r\n");
            QTRY_COMPARE(window.captureModel()->rowCount(), 1);
            session = window.endpoint()->sessionId();
        }
        auto againSettings = testSettings(dir);
        MainWindow again(options(dir), againSettings.get());
        QTRY_VERIFY(again.controller()->isReady()); // pruning the store comes first
        QCOMPARE(again.endpoint()->sessionId(), session);
        QTRY_COMPARE(again.captureModel()->rowCount(), 1);
        QCOMPARE(again.captureModel()->summaryAt(0).target, QByteArray("/kept"));
    }

    void deleteAndClearAreUndone()
    {
        QTemporaryDir dir;
        auto windowSettings = testSettings(dir);
        MainWindow window(options(dir), windowSettings.get());
        window.show();
        QTRY_VERIFY(window.controller()->isReady());
        for (const char* path : {"/one", "/two", "/three"})
            send(window.endpoint()->port(), QByteArray("POST ") + path + " HTTP/1.1\r\nContent-Length: 0\r\n\r\n");
        auto* table = window.findChild<QTableView*>(QStringLiteral("captureTableView"));
        QTRY_COMPARE(table->model()->rowCount(), 3);
        SessionStore* store = window.controller()->reader();
        const qint64 session = window.currentSessionId();
        auto action = [&window](const char* name) {
            return window.findChild<QAction*>(QLatin1String(name));
        };
        QVERIFY(!action("undoAction")->isEnabled());
        QVERIFY(!action("deleteSelectedAction")->isEnabled());

        table->setFocus();
        table->selectRow(0);
        table->selectionModel()->select(table->model()->index(1, 0),
                                        QItemSelectionModel::Select | QItemSelectionModel::Rows);
        QVERIFY(action("deleteSelectedAction")->isEnabled());
        QTest::keyClick(table, Qt::Key_Delete);
        QCOMPARE(table->model()->rowCount(), 1); // gone from the table at once
        QTRY_COMPARE(store->captureCount(session), 1); // and from the session, in the background
        QCOMPARE(window.captureModel()->summaryAt(0).target, QByteArray("/three"));
        QTRY_VERIFY(action("undoAction")->isEnabled());
        QCOMPARE(action("undoAction")->text(), QStringLiteral("&Undo Delete 2 Capture(s)"));

        QTest::keySequence(&window, QKeySequence::Undo);
        QTRY_COMPARE(table->model()->rowCount(), 3);
        QTRY_COMPARE(store->captureCount(session), 3);
        QCOMPARE(window.captureModel()->summaryAt(0).target, QByteArray("/one"));
        QVERIFY(action("redoAction")->isEnabled());
        action("redoAction")->trigger();
        QTRY_COMPARE(store->captureCount(session), 1);
        QCOMPARE(table->model()->rowCount(), 1);
        action("undoAction")->trigger();
        QTRY_COMPARE(table->model()->rowCount(), 3);

        // Clear Session, undone at once (before the store is done) still comes back whole.
        action("clearSessionAction")->trigger();
        QCOMPARE(table->model()->rowCount(), 0);
        action("undoAction")->trigger();
        QTRY_COMPARE(table->model()->rowCount(), 3);
        QTRY_COMPARE(store->captureCount(session), 3);

        // The history belongs to the session: another one drops it, and what it deleted goes for good.
        action("clearSessionAction")->trigger();
        QTRY_COMPARE(store->captureCount(session), 0);
        action("newSessionAction")->trigger();
        QTRY_VERIFY(window.currentSessionId() != session);
        QTRY_VERIFY(!action("undoAction")->isEnabled());
        QTRY_VERIFY(CaptureTrash(*store).trashIds().isEmpty());
    }
};

QTEST_MAIN(TestMainWindow)
#include "TestMainWindow.moc"

// SPDX-License-Identifier: MIT
#include <QAbstractItemModelTester>
#include <QAction>
#include <QApplication>
#include <QDialog>
#include <QFile>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QTabWidget>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

#include "RawHttp.h"
#include "models/CaptureFilterModel.h"
#include "payload/EventIndex.h"
#include "replay/ReplayController.h"
#include "session/CaptureTableModel.h"
#include "session/SessionController.h"
#include "settings/Settings.h"
#include "window/EmptyState.h"
#include "window/MainWindow.h"

// The window as a new user meets it, with a temporary typed Settings as every window test has.
class TestWorkbench final : public QObject
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
    static int signatureState(QTableView* table, int row)
    {
        return table->model()
            ->index(row, CaptureTableModel::SignatureColumn)
            .data(CaptureTableModel::SignatureStateRole)
            .toInt();
    }

private Q_SLOTS:
    void theTestDeliveryArrivesValid()
    {
        QTemporaryDir dir;
        auto settings = Settings::createTemporary(dir.filePath(QStringLiteral("settings.ini")));
        MainWindow window(options(dir), settings.get());
        window.show();
        QTRY_VERIFY(window.controller()->isReady());
        auto* empty = window.findChild<EmptyState*>(QStringLiteral("emptyState"));
        QVERIFY(empty->isVisible());
        const QString url = window.endpoint()->url();
        QVERIFY(window.findChild<QLineEdit*>(QStringLiteral("emptyUrlLineEdit"))->text().startsWith(url));
        QVERIFY(empty->curlCommand().startsWith(QStringLiteral("curl ")));

        // No secret typed: the delivery is signed with a test secret that is typed in for the user.
        QTest::mouseClick(window.findChild<QPushButton*>(QStringLiteral("testDeliveryPushButton")), Qt::LeftButton);
        auto* table = window.findChild<QTableView*>(QStringLiteral("captureTableView"));
        QTRY_COMPARE(table->model()->rowCount(), 1);
        QTRY_COMPARE_WITH_TIMEOUT(signatureState(table, 0), 1, 10000);
        QVERIFY(!empty->isVisible());
        QVERIFY(window.findChild<QLineEdit*>(QStringLiteral("secretLineEdit"))->text()
                == QStringLiteral("hookbench-test-secret"));
        QTRY_VERIFY(window.findChild<QLabel*>(QStringLiteral("listeningLabel"))
                        ->text()
                        .contains(QStringLiteral("1 valid, 0 invalid")));
    }

    void eventsAndReplayTabsFollowTheSelection()
    {
        QTemporaryDir dir;
        auto settings = Settings::createTemporary(dir.filePath(QStringLiteral("settings.ini")));
        MainWindow window(options(dir), settings.get());
        window.show();
        QTRY_VERIFY(window.controller()->isReady());
        const quint16 port = window.endpoint()->port();
        // An update for a document never created, then the same delivery again: both flagged.
        const QByteArray body = R"({"payload":{"date":"2024-11-08T21:49:46.733Z","events":[{"action":"update",)"
                                R"("schema":"user","docId":"u1","docUpdatedDate":"2024-11-08T21:49:46.733Z",)"
                                R"("diff":{"name":"Sam"}}]},"signature":"00"})";
        postRaw(port, "/hooks/firm", body, "Content-Type: application/json\r\n");
        postRaw(port, "/hooks/firm", body, "Content-Type: application/json\r\n");
        auto* table = window.findChild<QTableView*>(QStringLiteral("captureTableView"));
        QTRY_COMPARE(table->model()->rowCount(), 2);
        const auto events = [table](int row) {
            return table->model()->index(row, CaptureTableModel::EventsColumn).data().toString();
        };
        QTRY_VERIFY(events(1).startsWith(QStringLiteral("1 \u00b7 user")));
        QVERIFY2(events(1).contains(QStringLiteral("duplicate")), qPrintable(events(1)));
        QVERIFY(!events(0).contains(QStringLiteral("duplicate")));
        QVERIFY(window.controller()->eventIndex());
        QCOMPARE(window.controller()->eventIndex()->eventCount(), 2);

        auto* tabs = window.findChild<QTabWidget*>(QStringLiteral("detailTabWidget"));
        QStringList titles;
        for (int i = 0; i < tabs->count(); ++i)
            titles.append(tabs->tabText(i));
        QVERIFY(titles.contains(QStringLiteral("&Events")));
        QVERIFY(titles.contains(QStringLiteral("Re&play")));
        table->selectRow(0);
        auto* eventsTable = window.findChild<QTableView*>(QStringLiteral("eventsTableView"));
        QVERIFY(eventsTable);
        QTRY_COMPARE(eventsTable->model()->rowCount(), 1);
    }

    void theReplayTabOpensItsDialogs()
    {
        QTemporaryDir dir;
        auto settings = Settings::createTemporary(dir.filePath(QStringLiteral("settings.ini")));
        MainWindow window(options(dir), settings.get());
        window.show();
        QTRY_VERIFY(window.controller()->isReady());
        ReplayTarget target;
        target.name = QStringLiteral("local");
        target.url = QUrl(QStringLiteral("http://127.0.0.1:9/hook"));
        window.controller()->replay()->setTargets({target});
        postRaw(window.endpoint()->port(), "/hooks/firm", R"({"n":1})", "Content-Type: application/json\r\n");
        auto* table = window.findChild<QTableView*>(QStringLiteral("captureTableView"));
        QTRY_COMPARE(table->model()->rowCount(), 1);
        table->selectRow(0);
        auto* replayView = window.findChild<QWidget*>(QStringLiteral("replayView"));
        window.findChild<QTabWidget*>(QStringLiteral("detailTabWidget"))->setCurrentWidget(replayView);
        QTRY_VERIFY(replayView->findChild<QPushButton*>(QStringLiteral("editPushButton"))->isEnabled());
        // Each button opens its dialog modal over the Replay tab; the dialog is closed unanswered once it is up.
        const auto openedBy = [&window](const QString& buttonName) {
            QStringList opened;
            QTimer poll;
            poll.setInterval(10);
            QObject::connect(&poll, &QTimer::timeout, &window, [&opened, &poll] {
                if (auto* dialog = qobject_cast<QDialog*>(QApplication::activeModalWidget())) {
                    opened << dialog->objectName() << dialog->parentWidget()->objectName();
                    poll.stop();
                    dialog->reject();
                }
            });
            poll.start();
            QTest::mouseClick(window.findChild<QPushButton*>(buttonName), Qt::LeftButton);
            return opened;
        };
        QCOMPARE(openedBy(QStringLiteral("targetsPushButton")),
                 QStringList({QStringLiteral("replayTargetsDialog"), QStringLiteral("replayView")}));
        QCOMPARE(openedBy(QStringLiteral("editPushButton")),
                 QStringList({QStringLiteral("replayEditorDialog"), QStringLiteral("replayView")}));
    }

    void theFilterLanguageNarrowsAndABadQuerySaysWhere()
    {
        QTemporaryDir dir;
        auto settings = Settings::createTemporary(dir.filePath(QStringLiteral("settings.ini")));
        MainWindow window(options(dir), settings.get());
        window.show();
        QTRY_VERIFY(window.controller()->isReady());
        const quint16 port = window.endpoint()->port();
        postRaw(port, "/hooks/a", R"({"kind":"one"})", "X-Source: alpha\r\n");
        exchangeRaw(port, "GET /health HTTP/1.1\r\nContent-Length: 0\r\n\r\n");
        postRaw(port, "/hooks/b", R"({"kind":"two"})");
        auto* table = window.findChild<QTableView*>(QStringLiteral("captureTableView"));
        QTRY_COMPARE(table->model()->rowCount(), 3);
        auto* filter = window.findChild<QLineEdit*>(QStringLiteral("filterLineEdit"));
        auto* error = window.findChild<QLabel*>(QStringLiteral("filterErrorLabel"));
        filter->setText(QStringLiteral("method:POST path:/hooks/* -header:x-source"));
        QTRY_COMPARE(table->model()->rowCount(), 1);
        QCOMPARE(table->model()->index(0, CaptureTableModel::PathColumn).data().toString(), QStringLiteral("/hooks/b"));
        filter->setText(QStringLiteral("body:one or method:GET"));
        QTRY_COMPARE(table->model()->rowCount(), 2);
        // A bad query is shown with its place and is not applied.
        filter->setText(QStringLiteral("status:abc"));
        QTRY_VERIFY(error->isVisible());
        QVERIFY2(error->text().startsWith(QStringLiteral("Column 8:")), qPrintable(error->text()));
        QCOMPARE(table->model()->rowCount(), 2);
        // Arrivals are matched as they come, by their bytes.
        filter->setText(QStringLiteral("body:three"));
        QTRY_COMPARE(table->model()->rowCount(), 0);
        QVERIFY(!error->isVisible());
        postRaw(port, "/hooks/c", R"({"kind":"three"})");
        QTRY_COMPARE(window.captureModel()->rowCount(), 4);
        QTRY_COMPARE(table->model()->rowCount(), 1);
        QTest::keyClick(filter, Qt::Key_Return);
        QCOMPARE(settings->value(Settings::Key::RecentQueries).toStringList(),
                 QStringList {QStringLiteral("body:three")});
    }

    void aSignatureFilterDecidesArrivalsOnceChecked()
    {
        QTemporaryDir dir;
        auto settings = Settings::createTemporary(dir.filePath(QStringLiteral("settings.ini")));
        MainWindow window(options(dir), settings.get());
        window.show();
        QTRY_VERIFY(window.controller()->isReady());
        QTest::keyClicks(window.findChild<QLineEdit*>(QStringLiteral("secretLineEdit")), QStringLiteral("s3cret"));
        QTRY_VERIFY(!window.controller()->secrets().isEmpty());
        auto* table = window.findChild<QTableView*>(QStringLiteral("captureTableView"));
        auto* filter = window.findChild<QLineEdit*>(QStringLiteral("filterLineEdit"));
        filter->setText(QStringLiteral("sig:invalid path:/hooks/*"));
        QTRY_VERIFY(!window.findChild<CaptureFilterModel*>()->isFiltering());
        QCOMPARE(table->model()->rowCount(), 0);

        // A Firm App delivery with a wrong signature: unknown when it arrives, shown once it is checked.
        const QByteArray wrong = R"({"payload":{"events":[]},"signature":"00"})";
        postRaw(window.endpoint()->port(), "/hooks/firm", wrong, "Content-Type: application/json\r\n");
        QTRY_COMPARE(window.captureModel()->rowCount(), 1);
        QTRY_COMPARE(signatureState(table, 0), 2);
        QCOMPARE(table->model()->rowCount(), 1);

        // The test delivery is signed with the secret typed: it arrives valid and stays out.
        QTest::mouseClick(window.findChild<QPushButton*>(QStringLiteral("testDeliveryPushButton")), Qt::LeftButton);
        QTRY_COMPARE(window.captureModel()->rowCount(), 2);
        QTRY_COMPARE(window.captureModel()->validCount(), 1);
        QCOMPARE(table->model()->rowCount(), 1);
        filter->setText(QStringLiteral("-sig:invalid"));
        QTRY_VERIFY(!window.findChild<CaptureFilterModel*>()->isFiltering());
        QCOMPARE(table->model()->rowCount(), 1);
        QCOMPARE(signatureState(table, 0), 1);
    }

    void settingsSurviveARestartAndSecretsDoNot()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("settings.ini"));
        {
            auto settings = Settings::createTemporary(path);
            MainWindow window(options(dir), settings.get());
            window.show();
            QTRY_VERIFY(window.controller()->isReady());
            auto* table = window.findChild<QTableView*>(QStringLiteral("captureTableView"));
            table->horizontalHeader()->setSectionHidden(CaptureTableModel::SourceColumn, true);
            table->horizontalHeader()->moveSection(CaptureTableModel::SizeColumn, 1);
            window.resize(1111, 777);
            QTest::keyClicks(window.findChild<QLineEdit*>(QStringLiteral("secretLineEdit")),
                             QStringLiteral("do-not-keep-me"));
            QTRY_VERIFY(!window.controller()->secrets().isEmpty());
            window.close();
        }
        QFile file(path);
        QVERIFY(file.open(QIODevice::ReadOnly));
        QVERIFY(!file.readAll().contains("do-not-keep-me"));
        auto settings = Settings::createTemporary(path);
        MainWindow again(options(dir), settings.get());
        again.show();
        auto* table = again.findChild<QTableView*>(QStringLiteral("captureTableView"));
        QVERIFY(table->horizontalHeader()->isSectionHidden(CaptureTableModel::SourceColumn));
        QCOMPARE(table->horizontalHeader()->visualIndex(CaptureTableModel::SizeColumn), 1);
        QCOMPARE(again.size(), QSize(1111, 777));
        QVERIFY(again.findChild<QLineEdit*>(QStringLiteral("secretLineEdit"))->text().isEmpty());
    }

    void stopAndStartListening()
    {
        QTemporaryDir dir;
        auto settings = Settings::createTemporary(dir.filePath(QStringLiteral("settings.ini")));
        MainWindow window(options(dir), settings.get());
        QTRY_VERIFY(window.controller()->isReady());
        auto* toggle = window.findChild<QAction*>(QStringLiteral("startStopEndpointAction"));
        const quint16 port = window.endpoint()->port();
        toggle->trigger();
        QVERIFY(!window.endpoint()->isRunning());
        QTRY_VERIFY(window.findChild<QLabel*>(QStringLiteral("listeningLabel"))
                        ->text()
                        .startsWith(QStringLiteral("Not listening")));
        QVERIFY(exchangeRaw(port, "GET / HTTP/1.1\r\n\r\n").isEmpty());
        toggle->trigger();
        QVERIFY(window.endpoint()->isRunning());
        QVERIFY(exchangeRaw(window.endpoint()->port(), "GET / HTTP/1.1\r\nContent-Length: 0\r\n\r\n")
                    .startsWith("HTTP/1.1 200"));
    }

    void theFilterModelHoldsUnderTheTester()
    {
        QTemporaryDir dir;
        auto settings = Settings::createTemporary(dir.filePath(QStringLiteral("settings.ini")));
        MainWindow window(options(dir), settings.get());
        QTRY_VERIFY(window.controller()->isReady());
        auto* table = window.findChild<QTableView*>(QStringLiteral("captureTableView"));
        QAbstractItemModelTester tester(table->model(), QAbstractItemModelTester::FailureReportingMode::QtTest);
        const quint16 port = window.endpoint()->port();
        for (int i = 0; i < 5; ++i)
            postRaw(port, "/item/" + QByteArray::number(i), "x");
        QTRY_COMPARE(table->model()->rowCount(), 5);
        QTest::keyClicks(window.findChild<QLineEdit*>(QStringLiteral("filterLineEdit")), QStringLiteral("item/3"));
        QTRY_COMPARE(table->model()->rowCount(), 1);
        table->sortByColumn(CaptureTableModel::NumberColumn, Qt::DescendingOrder);
        postRaw(port, "/item/33", "x");
        QTRY_COMPARE(table->model()->rowCount(), 2);
        QCOMPARE(table->model()->index(0, CaptureTableModel::PathColumn).data().toString(), QStringLiteral("/item/33"));
        // Ascending by time or number is the rows' own order; an arrival goes to the end.
        for (const int column : {int(CaptureTableModel::TimeColumn), int(CaptureTableModel::NumberColumn)}) {
            table->sortByColumn(column, Qt::AscendingOrder);
            QCOMPARE(table->horizontalHeader()->sortIndicatorSection(), column);
            QCOMPARE(table->model()->index(0, CaptureTableModel::PathColumn).data().toString(),
                     QStringLiteral("/item/3"));
            QCOMPARE(table->model()->index(1, CaptureTableModel::PathColumn).data().toString(),
                     QStringLiteral("/item/33"));
        }
        postRaw(port, "/item/333", "x");
        QTRY_COMPARE(table->model()->rowCount(), 3);
        QCOMPARE(table->model()->index(2, CaptureTableModel::PathColumn).data().toString(),
                 QStringLiteral("/item/333"));
        table->sortByColumn(CaptureTableModel::TimeColumn, Qt::DescendingOrder);
        QCOMPARE(table->model()->index(0, CaptureTableModel::PathColumn).data().toString(),
                 QStringLiteral("/item/333"));
    }
};

QTEST_MAIN(TestWorkbench)
#include "TestWorkbench.moc"

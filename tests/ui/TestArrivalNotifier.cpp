// SPDX-License-Identifier: MIT
// New captures while the window is in the background: one desktop notification for a burst, none while the
// window is active or the setting is off, and the setting remembered.
#include <QAction>
#include <QTemporaryDir>
#include <QTest>

#include "RawHttp.h"
#include "TestSettings.h"
#include "session/SessionController.h"
#include "settings/Settings.h"
#include "window/ArrivalNotifier.h"
#include "window/MainWindow.h"

class TestArrivalNotifier final : public QObject
{
    Q_OBJECT

private:
    struct Shown
    {
        QString title;
        QString text;
    };

    static WindowOptions options(const QTemporaryDir& dir)
    {
        WindowOptions options;
        options.endpoint.server.port = 0;
        options.endpoint.storePath = dir.filePath(QStringLiteral("sessions.sqlite"));
        return options;
    }

    static void post(quint16 port, const QByteArray& path)
    {
        exchangeRaw(port, "POST " + path + " HTTP/1.1\r\nContent-Length: 2\r\n\r\n{}");
    }

private Q_SLOTS:
    void burstInTheBackgroundIsOneNotification()
    {
        QTemporaryDir dir;
        auto settings = testSettings(dir);
        MainWindow window(options(dir), settings.get()); // never shown: in the background
        QTRY_VERIFY(window.controller()->isReady());
        QList<Shown> shown;
        window.notifier()->setShow([&shown](const QString& title, const QString& text) {
            shown.append({title, text});
        });
        window.notifier()->setCoalesceMsecs(300);
        QVERIFY(window.notifier()->isEnabled()); // on by default
        const quint16 port = window.endpoint()->port();
        post(port, "/hooks/firm");
        post(port, "/hooks/other");
        post(port, "/hooks/third");
        QTRY_COMPARE(shown.size(), 1);
        QCOMPARE(shown.first().title, QStringLiteral("3 new capture(s)"));
        QCOMPARE(shown.first().text, QStringLiteral("POST /hooks/firm and 2 more"));
        QTest::qWait(500);
        QCOMPARE(shown.size(), 1); // nothing more without new arrivals

        // Off: nothing, and remembered.
        window.findChild<QAction*>(QStringLiteral("notifyAction"))->setChecked(false);
        post(port, "/hooks/quiet");
        QTest::qWait(600);
        QCOMPARE(shown.size(), 1);
        QCOMPARE(settings->value(Settings::Key::NotifyInBackground).toBool(), false);
    }

    void nothingWhileTheWindowIsActive()
    {
        QTemporaryDir dir;
        auto settings = testSettings(dir);
        MainWindow window(options(dir), settings.get());
        window.show();
        window.activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(&window));
        QTRY_VERIFY(window.controller()->isReady());
        int shown = 0;
        window.notifier()->setShow([&shown](const QString&, const QString&) { ++shown; });
        window.notifier()->setCoalesceMsecs(100);
        post(window.endpoint()->port(), "/hooks/firm");
        QTRY_COMPARE(window.controller()->captureCount(), 1);
        QTest::qWait(400);
        QCOMPARE(shown, 0);
    }

    void settingOffAtStart()
    {
        QTemporaryDir dir;
        auto settings = testSettings(dir);
        settings->setValue(Settings::Key::NotifyInBackground, false);
        MainWindow window(options(dir), settings.get());
        QVERIFY(!window.notifier()->isEnabled());
        QVERIFY(!window.findChild<QAction*>(QStringLiteral("notifyAction"))->isChecked());
    }
};

QTEST_MAIN(TestArrivalNotifier)
#include "TestArrivalNotifier.moc"

// SPDX-License-Identifier: MIT
// Light and dark: View > Appearance switches the palette at once and is remembered, and the colours with a
// meaning follow the palette so that they stay readable.
#include <QAction>
#include <QApplication>
#include <QTemporaryDir>
#include <QTest>

#include "TestSettings.h"
#include "session/SessionController.h"
#include "settings/Settings.h"
#include "widgets/Theme.h"
#include "window/MainWindow.h"

class TestAppearance final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void namesRoundTrip()
    {
        for (const Theme::Appearance a : {Theme::Appearance::System, Theme::Appearance::Light, Theme::Appearance::Dark})
            QCOMPARE(Theme::appearanceFromName(Theme::appearanceName(a)), std::optional<Theme::Appearance>(a));
        QVERIFY(!Theme::appearanceFromName(QStringLiteral("purple")));
    }

    void menuSwitchesAndRemembers()
    {
        QTemporaryDir dir;
        auto settings = testSettings(dir);
        WindowOptions options;
        options.endpoint.server.port = 0;
        options.endpoint.storePath = dir.filePath(QStringLiteral("sessions.sqlite"));
        MainWindow window(options, settings.get());
        QTRY_VERIFY(window.controller()->isReady());
        auto* system = window.findChild<QAction*>(QStringLiteral("systemAppearanceAction"));
        QVERIFY(system && system->isChecked());

        window.findChild<QAction*>(QStringLiteral("darkAppearanceAction"))->trigger();
        QVERIFY(Theme::isDark(QApplication::palette()));
        QCOMPARE(settings->value(Settings::Key::Appearance).toString(), QStringLiteral("dark"));
        // Text in a tone stays readable: light on the dark window, dark on the light one.
        const QColor darkGood = Theme::color(Theme::Tone::Good);
        QVERIFY(darkGood.lightnessF() > 0.5);

        window.findChild<QAction*>(QStringLiteral("lightAppearanceAction"))->trigger();
        QVERIFY(!Theme::isDark(QApplication::palette()));
        QVERIFY(Theme::color(Theme::Tone::Good).lightnessF() < 0.5);
        QCOMPARE(settings->value(Settings::Key::Appearance).toString(), QStringLiteral("light"));

        MainWindow again(options, settings.get());
        QVERIFY(again.findChild<QAction*>(QStringLiteral("lightAppearanceAction"))->isChecked());
    }
};

QTEST_MAIN(TestAppearance)
#include "TestAppearance.moc"

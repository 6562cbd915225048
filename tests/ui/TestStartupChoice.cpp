// SPDX-License-Identifier: MIT
// How a start picks its session (the setting, overridden by --new-session), the File menu's checkable action
// bound to that setting both ways, and what the user is told after the store was pruned.
#include <QAction>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include "core/ByteSize.h"
#include "dialogs/StartupChoice.h"
#include "settings/Settings.h"
#include "store/SessionStore.h"

using namespace Qt::StringLiterals;

class TestStartupChoice final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void continueFollowsTheSettingUnlessANewSessionIsAsked()
    {
        QTemporaryDir dir;
        auto settings = Settings::createTemporary(dir.filePath(u"s.ini"_s));
        QVERIFY(StartupChoice::continueLastSession(*settings, false));
        QVERIFY(!StartupChoice::continueLastSession(*settings, true));
        settings->setValue(Settings::Key::ContinueLastSession, false);
        QVERIFY(!StartupChoice::continueLastSession(*settings, false));
    }

    void actionAndSettingFollowEachOther()
    {
        QTemporaryDir dir;
        auto settings = Settings::createTemporary(dir.filePath(u"s.ini"_s));
        QObject owner;
        QAction* action = StartupChoice::createContinueLastSessionAction(settings.get(), &owner);
        QCOMPARE(action->objectName(), u"continueLastSessionAction"_s);
        QVERIFY(action->isCheckable());
        QVERIFY(action->isChecked());

        action->trigger();
        QVERIFY(!action->isChecked());
        QCOMPARE(settings->value(Settings::Key::ContinueLastSession).toBool(), false);

        QSignalSpy toggled(action, &QAction::toggled);
        settings->setValue(Settings::Key::ContinueLastSession, true);
        QVERIFY(action->isChecked());
        QCOMPARE(toggled.count(), 1);
        QCOMPARE(settings->value(Settings::Key::ContinueLastSession).toBool(), true);
    }

    void pruneMessage()
    {
        PruneResult nothing;
        QVERIFY(StartupChoice::pruneMessage(nothing).isEmpty());

        PruneResult some;
        for (const QString& name : {u"a"_s, u"b"_s, u"c"_s, u"d"_s, u"e"_s}) {
            SessionInfo info;
            info.name = name;
            some.removed.append(info);
        }
        some.bytesFreed = 3 * 1024 * 1024;
        const QString message = StartupChoice::pruneMessage(some);
        QVERIFY2(message.contains(u"5"_s), qPrintable(message));
        QVERIFY2(message.contains(ByteSize::text(some.bytesFreed)), qPrintable(message));
        QVERIFY2(message.contains(u"“a”, “b”, “c”"_s), qPrintable(message));
        QVERIFY2(!message.contains(u"“d”"_s), qPrintable(message));
        QVERIFY2(message.contains(u"2 more"_s), qPrintable(message));

        PruneResult failed;
        failed.error = Error {Error::Code::StoreBusy, u"database is locked"_s};
        QVERIFY(StartupChoice::pruneMessage(failed).contains(u"database is locked"_s));
    }
};

QTEST_MAIN(TestStartupChoice)
#include "TestStartupChoice.moc"

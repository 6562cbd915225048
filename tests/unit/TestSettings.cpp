// SPDX-License-Identifier: MIT
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include "settings/Settings.h"

class TestSettings final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void defaultsComeFromTheTable()
    {
        QTemporaryDir dir;
        auto settings = Settings::createTemporary(dir.filePath(QStringLiteral("s.ini")));
        QCOMPARE(settings->port(), 8787);
        QCOMPARE(settings->bindAddress(), QStringLiteral("127.0.0.1"));
        QCOMPARE(settings->maxBodyBytes(), qint64(64) * 1024 * 1024);
        QCOMPARE(settings->value(Settings::Key::ContinueLastSession).toBool(), true);
    }

    void valuesPersistAndSignal()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("s.ini"));
        {
            auto settings = Settings::createTemporary(path);
            QSignalSpy changed(settings.get(), &Settings::changed);
            settings->setValue(Settings::Key::Port, 9999);
            settings->setValue(Settings::Key::Port, 9999); // unchanged: no second signal
            QCOMPARE(changed.count(), 1);
            QCOMPARE(changed.at(0).at(0).value<Settings::Key>(), Settings::Key::Port);
        }
        auto reopened = Settings::createTemporary(path);
        QCOMPARE(reopened->port(), 9999);
        reopened->reset(Settings::Key::Port);
        QCOMPARE(reopened->port(), 8787);
    }

    void storedStringsConvertToTheDefaultsType()
    {
        QTemporaryDir dir;
        auto settings = Settings::createTemporary(dir.filePath(QStringLiteral("s.ini")));
        settings->setValue(Settings::Key::MaxBodyBytes, QStringLiteral("1024"));
        QCOMPARE(settings->value(Settings::Key::MaxBodyBytes).metaType(), QMetaType::fromType<qint64>());
        QCOMPARE(settings->maxBodyBytes(), 1024);
    }
};

QTEST_GUILESS_MAIN(TestSettings)
#include "TestSettings.moc"

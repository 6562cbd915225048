// SPDX-License-Identifier: MIT
#include <QTest>

#include "core/ByteSize.h"

// One way to write a size, used by the table, the detail views, the sessions dialog and messages.
class TestByteSize final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void text_data()
    {
        QTest::addColumn<qint64>("bytes");
        QTest::addColumn<QString>("text");
        QTest::newRow("zero") << qint64(0) << QStringLiteral("0 B");
        QTest::newRow("below a KiB") << qint64(1023) << QStringLiteral("1023 B");
        QTest::newRow("one KiB") << qint64(1024) << QStringLiteral("1.0 KiB");
        QTest::newRow("one and a half KiB") << qint64(1536) << QStringLiteral("1.5 KiB");
        QTest::newRow("3 MiB") << qint64(3) * 1024 * 1024 << QStringLiteral("3.0 MiB");
        QTest::newRow("2 GiB") << (qint64(2) << 30) << QStringLiteral("2.0 GiB");
        QTest::newRow("5 TiB") << (qint64(5) << 40) << QStringLiteral("5.0 TiB");
        QTest::newRow("past TiB stays TiB") << (qint64(3) << 50) << QStringLiteral("3072.0 TiB");
    }
    void text()
    {
        QFETCH(qint64, bytes);
        QFETCH(QString, text);
        QCOMPARE(ByteSize::text(bytes), text);
    }
};

QTEST_APPLESS_MAIN(TestByteSize)
#include "TestByteSize.moc"

// SPDX-License-Identifier: MIT
// startedDateTime as the tools write it (HAR 1.2: ISO 8601 with an offset) and as Hookbench writes it.
#include <QTest>

#include "har/HarFormat.h"

using namespace Qt::StringLiterals;

class TestHarDates final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void parse_data();
    void parse();
    void format_data();
    void format();
};

void TestHarDates::parse_data()
{
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<bool>("valid");
    QTest::addColumn<qint64>("msecsSinceEpoch");

    // Values cross-checked with `date -u -d '<text>' +%s%3N` (GNU coreutils).
    QTest::newRow("chromium Z") << QByteArray("2026-11-29T17:20:48.554Z") << true << qint64(1795972848554);
    QTest::newRow("firefox offset") << QByteArray("2024-07-15T10:21:18.245+02:00") << true << qint64(1721031678245);
    QTest::newRow("negative offset") << QByteArray("2024-07-15T10:21:18.245-05:30") << true << qint64(1721058678245);
    QTest::newRow("offset without colon")
        << QByteArray("2024-07-15T10:21:18.245+0200") << true << qint64(1721031678245);
    QTest::newRow("mitmproxy microseconds")
        << QByteArray("2024-09-01T12:00:01.250000+00:00") << true << qint64(1725192001250);
    QTest::newRow("one fraction digit") << QByteArray("2024-07-15T10:21:20.5+02:00") << true << qint64(1721031680500);
    QTest::newRow("no fraction") << QByteArray("2025-05-10T09:30:00+00:00") << true << qint64(1746869400000);
    QTest::newRow("no fraction Z") << QByteArray("2025-05-10T09:30:00Z") << true << qint64(1746869400000);
    QTest::newRow("leap day") << QByteArray("2024-02-29T00:00:00.000Z") << true << qint64(1709164800000);
    QTest::newRow("epoch") << QByteArray("1970-01-01T00:00:00.000Z") << true << qint64(0);
    QTest::newRow("before epoch") << QByteArray("1969-12-31T23:59:59.999Z") << true << qint64(-1);
    QTest::newRow("february 30") << QByteArray("2023-02-30T00:00:00.000Z") << false << qint64(0);
    QTest::newRow("24:00 ends the day") << QByteArray("2023-01-01T24:00:00.000Z") << true << qint64(1672617600000);
    QTest::newRow("hour 25") << QByteArray("2023-01-01T25:00:00.000Z") << false << qint64(0);
    QTest::newRow("words") << QByteArray("yesterday") << false << qint64(0);
    QTest::newRow("empty") << QByteArray() << false << qint64(0);
    QTest::newRow("dot without digits") << QByteArray("2024-01-01T00:00:00.Z") << false << qint64(0);
}

void TestHarDates::parse()
{
    QFETCH(QByteArray, text);
    QFETCH(bool, valid);
    QFETCH(qint64, msecsSinceEpoch);
    const QDateTime time = HarFormat::parseIsoDate(text);
    if (!valid) {
        QVERIFY2(!time.isValid(), qPrintable(time.toString(Qt::ISODateWithMs)));
        return;
    }
    QVERIFY(time.isValid());
    QCOMPARE(time.toMSecsSinceEpoch(), msecsSinceEpoch);
    QCOMPARE(time.timeSpec(), Qt::UTC);
}

void TestHarDates::format_data()
{
    QTest::addColumn<QDateTime>("time");
    QTest::newRow("utc") << QDateTime(QDate(2026, 11, 29), QTime(17, 12, 30, 123), Qt::UTC);
    QTest::newRow("offset") << QDateTime(QDate(2024, 7, 15), QTime(10, 21, 18, 245), Qt::OffsetFromUTC, 7200);
    QTest::newRow("epoch") << QDateTime::fromMSecsSinceEpoch(0, Qt::UTC);
    QTest::newRow("before epoch") << QDateTime::fromMSecsSinceEpoch(-1, Qt::UTC);
    QTest::newRow("year 1") << QDateTime(QDate(1, 1, 1), QTime(0, 0), Qt::UTC);
    QTest::newRow("year 9999") << QDateTime(QDate(9999, 12, 31), QTime(23, 59, 59, 999), Qt::UTC);
    QTest::newRow("leap day") << QDateTime(QDate(2000, 2, 29), QTime(12, 0), Qt::UTC);
}

void TestHarDates::format()
{
    QFETCH(QDateTime, time);
    // The same text Qt writes, and it reads back to the same instant.
    const QByteArray text = HarFormat::isoDate(time);
    QCOMPARE(text, time.toUTC().toString(Qt::ISODateWithMs).toLatin1());
    QCOMPARE(HarFormat::parseIsoDate(text).toMSecsSinceEpoch(), time.toMSecsSinceEpoch());
}

QTEST_GUILESS_MAIN(TestHarDates)
#include "TestHarDates.moc"

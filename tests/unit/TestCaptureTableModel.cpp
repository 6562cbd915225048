// SPDX-License-Identifier: MIT
#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTest>

#include "session/CaptureTableModel.h"

class TestCaptureTableModel final : public QObject
{
    Q_OBJECT

private:
    static QList<CaptureSummary> make(qint64 firstId, int count)
    {
        QList<CaptureSummary> list;
        for (int i = 0; i < count; ++i) {
            CaptureSummary summary;
            summary.id = firstId + i;
            summary.method = "POST";
            summary.target = "/hooks/" + QByteArray::number(firstId + i);
            summary.bodyBytes = 100 + i;
            summary.responseStatus = 200;
            summary.receivedAt = QDateTime::currentDateTimeUtc();
            list.append(summary);
        }
        return list;
    }

private Q_SLOTS:
    void burstIsInsertedOncePerTurn()
    {
        CaptureTableModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
        for (int i = 0; i < 100; ++i)
            model.enqueue(make(1 + i * 10, 10));
        QCOMPARE(model.rowCount(), 0); // nothing until the event loop turns
        QTRY_COMPARE(model.rowCount(), 1000);
        QCOMPARE(inserted.count(), 1);
        QCOMPARE(inserted.at(0).at(1).toInt(), 0);
        QCOMPARE(inserted.at(0).at(2).toInt(), 999);
    }

    void idLookupIsExact()
    {
        CaptureTableModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.reset(make(10, 5));
        model.enqueue(make(100, 3));
        model.flushQueued();
        QCOMPARE(model.rowCount(), 8);
        QCOMPARE(model.rowOfId(10), 0);
        QCOMPARE(model.rowOfId(14), 4);
        QCOMPARE(model.rowOfId(102), 7);
        QCOMPARE(model.rowOfId(99), -1);
        QCOMPARE(model.idAt(7), 102);
        QCOMPARE(model.idAt(8), 0);
        model.clear();
        QCOMPARE(model.rowOfId(10), -1);
    }

    void displayAndSortRoles_data()
    {
        QTest::addColumn<int>("column");
        QTest::addColumn<QVariant>("display");
        QTest::addColumn<QVariant>("sort");
        QTest::newRow("method") << int(CaptureTableModel::MethodColumn) << QVariant(QStringLiteral("POST"))
                                << QVariant(QStringLiteral("POST"));
        QTest::newRow("path") << int(CaptureTableModel::PathColumn) << QVariant(QStringLiteral("/hooks/7"))
                              << QVariant(QStringLiteral("/hooks/7"));
        QTest::newRow("size") << int(CaptureTableModel::SizeColumn) << QVariant(QStringLiteral("100 B"))
                              << QVariant(qint64(100));
        QTest::newRow("status") << int(CaptureTableModel::StatusColumn) << QVariant(QStringLiteral("200"))
                                << QVariant(200);
        QTest::newRow("time sorts by arrival")
            << int(CaptureTableModel::TimeColumn) << QVariant() << QVariant(qint64(7));
    }

    void displayAndSortRoles()
    {
        QFETCH(int, column);
        QFETCH(QVariant, display);
        QFETCH(QVariant, sort);
        CaptureTableModel model;
        model.reset(make(7, 1));
        const QModelIndex index = model.index(0, column);
        if (display.isValid())
            QCOMPARE(model.data(index, Qt::DisplayRole), display);
        QCOMPARE(model.data(index, CaptureTableModel::SortRole), sort);
        QCOMPARE(model.data(index, CaptureTableModel::IdRole).toLongLong(), 7);
    }

    void filterMatching_data()
    {
        QTest::addColumn<QString>("needle");
        QTest::addColumn<bool>("expected");
        QTest::newRow("empty matches all") << QString() << true;
        QTest::newRow("method, any case") << QStringLiteral("post") << true;
        QTest::newRow("path part") << QStringLiteral("HOOKS/7") << true;
        QTest::newRow("status") << QStringLiteral("200") << true;
        QTest::newRow("other path") << QStringLiteral("/other") << false;
        QTest::newRow("not malformed") << QStringLiteral("malformed") << false;
    }

    void filterMatching()
    {
        QFETCH(QString, needle);
        QFETCH(bool, expected);
        QCOMPARE(CaptureTableModel::matches(make(7, 1).constFirst(), needle), expected);
    }

    void largeSizesAndMissingAnswers()
    {
        CaptureTableModel model;
        QList<CaptureSummary> rows = make(1, 2);
        rows[0].bodyBytes = 3 * 1024 * 1024;
        rows[1].responseStatus = 0;
        rows[1].malformed = true;
        model.reset(rows);
        QCOMPARE(model.data(model.index(0, CaptureTableModel::SizeColumn)).toString(), QStringLiteral("3.0 MiB"));
        QVERIFY(model.data(model.index(1, CaptureTableModel::StatusColumn))
                    .toString()
                    .contains(QLatin1String("no answer")));
        QCOMPARE(model.data(model.index(1, 0), CaptureTableModel::MalformedRole).toBool(), true);
    }
};

QTEST_GUILESS_MAIN(TestCaptureTableModel)
#include "TestCaptureTableModel.moc"

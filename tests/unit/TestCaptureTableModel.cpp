// SPDX-License-Identifier: MIT
#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTest>

#include "session/CaptureTableModel.h"

using namespace Qt::StringLiterals;

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

    void removedRowsComeBackAsTheyWere_data()
    {
        QTest::addColumn<QList<qint64>>("ids");
        QTest::newRow("one") << QList<qint64> {5};
        QTest::newRow("two runs") << QList<qint64> {2, 3, 4, 8};
        QTest::newRow("first and last") << QList<qint64> {1, 40};
        QList<qint64> odd; // more runs than are moved one by one: a reset
        for (qint64 id = 1; id <= 40; id += 2)
            odd.append(id);
        QTest::newRow("every other") << odd;
        QList<qint64> all;
        for (qint64 id = 1; id <= 40; ++id)
            all.append(id);
        QTest::newRow("all") << all;
    }

    void removedRowsComeBackAsTheyWere()
    {
        QFETCH(QList<qint64>, ids);
        CaptureTableModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.reset(make(1, 40));
        QHash<qint64, CaptureTableModel::SignatureCell> cells;
        for (qint64 id = 1; id <= 40; ++id) {
            CaptureTableModel::SignatureCell cell;
            cell.state = id % 2 ? 1 : 2;
            cells.insert(id, cell);
        }
        model.setSignatures(cells, true);
        QCOMPARE(model.validCount() + model.invalidCount(), 40);

        const CaptureTableModel::Removed removed = model.removeIds(ids + QList<qint64> {999});
        QCOMPARE(removed.rows.size(), ids.size());
        QCOMPARE(model.rowCount(), 40 - int(ids.size()));
        QCOMPARE(model.validCount() + model.invalidCount(), 40 - int(ids.size()));
        for (qint64 id : ids)
            QCOMPARE(model.rowOfId(id), -1);
        for (int row = 0; row < model.rowCount(); ++row) {
            QCOMPARE(model.rowOfId(model.idAt(row)), row);
            QVERIFY(!ids.contains(model.idAt(row)));
        }

        model.restore(removed);
        QCOMPARE(model.rowCount(), 40);
        QCOMPARE(model.validCount(), 20);
        QCOMPARE(model.invalidCount(), 20);
        for (int row = 0; row < 40; ++row) {
            QCOMPARE(model.idAt(row), qint64(row + 1));
            QCOMPARE(model.rowOfId(row + 1), row);
        }
        model.restore(removed); // twice: nothing doubles
        QCOMPARE(model.rowCount(), 40);
    }

    void cellsChangeOnlyTheirRows()
    {
        CaptureTableModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.reset(make(1, 1000));
        QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
        const auto span = [&changed](int at) {
            const auto first = changed.at(at).at(0).value<QModelIndex>();
            const auto last = changed.at(at).at(1).value<QModelIndex>();
            return std::tuple {first.row(), last.row(), first.column(), last.column()};
        };
        CaptureTableModel::SignatureCell cell;
        cell.state = 1;
        // Two runs of rows: one dataChanged each, over the signature column only.
        model.setSignatures({{998, cell}, {999, cell}, {1000, cell}, {10, cell}, {77777, cell}}, false);
        QCOMPARE(changed.count(), 2);
        QCOMPARE(span(0),
                 std::tuple(9, 9, int(CaptureTableModel::SignatureColumn), int(CaptureTableModel::SignatureColumn)));
        QCOMPARE(
            span(1),
            std::tuple(997, 999, int(CaptureTableModel::SignatureColumn), int(CaptureTableModel::SignatureColumn)));
        QCOMPARE(model.validCount(), 5); // 77777 may still be queued: its cell counts
        // Many scattered rows: one span from the first to the last.
        changed.clear();
        QHash<qint64, CaptureTableModel::EventsCell> events;
        for (qint64 id = 5; id <= 500; id += 5)
            events.insert(id, {});
        model.setEvents(events, false);
        QCOMPARE(changed.count(), 1);
        QCOMPARE(span(0),
                 std::tuple(4, 499, int(CaptureTableModel::EventsColumn), int(CaptureTableModel::EventsColumn)));
        // Everything replaced: the whole column.
        changed.clear();
        model.setSignatures({}, true);
        QCOMPARE(changed.count(), 1);
        QCOMPARE(span(0),
                 std::tuple(0, 999, int(CaptureTableModel::SignatureColumn), int(CaptureTableModel::SignatureColumn)));
        QCOMPARE(model.validCount(), 0);
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

    // A million rows that say the same things hold each text once: arrivals and cells share equal texts,
    // built separately, by their data.
    void repeatedTextsAreHeldOnce()
    {
        CaptureTableModel model;
        QList<CaptureSummary> rows = make(1, 3);
        for (CaptureSummary& row : rows) {
            row.target = QByteArray("/hooks/") + QByteArray("firm"); // equal, but each its own copy
            row.peerAddress = QString::number(127) + u".0.0.1";
        }
        QVERIFY(rows[0].target.constData() != rows[1].target.constData());
        model.enqueue(rows);
        model.flushQueued();
        QCOMPARE(model.summaryAt(2).target, QByteArray("/hooks/firm"));
        QCOMPARE(model.summaryAt(0).target.constData(), model.summaryAt(2).target.constData());
        QCOMPARE(model.summaryAt(0).peerAddress.constData(), model.summaryAt(1).peerAddress.constData());

        QHash<qint64, CaptureTableModel::SignatureCell> signatures;
        QHash<qint64, CaptureTableModel::EventsCell> events;
        for (qint64 id = 1; id <= 3; ++id) {
            signatures.insert(id, {1, u"valid · "_s + u"Firm App", u"firm-app: valid "_s + u"(raw payload bytes)", {}});
            events.insert(id, {2, QString::number(2) + u" · user", DeliveryFlag::Duplicate | DeliveryFlag::NewField});
        }
        model.setSignatures(signatures, false);
        model.setEvents(events, false);
        const auto text = [&model](int row, int column, int role) {
            return model.data(model.index(row, column), role).toString();
        };
        QCOMPARE(text(2, CaptureTableModel::SignatureColumn, Qt::DisplayRole), u"valid · Firm App"_s);
        QCOMPARE(text(0, CaptureTableModel::SignatureColumn, Qt::ToolTipRole).constData(),
                 text(2, CaptureTableModel::SignatureColumn, Qt::ToolTipRole).constData());
        QCOMPARE(text(0, CaptureTableModel::SignatureColumn, Qt::DisplayRole).constData(),
                 text(1, CaptureTableModel::SignatureColumn, Qt::DisplayRole).constData());
        // The events cell keeps its flags as bits; the views still see their names.
        QCOMPARE(text(1, CaptureTableModel::EventsColumn, Qt::DisplayRole), u"2 · user  duplicate, new_field"_s);
        QCOMPARE(model.data(model.index(1, 0), CaptureTableModel::EventFlagsRole).toStringList(),
                 (QStringList {u"duplicate"_s, u"new_field"_s}));
        QCOMPARE(text(1, CaptureTableModel::EventsColumn, Qt::ToolTipRole), u"Delivery checks: duplicate, new_field"_s);
    }
};

QTEST_GUILESS_MAIN(TestCaptureTableModel)
#include "TestCaptureTableModel.moc"

// SPDX-License-Identifier: MIT
// The compare view with two (headers, body) pairs and their titles, as the capture compare and replay use
// it: the body's structural differences, the headers side by side, whole values below; models under the
// tester.
#include <QAbstractItemModelTester>
#include <QCheckBox>
#include <QLabel>
#include <QPlainTextEdit>
#include <QTableView>
#include <QTest>

#include "detail/CompareView.h"
#include "dialogs/CompareDialog.h"

using namespace Qt::StringLiterals;

namespace {

QString cell(QTableView* view, int row, int column)
{
    return view->model()->data(view->model()->index(row, column)).toString();
}

QString header(QTableView* view, int column)
{
    return view->model()->headerData(column, Qt::Horizontal).toString();
}

const CompareSide original {u"Original answer"_s,
                            {{"Content-Type", "application/json"}, {"X-Request-Id", "a1"}, {"Server", "nginx"}},
                            R"({"received":true,"id":12,"items":[1,2],"meta":{"b":1,"a":2}})"};
const CompareSide replayed {u"Replay answer"_s,
                            {{"content-type", "application/json"}, {"X-Request-Id", "b2"}, {"Server", "nginx"}},
                            R"({"id":13,"received":true,"items":[1,2,3],"meta":{"a":2,"b":1}})"};

} // namespace

class TestCompareView final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void showsBodyAndHeaderDifferences();
    void identicalSides();
    void dialogTitles();
};

void TestCompareView::showsBodyAndHeaderDifferences()
{
    CompareView view;
    auto* body = view.findChild<QTableView*>(u"compareBodyTableView"_s);
    auto* headers = view.findChild<QTableView*>(u"compareHeadersTableView"_s);
    new QAbstractItemModelTester(body->model(), QAbstractItemModelTester::FailureReportingMode::Fatal, &view);
    new QAbstractItemModelTester(headers->model(), QAbstractItemModelTester::FailureReportingMode::Fatal, &view);
    view.setSides(original, replayed);

    QCOMPARE(view.findChild<QLabel*>(u"compareTitlesLabel"_s)->text(),
             u"Original answer (left) and Replay answer (right)"_s);
    QCOMPARE(header(body, 1), u"Original answer"_s);
    QCOMPARE(header(body, 2), u"Replay answer"_s);
    QStringList rows;
    for (int row = 0; row < body->model()->rowCount(); ++row)
        rows.append(
            u"%1 | %2 | %3 | %4"_s.arg(cell(body, row, 0), cell(body, row, 1), cell(body, row, 2), cell(body, row, 3)));
    QCOMPARE(
        rows,
        (QStringList {
            u"id | 12 | 13 | changed"_s, u"items[2] | (none) | 3 | added"_s,
            uR"(meta | ["b","a"] | ["a","b"] | order changed)"_s,
            uR"((the whole body) | ["received","id","items","meta"] | ["id","received","items","meta"] | order changed)"_s}));
    QCOMPARE(view.findChild<QLabel*>(u"compareBodyNoteLabel"_s)->text(), u"Both bodies are JSON: 4 difference(s)."_s);
    // The first difference's values, whole, side by side.
    QCOMPARE(view.findChild<QPlainTextEdit*>(u"compareLeftPlainTextEdit"_s)->toPlainText(), u"12"_s);
    QCOMPARE(view.findChild<QPlainTextEdit*>(u"compareRightPlainTextEdit"_s)->toPlainText(), u"13"_s);

    QCOMPARE(headers->model()->rowCount(), 3);
    QCOMPARE(cell(headers, 1, 0), u"X-Request-Id"_s);
    QCOMPARE(cell(headers, 1, 1), u"a1"_s);
    QCOMPARE(cell(headers, 1, 2), u"b2"_s);
    QCOMPARE(cell(headers, 1, 3), u"changed"_s);
    QCOMPARE(view.findChild<QLabel*>(u"compareHeadersNoteLabel"_s)->text(), u"1 header name(s) differ"_s);
    view.findChild<QCheckBox*>(u"differencesOnlyCheckBox"_s)->setChecked(true);
    QCOMPARE(headers->model()->rowCount(), 1);
    QCOMPARE(cell(headers, 0, 0), u"X-Request-Id"_s);
}

void TestCompareView::identicalSides()
{
    CompareView view;
    view.setSides(original, CompareSide {u"Same"_s, original.headers, original.body});
    QCOMPARE(view.findChild<QLabel*>(u"compareTitlesLabel"_s)->text(), u"Original answer and Same: identical"_s);
    QCOMPARE(view.findChild<QTableView*>(u"compareBodyTableView"_s)->model()->rowCount(), 0);
    QVERIFY(view.comparison().identical());
    view.clear();
    QCOMPARE(view.findChild<QLabel*>(u"compareTitlesLabel"_s)->text(), u"Nothing to compare"_s);
}

void TestCompareView::dialogTitles()
{
    Capture a;
    a.body = "plain";
    Capture b;
    b.body = "plane";
    auto* dialog = new CompareDialog(CompareSide::of(a, u"Capture 1"_s), CompareSide::of(b, u"Capture 2"_s));
    QCOMPARE(dialog->windowTitle(), u"Compare Capture 1 and Capture 2"_s);
    QVERIFY(dialog->findChild<QLabel*>(u"compareBodyNoteLabel"_s)->text().contains(u"first difference at byte 3"_s));
    QCOMPARE(dialog->objectName(), u"compareDialog"_s);
    delete dialog;
}

QTEST_MAIN(TestCompareView)
#include "TestCompareView.moc"

// SPDX-License-Identifier: MIT
// The timeline view: a document's events in docUpdatedDate order with the known state after each, the
// selected entry's changes, activation back to a capture; its models under the tester.
#include <QAbstractItemModelTester>
#include <QLabel>
#include <QPlainTextEdit>
#include <QSignalSpy>
#include <QTableView>
#include <QTest>

#include "PayloadFixtures.h"
#include "detail/TimelineView.h"
#include "dialogs/TimelineDialog.h"
#include "models/TimelineModel.h"
#include "payload/EventIndex.h"

using namespace Qt::StringLiterals;
using fixtures::body;
using fixtures::firmEvent;

namespace {

QString cell(QTableView* view, int row, int column)
{
    return view->model()->data(view->model()->index(row, column)).toString();
}

} // namespace

class TestTimelineView final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void showsTheDocumentsHistory();
    void activatingAnEntryNamesItsCapture();
    void followsArrivals();
    void dialogShowsTheDocument();

private:
    EventIndex m_index;
};

void TestTimelineView::init()
{
    m_index.clear();
    m_index.add(fixtures::capture(
        1, body({firmEvent("create", "user", "u1", "2024-11-08T10:00:00.000Z", R"({"name":"Sam"})")})));
    m_index.add(
        fixtures::capture(2, body({firmEvent("update", "user", "u1", "2024-11-08T12:00:00.000Z", R"({"age":41})")})));
    m_index.add(
        fixtures::capture(3,
                          body({firmEvent("update", "user", "u1", "2024-11-08T11:00:00.000Z", R"({"age":40})"),
                                firmEvent("update", "user", "u2", "2024-11-08T11:00:00.000Z", R"({"age":3})")})));
}

void TestTimelineView::showsTheDocumentsHistory()
{
    TimelineView view;
    auto* entries = view.findChild<QTableView*>(u"timelineTableView"_s);
    auto* changes = view.findChild<QTableView*>(u"timelineChangesTableView"_s);
    new QAbstractItemModelTester(entries->model(), QAbstractItemModelTester::FailureReportingMode::Fatal, &view);
    new QAbstractItemModelTester(changes->model(), QAbstractItemModelTester::FailureReportingMode::Fatal, &view);
    view.setIndex(&m_index);
    view.showDocument(u"user"_s, u"u1"_s);
    QCOMPARE(view.findChild<QLabel*>(u"timelineTitleLabel"_s)->text(), u"user u1: 3 event(s)"_s);
    QCOMPARE(entries->model()->rowCount(), 3);
    QCOMPARE(
        (QStringList {cell(entries, 0, TimelineModel::CaptureColumn), cell(entries, 1, TimelineModel::CaptureColumn),
                      cell(entries, 2, TimelineModel::CaptureColumn)}),
        (QStringList {u"1 #0"_s, u"3 #0"_s, u"2 #0"_s}));
    QCOMPARE(cell(entries, 1, TimelineModel::FlagsColumn), u"out_of_order"_s);
    QCOMPARE(cell(entries, 2, TimelineModel::FlagsColumn), u"new_field"_s);
    QCOMPARE(cell(entries, 2, TimelineModel::StateColumn), uR"({"name":"Sam","age":41})"_s);
    // The latest entry is selected: its change, and the state laid out in the pane.
    auto* state = view.findChild<QPlainTextEdit*>(u"timelineStatePlainTextEdit"_s);
    QCOMPARE(state->toPlainText(), u"{\n  \"name\": \"Sam\",\n  \"age\": 41\n}"_s);
    QCOMPARE(cell(changes, 0, 1), u"40"_s);
    QCOMPARE(cell(changes, 0, 2), u"41"_s);
    view.selectEntry(0);
    QCOMPARE(cell(changes, 0, 0), u"name"_s);
    QCOMPARE(cell(changes, 0, 3), u"added"_s);
    QCOMPARE(state->toPlainText(), u"{\n  \"name\": \"Sam\"\n}"_s);

    view.showDocument(u"user"_s, u"nobody"_s);
    QCOMPARE(entries->model()->rowCount(), 0);
    QCOMPARE(state->toPlainText(), QString());
}

void TestTimelineView::activatingAnEntryNamesItsCapture()
{
    TimelineView view;
    view.setIndex(&m_index);
    view.showDocument(u"user"_s, u"u1"_s);
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    QSignalSpy spy(&view, &TimelineView::captureActivated);
    auto* entries = view.findChild<QTableView*>(u"timelineTableView"_s);
    view.selectEntry(1);
    entries->setFocus();
    QTest::keyClick(entries, Qt::Key_Return);
    QCOMPARE(spy.count(), 1);
    QCOMPARE(spy.at(0).at(0).toLongLong(), 3);
}

void TestTimelineView::followsArrivals()
{
    TimelineView view;
    view.setIndex(&m_index);
    view.showDocument(u"user"_s, u"u1"_s);
    m_index.add(fixtures::capture(4, body({firmEvent("delete", "user", "u1", "2024-11-08T13:00:00.000Z")})));
    view.refresh();
    auto* entries = view.findChild<QTableView*>(u"timelineTableView"_s);
    QCOMPARE(entries->model()->rowCount(), 4);
    QCOMPARE(cell(entries, 3, TimelineModel::StateColumn), u"(deleted)"_s);
}

void TestTimelineView::dialogShowsTheDocument()
{
    auto* dialog = new TimelineDialog(&m_index, u"user"_s, u"u2"_s);
    QCOMPARE(dialog->objectName(), u"timelineDialog"_s);
    QCOMPARE(dialog->view()->docId(), u"u2"_s);
    QCOMPARE(dialog->findChild<QTableView*>(u"timelineTableView"_s)->model()->rowCount(), 1);
    QVERIFY(dialog->testAttribute(Qt::WA_DeleteOnClose));
    delete dialog;
}

QTEST_MAIN(TestTimelineView)
#include "TestTimelineView.moc"

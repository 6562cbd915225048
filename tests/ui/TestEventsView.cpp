// SPDX-License-Identifier: MIT
// The Events view on its own: the events table of a capture, the changes of the selected event with folding
// values, payload problems, the timeline request, plain text and palette colours; models under the tester.
#include <QAbstractItemModelTester>
#include <QApplication>
#include <QLabel>
#include <QPalette>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QTableView>
#include <QTest>

#include "PayloadFixtures.h"
#include "detail/EventsView.h"
#include "models/FieldChangesModel.h"
#include "session/TaskRunner.h"

using namespace Qt::StringLiterals;
using fixtures::body;
using fixtures::firmEvent;

namespace {

const QByteArray t1 = "2024-11-08T10:00:00.000Z";
const QByteArray t2 = "2024-11-08T11:00:00.000Z";

QString cell(QTableView* view, int row, int column, int role = Qt::DisplayRole)
{
    return view->model()->data(view->model()->index(row, column), role).toString();
}

const QByteArray longText = "\"" + QByteArray(200, 'x') + "\"";

} // namespace

class TestEventsView final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void showsEventsAndTheirChanges();
    void foldsAndExpandsLongValues();
    void requestsTheTimeline();
    void captureOutsideTheIndex();
    void problemsAndOtherBodies();
    void outsideTextStaysPlain();
    void coloursFollowThePalette();
    void refreshAfterArrivals();
    void largeBodiesAreReadOnTheRunner();

private:
    void attachTesters(EventsView& view);

    EventIndex m_index;
    QList<Capture> m_captures;
};

void TestEventsView::init()
{
    m_index.clear();
    m_captures = {
        fixtures::capture(1, body({firmEvent("create", "user", "u1", t1, R"({"name":"Sam","bio":)" + longText + "}")})),
        fixtures::capture(2,
                          body({firmEvent("update", "user", "u1", t2, R"({"name":"Sam Smith","bio":"short"})"),
                                firmEvent("delete", "invoice", "i7", t2)})),
    };
    for (const Capture& capture : m_captures)
        m_index.add(capture);
}

void TestEventsView::attachTesters(EventsView& view)
{
    for (const char* name : {"eventsTableView", "changesTableView"}) {
        auto* table = view.findChild<QTableView*>(QLatin1String(name));
        QVERIFY(table);
        // Owned by the view, so it goes with the models it watches.
        new QAbstractItemModelTester(table->model(), QAbstractItemModelTester::FailureReportingMode::Fatal, &view);
    }
}

void TestEventsView::showsEventsAndTheirChanges()
{
    EventsView view;
    attachTesters(view);
    view.setIndex(&m_index);
    view.showCapture(m_captures.at(1));
    view.show();
    auto* events = view.findChild<QTableView*>(u"eventsTableView"_s);
    auto* changes = view.findChild<QTableView*>(u"changesTableView"_s);
    auto* summary = view.findChild<QLabel*>(u"eventsSummaryLabel"_s);
    QCOMPARE(summary->text(), u"2 event(s) \u00b7 user, invoice \u00b7 unknown_document"_s);
    QCOMPARE(events->model()->rowCount(), 2);
    QCOMPARE(events->model()->columnCount(), 6);
    QCOMPARE((QStringList {cell(events, 0, 0), cell(events, 0, 1), cell(events, 0, 2), cell(events, 0, 3),
                           cell(events, 0, 4), cell(events, 0, 5)}),
             (QStringList {u"update"_s, u"user"_s, u"u1"_s, QString::fromLatin1(t2), u"2: name, bio"_s, QString()}));
    QCOMPARE(cell(events, 1, 4), u"(deleted)"_s);
    QCOMPARE(cell(events, 1, 5), u"unknown_document"_s);

    // The first event is selected: its changes, before from capture 1.
    QCOMPARE(changes->model()->rowCount(), 2);
    QCOMPARE((QStringList {cell(changes, 0, 0), cell(changes, 0, 1), cell(changes, 0, 2), cell(changes, 0, 3)}),
             (QStringList {u"name"_s, u"\"Sam\""_s, u"\"Sam Smith\""_s, u"changed"_s}));
    auto* value = view.findChild<QPlainTextEdit*>(u"changeValuePlainTextEdit"_s);
    QCOMPARE(value->toPlainText(), u"name\n\nBefore:\n\"Sam\"\n\nAfter:\n\"Sam Smith\""_s);

    // The delete shows nothing known of the invoice.
    view.selectEvent(1);
    QCOMPARE(view.selectedEvent()->docId, u"i7"_s);
    QCOMPARE(changes->model()->rowCount(), 0);
    QVERIFY(value->toPlainText().contains(u"Nothing is known"_s));
}

void TestEventsView::foldsAndExpandsLongValues()
{
    EventsView view;
    attachTesters(view);
    view.setIndex(&m_index);
    view.showCapture(m_captures.at(1));
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    auto* changes = view.findChild<QTableView*>(u"changesTableView"_s);
    const int bio = 1;
    QCOMPARE(cell(changes, bio, 0), u"bio"_s);
    const QString folded = cell(changes, bio, FieldChangesModel::BeforeColumn);
    QCOMPARE(folded.size(), FieldChangesModel::foldChars);
    QVERIFY(folded.endsWith(u'\u2026'));
    QVERIFY(changes->model()->data(changes->model()->index(bio, 0), FieldChangesModel::FoldableRole).toBool());

    const QRect rect = changes->visualRect(changes->model()->index(bio, FieldChangesModel::BeforeColumn));
    QTest::mouseClick(changes->viewport(), Qt::LeftButton, {}, rect.center());
    QTest::mouseDClick(changes->viewport(), Qt::LeftButton, {}, rect.center());
    QCOMPARE(cell(changes, bio, FieldChangesModel::BeforeColumn), QString::fromLatin1(longText));
    changes->setFocus();
    QTest::keyClick(changes, Qt::Key_Return);
    QCOMPARE(cell(changes, bio, FieldChangesModel::BeforeColumn), folded);
    // The pane below always shows the values whole.
    QVERIFY(view.findChild<QPlainTextEdit*>(u"changeValuePlainTextEdit"_s)
                ->toPlainText()
                .contains(QString::fromLatin1(longText)));
    // A short row does not fold.
    QVERIFY(!changes->model()->data(changes->model()->index(0, 0), FieldChangesModel::FoldableRole).toBool());
}

void TestEventsView::requestsTheTimeline()
{
    EventsView view;
    view.setIndex(&m_index);
    view.showCapture(m_captures.at(1));
    QSignalSpy spy(&view, &EventsView::timelineRequested);
    auto* button = view.findChild<QPushButton*>(u"timelinePushButton"_s);
    QVERIFY(button->isEnabled());
    button->click();
    QCOMPARE(spy.count(), 1);
    QCOMPARE(spy.at(0).at(0).toString(), u"user"_s);
    QCOMPARE(spy.at(0).at(1).toString(), u"u1"_s);
    view.selectEvent(1);
    button->click();
    QCOMPARE(spy.at(1).at(0).toString(), u"invoice"_s);
    QCOMPARE(spy.at(1).at(1).toString(), u"i7"_s);
    view.showNothing();
    QVERIFY(!button->isEnabled());
}

void TestEventsView::captureOutsideTheIndex()
{
    EventsView view;
    attachTesters(view);
    view.setIndex(&m_index);
    const Capture later = fixtures::capture(9, body({firmEvent("update", "user", "u1", t2, R"({"name":"X"})")}));
    view.showCapture(later);
    auto* summary = view.findChild<QLabel*>(u"eventsSummaryLabel"_s);
    QVERIFY2(summary->text().contains(u"not in the session index yet"_s), qPrintable(summary->text()));
    auto* changes = view.findChild<QTableView*>(u"changesTableView"_s);
    QCOMPARE(cell(changes, 0, FieldChangesModel::BeforeColumn), u"unknown"_s);
    // Without any index, the same.
    view.setIndex(nullptr);
    view.showCapture(m_captures.at(1));
    QCOMPARE(cell(changes, 0, FieldChangesModel::BeforeColumn), u"unknown"_s);
}

void TestEventsView::problemsAndOtherBodies()
{
    EventsView view;
    view.setIndex(&m_index);
    view.show();
    auto* notes = view.findChild<QPlainTextEdit*>(u"payloadNotesPlainTextEdit"_s);
    auto* summary = view.findChild<QLabel*>(u"eventsSummaryLabel"_s);
    const QByteArray broken
        = R"({"payload":{"date":"2024-11-08T21:49:46.733Z","events":[)"
          R"({"action":"update","schema":"user","docId":"u1","docUpdatedDate":"2024-11-08T10:00:00.000Z","diff":{"a":1},"source":"api"},)"
          R"({"action":"update","schema":"user"}]}})";
    view.showCapture(fixtures::capture(20, broken));
    QVERIFY(notes->isVisible());
    QCOMPARE(notes->toPlainText(),
             u"Problem: payload.events[1].docId: missing\nOther member: "
             u"payload.events[0].source = \"api\""_s);
    QCOMPARE(view.findChild<QTableView*>(u"eventsTableView"_s)->model()->rowCount(), 1);
    view.showCapture(fixtures::capture(21, "<html>not json</html>"));
    QCOMPARE(summary->text(), u"Not a Firm App delivery: no \"payload\" member in a JSON body"_s);
    QVERIFY(!notes->isVisible());
    QCOMPARE(view.findChild<QTableView*>(u"eventsTableView"_s)->model()->rowCount(), 0);
}

void TestEventsView::outsideTextStaysPlain()
{
    EventsView view;
    const Capture capture = fixtures::capture(
        30, body({firmEvent("update", "<b>schema</b>", "<i>doc</i>", t1, R"({"<a href=x>k</a>":"<img src=y>"})")}));
    EventIndex index;
    index.add(capture);
    view.setIndex(&index);
    view.showCapture(capture);
    auto* summary = view.findChild<QLabel*>(u"eventsSummaryLabel"_s);
    QCOMPARE(summary->textFormat(), Qt::PlainText);
    QVERIFY(summary->text().contains(u"<b>schema</b>"_s));
    auto* events = view.findChild<QTableView*>(u"eventsTableView"_s);
    QCOMPARE(cell(events, 0, 2), u"<i>doc</i>"_s);
    auto* changes = view.findChild<QTableView*>(u"changesTableView"_s);
    QCOMPARE(cell(changes, 0, 0), u"[\"<a href=x>k</a>\"]"_s);
    QCOMPARE(cell(changes, 0, 2), u"\"<img src=y>\""_s);
    // No tooltips carry outside text (Qt guesses rich text in tooltips).
    QVERIFY(changes->model()->data(changes->model()->index(0, 2), Qt::ToolTipRole).isNull());
}

void TestEventsView::coloursFollowThePalette()
{
    EventsView view;
    view.setIndex(&m_index);
    view.showCapture(m_captures.at(0));
    auto* changes = view.findChild<QTableView*>(u"changesTableView"_s);
    const QModelIndex before = changes->model()->index(0, FieldChangesModel::BeforeColumn); // a create: "(none)"
    const QPalette original = QApplication::palette();
    QCOMPARE(changes->model()->data(before, Qt::ForegroundRole).value<QColor>(),
             original.color(QPalette::PlaceholderText));
    QPalette changed = original;
    changed.setColor(QPalette::PlaceholderText, QColor(0x12, 0x34, 0x56));
    QApplication::setPalette(changed);
    QCOMPARE(changes->model()->data(before, Qt::ForegroundRole).value<QColor>(), QColor(0x12, 0x34, 0x56));
    QApplication::setPalette(original);
}

void TestEventsView::refreshAfterArrivals()
{
    EventIndex index;
    const Capture update = fixtures::capture(1, body({firmEvent("update", "user", "u1", t2, R"({"name":"new"})")}));
    index.add(update);
    EventsView view;
    attachTesters(view);
    view.setIndex(&index);
    view.showCapture(update);
    auto* changes = view.findChild<QTableView*>(u"changesTableView"_s);
    QCOMPARE(cell(changes, 0, FieldChangesModel::BeforeColumn), u"unknown"_s);
    // An older event arrives: the shown update now knows where it started from.
    index.add(fixtures::capture(2, body({firmEvent("update", "user", "u1", t1, R"({"name":"old"})")})));
    view.refresh();
    QCOMPARE(cell(changes, 0, FieldChangesModel::BeforeColumn), u"\"old\""_s);
}

QTEST_MAIN(TestEventsView)
#include "TestEventsView.moc"

void TestEventsView::largeBodiesAreReadOnTheRunner()
{
    TaskRunner tasks;
    EventsView view;
    attachTesters(view);
    view.setTaskRunner(&tasks);
    auto* events = view.findChild<QTableView*>(u"eventsTableView"_s);
    auto* summary = view.findChild<QLabel*>(u"eventsSummaryLabel"_s);
    const QByteArray padding = "\"" + QByteArray(EventsView::readAtOnceBytes, 'p') + "\"";
    const QByteArray large = body({firmEvent("update", "user", "u1", t1, R"({"bio":)" + padding + "}"),
                                   firmEvent("create", "user", "u2", t1, R"({"name":"B"})")});
    QVERIFY(large.size() > EventsView::readAtOnceBytes);

    view.showCapture(fixtures::capture(20, large));
    QVERIFY2(summary->text().contains(u"Reading"_s), qPrintable(summary->text())); // not read on this thread
    QTRY_COMPARE(events->model()->rowCount(), 2);

    // A newer selection wins over a read still running.
    view.showCapture(fixtures::capture(21, large));
    view.showCapture(fixtures::capture(22, body({firmEvent("delete", "user", "u3", t2, "{}")})));
    QCOMPARE(events->model()->rowCount(), 1);
    QTest::qWait(300); // the read of 21 ends meanwhile, and is not shown
    QVERIFY(tasks.shutdown());
    QCOMPARE(events->model()->rowCount(), 1);
    QCOMPARE(view.captureId(), 22);

    // A runner shut down (the window closing): the view reads on the spot, nothing is lost.
    view.showCapture(fixtures::capture(23, large));
    QCOMPARE(events->model()->rowCount(), 2);
}

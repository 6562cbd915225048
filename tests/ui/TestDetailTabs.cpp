// SPDX-License-Identifier: MIT
#include <QAbstractItemModelTester>
#include <QComboBox>
#include <QElapsedTimer>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QTabWidget>
#include <QTest>
#include <QTreeView>
#include <QTreeWidget>

#include "detail/BodyView.h"
#include "detail/CaptureDetailView.h"
#include "detail/HeadersView.h"
#include "detail/JsonTreeView.h"
#include "detail/OverviewView.h"
#include "json/JsonReader.h"
#include "models/JsonTreeModel.h"
#include "widgets/LongLines.h"

class TestDetailTabs final : public QObject
{
    Q_OBJECT

private:
    static Capture sample()
    {
        Capture capture;
        capture.id = 7;
        capture.method = "POST";
        capture.target = "/hooks/firm?x=1";
        capture.httpVersion = "HTTP/1.1";
        capture.headers = {{"Content-Type", "application/json"}, {"X-Dup", "one"}, {"x-dup", "two"}};
        capture.body = R"({"z":1,"a":{"b":[true,null,"<b>text</b>"]}})";
        capture.peerAddress = QStringLiteral("<i>10.0.0.1</i>"); // as an imported file may claim
        capture.peerPort = 5555;
        capture.receivedAt = QDateTime::fromMSecsSinceEpoch(1730000000000, Qt::UTC);
        capture.completedAt = capture.receivedAt.addMSecs(12);
        capture.responseStatus = 200;
        capture.responseHeaders = {{"Content-Type", "application/json"}, {"Content-Length", "17"}};
        capture.responseBody = R"({"received":true})";
        return capture;
    }

private Q_SLOTS:
    void tabsShowTheCapture()
    {
        CaptureDetailView view;
        view.showCapture(sample());
        QStringList titles;
        for (int i = 0; i < view.tabs()->count(); ++i)
            titles.append(view.tabs()->tabText(i));
        QCOMPARE(titles,
                 (QStringList {QStringLiteral("&Overview"), QStringLiteral("&Headers"), QStringLiteral("&Body"),
                               QStringLiteral("&JSON"), QStringLiteral("Ra&w")}));
        auto* overview = view.findChild<OverviewView*>();
        QCOMPARE(overview->valueText(QStringLiteral("request")), QStringLiteral("POST /hooks/firm?x=1 HTTP/1.1"));
        QCOMPARE(overview->valueText(QStringLiteral("answer")), QStringLiteral("200 OK"));
        QCOMPARE(overview->valueText(QStringLiteral("answerHeaders")),
                 QStringLiteral("Content-Type: application/json\nContent-Length: 17"));
        QCOMPARE(overview->valueText(QStringLiteral("answerBody")), QStringLiteral("{\"received\":true}"));
        QVERIFY(overview->valueText(QStringLiteral("duration")).startsWith(QStringLiteral("12 ms")));
        // Text from outside is never rich text: the markup shows as written.
        QVERIFY(overview->valueText(QStringLiteral("peer")).startsWith(QStringLiteral("<i>10.0.0.1</i>")));
        const QList<QLabel*> labels = view.findChildren<QLabel*>();
        for (const QLabel* label : labels) {
            if (label->text().contains(QStringLiteral("<i>")))
                QCOMPARE(label->textFormat(), Qt::PlainText);
        }
    }

    void headersKeepOrderAndMarkRepeats()
    {
        HeadersView view;
        const Capture capture = sample();
        view.showHeaders(capture.headers, {{"X-Trailer", "t"}});
        auto* tree = view.findChild<QTreeWidget*>(QStringLiteral("headersTreeWidget"));
        QCOMPARE(tree->topLevelItemCount(), 4);
        QCOMPARE(tree->topLevelItem(1)->text(0), QStringLiteral("X-Dup"));
        QCOMPARE(tree->topLevelItem(2)->text(0), QStringLiteral("x-dup"));
        QVERIFY(tree->topLevelItem(1)->font(0).bold());
        QVERIFY(!tree->topLevelItem(0)->font(0).bold());
        QVERIFY(tree->topLevelItem(3)->toolTip(0).contains(QStringLiteral("Trailer")));
        QCOMPARE(view.selectedLines(),
                 QStringLiteral("Content-Type: application/json\nX-Dup: one\nx-dup: two\nX-Trailer: t"));
        tree->topLevelItem(2)->setSelected(true);
        QCOMPARE(view.selectedLines(), QStringLiteral("x-dup: two"));
    }

    void bodyModes()
    {
        BodyView view;
        auto* text = view.findChild<QPlainTextEdit*>(QStringLiteral("bodyTextEdit"));
        const QByteArray json = sample().body;
        view.showBody(json);
        QCOMPARE(view.mode(), BodyView::Mode::Text);
        QCOMPARE(text->toPlainText(), QString::fromUtf8(json));
        view.setMode(BodyView::Mode::PrettyJson);
        QVERIFY(text->toPlainText().startsWith(QStringLiteral("{\n  \"z\": 1,\n  \"a\": {")));
        view.setMode(BodyView::Mode::Hex);
        QVERIFY(text->toPlainText().startsWith(QStringLiteral("00000000  7b 22 7a 22")));
        view.setMode(BodyView::Mode::PrettyJson);
        view.showBody("not json");
        QVERIFY(view.findChild<QLabel*>(QStringLiteral("bodyInfoLabel"))->text().contains(QStringLiteral("not JSON")));
        QCOMPARE(text->toPlainText(), QStringLiteral("not json"));
        // Binary bodies open as hex whatever was chosen.
        view.showBody(QByteArray("\x00\x01\xff", 3));
        QCOMPARE(view.mode(), BodyView::Mode::Hex);
        QVERIFY(text->toPlainText().contains(QStringLiteral("00 01 ff")));
    }

    void largeBodiesArePaged()
    {
        BodyView view;
        auto* text = view.findChild<QPlainTextEdit*>(QStringLiteral("bodyTextEdit"));
        QByteArray big(50 * 1024 * 1024, 'a');
        big[BodyView::pageBytes] = 'B'; // the first byte of the second page
        view.showBody(big);
        QCOMPARE(view.pageCount(), 25);
        // One page of the body, its single long line shown broken (a line of megabytes would freeze the view).
        QCOMPARE(text->toPlainText().remove(QLatin1Char('\n')).size(), BodyView::pageBytes);
        QCOMPARE(text->document()->blockCount(), int(BodyView::pageBytes / LongLines::displayWidth));
        QVERIFY(view.findChild<QLabel*>(QStringLiteral("bodyInfoLabel"))->text().contains(QStringLiteral("broken")));
        auto* next = view.findChild<QPushButton*>(QStringLiteral("bodyNextPushButton"));
        QVERIFY(next->isEnabled());
        QTest::mouseClick(next, Qt::LeftButton);
        QCOMPARE(view.page(), 1);
        QVERIFY(text->toPlainText().startsWith(QLatin1Char('B')));
        view.setMode(BodyView::Mode::PrettyJson); // too large to indent: shown as text, still paged
        QVERIFY(view.findChild<QLabel*>(QStringLiteral("bodyInfoLabel"))->text().contains(QStringLiteral("too large")));
        QCOMPARE(text->toPlainText().remove(QLatin1Char('\n')).size(), BodyView::pageBytes);
    }

    void jsonTreeModel()
    {
        JsonTreeModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        const QByteArray body = R"({"payload":{"events":[{"docId":"u1","n":1.50}],"odd key":false},"dup":1,"dup":2})";
        model.setDocument(JsonReader::read(body).document);
        const QModelIndex root = model.index(0, 0);
        QCOMPARE(model.rowCount(root), 3); // received order, the duplicate kept
        QCOMPARE(model.index(1, 0, root).data().toString(), QStringLiteral("dup"));
        QCOMPARE(model.index(2, JsonTreeModel::ValueColumn, root).data().toString(), QStringLiteral("2"));
        const QModelIndex payload = model.index(0, 0, root);
        const QModelIndex events = model.index(0, 0, payload);
        const QModelIndex event = model.index(0, 0, events);
        const QModelIndex number = model.index(1, JsonTreeModel::ValueColumn, event);
        QCOMPARE(number.data().toString(), QStringLiteral("1.50"));
        QCOMPARE(model.index(1, JsonTreeModel::TypeColumn, event).data().toString(), QStringLiteral("number"));
        QCOMPARE(number.data(JsonTreeModel::PathRole).toString(), QStringLiteral("$.payload.events[0].n"));
        QCOMPARE(model.index(1, 0, payload).data(JsonTreeModel::PathRole).toString(),
                 QStringLiteral("$.payload[\"odd key\"]"));
        QCOMPARE(model.parent(event), events);
        const QModelIndexList found = model.find(QStringLiteral("u1"));
        QCOMPARE(found.size(), 1);
        QCOMPARE(found.constFirst().data(JsonTreeModel::PathRole).toString(),
                 QStringLiteral("$.payload.events[0].docId"));
        model.setDocument({});
        QCOMPARE(model.rowCount(), 0);
    }

    void jsonTabIsBuiltWhenLookedAt()
    {
        CaptureDetailView view;
        view.showCapture(sample());
        auto* tree = view.findChild<QTreeView*>(QStringLiteral("jsonTreeView"));
        QCOMPARE(tree->model()->rowCount(), 0);
        view.tabs()->setCurrentWidget(view.findChild<JsonTreeView*>());
        QCOMPARE(tree->model()->rowCount(), 1);
    }
};

QTEST_MAIN(TestDetailTabs)
#include "TestDetailTabs.moc"

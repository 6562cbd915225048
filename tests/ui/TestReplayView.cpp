// SPDX-License-Identifier: MIT
// The Replay tab against a real local receiver: replay, the attempt and the target's answer shown, retry,
// compare with the original answer, a batch canceled with its summary, and live forwarding switched on.
#include <QCheckBox>
#include <QComboBox>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>

#include "ExpectedChecks.h"
#include "ReplayReceiver.h"
#include "detail/ReplayView.h"
#include "replay/LiveForwarder.h"
#include "replay/ReplayController.h"
#include "settings/Settings.h"
#include "store/SessionStore.h"

using namespace Qt::StringLiterals;

class TestReplayView final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();
    void replayShowsTheAnswerAndRetries();
    void comparesWithTheOriginalAnswer_data();
    void comparesWithTheOriginalAnswer();
    void failureIsShownAndBatchCanBeCanceled();
    void forwardingIsSwitchedOn();
    void anEditGoesToTheTargetItWasPreparedFor();

private:
    Capture stored(const QByteArray& body);

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<Settings> m_settings;
    std::unique_ptr<SessionStore> m_store;
    std::unique_ptr<ReplayReceiver> m_receiver;
    std::unique_ptr<ReplayController> m_controller;
    qint64 m_session = 0;
};

void TestReplayView::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    m_settings = Settings::createTemporary(m_dir->filePath(u"settings.ini"_s));
    m_store = std::make_unique<SessionStore>();
    QVERIFY_EXPECTED(m_store->open(m_dir->filePath(u"s.sqlite"_s)));
    m_session = *m_store->createSession(u"s"_s);
    m_receiver = std::make_unique<ReplayReceiver>();
    QVERIFY(m_receiver->listenLocal());
    m_controller = std::make_unique<ReplayController>(m_settings.get(), m_store.get());
    ReplayTarget target;
    target.name = u"local"_s;
    target.url = QUrl(QString::fromLatin1(m_receiver->url()));
    target.timeoutMs = 5000;
    m_controller->setTargets({target});
}

void TestReplayView::cleanup()
{
    m_controller.reset();
    m_receiver.reset();
    m_store.reset();
    m_settings.reset();
    m_dir.reset();
}

Capture TestReplayView::stored(const QByteArray& body)
{
    Capture capture;
    capture.sessionId = m_session;
    capture.method = "POST";
    capture.target = "/hook";
    capture.httpVersion = "HTTP/1.1";
    capture.headers = {{"Content-Type", "application/json"}};
    capture.body = body;
    capture.receivedAt = QDateTime::currentDateTimeUtc();
    capture.completedAt = capture.receivedAt;
    QList<Capture> batch {capture};
    if (!m_store->append(batch).has_value())
        qFatal("cannot store the test capture");
    return batch.first();
}

void TestReplayView::replayShowsTheAnswerAndRetries()
{
    m_receiver->answer = "HTTP/1.1 201 Created\r\nX-Receiver: yes\r\nContent-Length: 13\r\n\r\n{\"saved\":true}";
    m_receiver->answer.replace("13", "14");
    ReplayView view(m_controller.get());
    view.show();
    const Capture capture = stored("{\"n\":1}");
    view.setCapture(capture);
    auto* targets = view.findChild<QComboBox*>(u"targetComboBox"_s);
    QCOMPARE(targets->count(), 1);
    QCOMPARE(targets->currentText(), u"local"_s);
    auto* table = view.findChild<QTableView*>(u"attemptsTableView"_s);
    QCOMPARE(table->model()->rowCount(), 0);

    QTest::mouseClick(view.findChild<QPushButton*>(u"replayPushButton"_s), Qt::LeftButton);
    QTRY_COMPARE_WITH_TIMEOUT(table->model()->rowCount(), 1, 10000);
    QCOMPARE(m_receiver->requests.size(), 1);
    QCOMPARE(m_receiver->requests.first().body, capture.body);
    QVERIFY(table->model()->index(0, 2).data().toString().startsWith(u"201 Created"_s));
    auto* answer = view.findChild<QPlainTextEdit*>(u"answerPlainTextEdit"_s);
    QVERIFY(answer->toPlainText().contains(u"X-Receiver: yes"_s));
    QVERIFY(answer->toPlainText().contains(u"{\"saved\":true}"_s));
    QTRY_VERIFY(view.findChild<QLabel*>(u"messageLabel"_s)->text().contains(u"1 ok, 0 failed"_s));

    auto* retry = view.findChild<QPushButton*>(u"retryPushButton"_s);
    QTRY_VERIFY(retry->isEnabled());
    QTest::mouseClick(retry, Qt::LeftButton);
    QTRY_COMPARE_WITH_TIMEOUT(table->model()->rowCount(), 2, 10000);
    QCOMPARE(m_receiver->requests.size(), 2);

    // Shown again from the store when the capture is selected again.
    view.clear();
    QCOMPARE(table->model()->rowCount(), 0);
    view.setCapture(capture);
    QCOMPARE(table->model()->rowCount(), 2);
}

void TestReplayView::comparesWithTheOriginalAnswer_data()
{
    QTest::addColumn<bool>("recordedWithCapture");
    QTest::newRow("the answer recorded with the capture") << true;
    QTest::newRow("an answer given to the view") << false;
}

void TestReplayView::comparesWithTheOriginalAnswer()
{
    QFETCH(bool, recordedWithCapture);
    ReplayView view(m_controller.get());
    view.show();
    Capture capture = stored("{}");
    if (recordedWithCapture) {
        capture.responseStatus = 202;
        capture.responseHeaders = {{"Content-Type", "application/json"}, {"Content-Length", "15"}};
        capture.responseBody = "{\"saved\":false}";
        view.setCapture(capture);
    } else {
        view.setCapture(capture);
        view.setOriginalAnswer({{"Content-Type", "application/json"}}, "{\"saved\":false}", u"Production answer"_s);
    }
    m_receiver->answer
        = "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 14\r\n\r\n{\"saved\":true}";
    QTest::mouseClick(view.findChild<QPushButton*>(u"replayPushButton"_s), Qt::LeftButton);
    auto* table = view.findChild<QTableView*>(u"attemptsTableView"_s);
    QTRY_COMPARE_WITH_TIMEOUT(table->model()->rowCount(), 1, 10000);
    QSignalSpy spy(&view, &ReplayView::compareRequested);
    auto* compare = view.findChild<QPushButton*>(u"comparePushButton"_s);
    QTRY_VERIFY(compare->isEnabled());
    QTest::mouseClick(compare, Qt::LeftButton);
    QCOMPARE(spy.size(), 1);
    QCOMPARE(spy.first().at(0).toString(), recordedWithCapture ? u"Original answer (202)"_s : u"Production answer"_s);
    QCOMPARE(spy.first().at(2).toByteArray(), QByteArray("{\"saved\":false}"));
    QCOMPARE(spy.first().at(5).toByteArray(), QByteArray("{\"saved\":true}"));
}

void TestReplayView::failureIsShownAndBatchCanBeCanceled()
{
    m_receiver->mode = ReplayReceiver::Mode::Silent;
    ReplayView view(m_controller.get());
    view.show();
    QList<Capture> batch;
    for (int i = 0; i < 5; ++i)
        batch.append(stored(QByteArray::number(i)));
    view.setCapture(batch.first(), batch);
    auto* replay = view.findChild<QPushButton*>(u"replayPushButton"_s);
    QCOMPARE(replay->text(), u"&Replay 5 captures"_s);
    QTest::mouseClick(replay, Qt::LeftButton);
    auto* cancel = view.findChild<QPushButton*>(u"cancelPushButton"_s);
    QTRY_VERIFY(cancel->isEnabled());
    QTRY_COMPARE_WITH_TIMEOUT(m_receiver->requests.size(), 1, 10000);
    QTest::mouseClick(cancel, Qt::LeftButton);
    auto* message = view.findChild<QLabel*>(u"messageLabel"_s);
    QTRY_VERIFY(message->text().contains(u"4 not sent"_s));
    QVERIFY(message->text().contains(u"canceled"_s));
    auto* table = view.findChild<QTableView*>(u"attemptsTableView"_s);
    QCOMPARE(table->model()->rowCount(), 1);
    QVERIFY(table->model()->index(0, 2).data().toString().startsWith(u"canceled"_s));
    QVERIFY(!cancel->isEnabled());
    QVERIFY(replay->isEnabled());
}

void TestReplayView::forwardingIsSwitchedOn()
{
    ReplayView view(m_controller.get());
    view.show();
    auto* forward = view.findChild<QCheckBox*>(u"forwardCheckBox"_s);
    QVERIFY(forward->isEnabled());
    forward->setChecked(true);
    QCOMPARE(m_controller->forwardingTarget(), 0);
    QVERIFY(m_controller->forwarder()->isEnabled());
    const Capture capture = stored("{\"live\":1}");
    view.setCapture(capture);
    m_controller->forward({capture});
    auto* table = view.findChild<QTableView*>(u"attemptsTableView"_s);
    QTRY_COMPARE_WITH_TIMEOUT(table->model()->rowCount(), 1, 10000);
    QVERIFY(table->model()->index(0, 1).data().toString().startsWith(u"forward "_s));
    forward->setChecked(false);
    QVERIFY(!m_controller->forwarder()->isEnabled());
}

void TestReplayView::anEditGoesToTheTargetItWasPreparedFor()
{
    ReplayView view(m_controller.get());
    view.show();
    const Capture capture = stored("{\"n\":1}");
    view.setCapture(capture);
    // The window opens the editor on the prepared request and hands the edit back; this slot edits as a user would.
    QList<ReplayRequest> prepared;
    QList<bool> canResign;
    connect(&view, &ReplayView::editRequested, &view, [&](const ReplayRequest& request, bool resignable) {
        prepared.append(request);
        canResign.append(resignable);
        ReplayRequest edited = request;
        edited.body = "{\"n\":2}";
        view.replayEdited(edited, false);
    });
    QTest::mouseClick(view.findChild<QPushButton*>(u"editPushButton"_s), Qt::LeftButton);
    QCOMPARE(prepared.size(), 1);
    QCOMPARE(prepared.first().body, capture.body);
    QCOMPARE(canResign, QList<bool> {false}); // the target has no secret
    auto* table = view.findChild<QTableView*>(u"attemptsTableView"_s);
    QTRY_COMPARE_WITH_TIMEOUT(table->model()->rowCount(), 1, 10000);
    QCOMPARE(m_receiver->requests.size(), 1);
    QCOMPARE(m_receiver->requests.first().body, QByteArray("{\"n\":2}"));
}

QTEST_MAIN(TestReplayView)
#include "TestReplayView.moc"

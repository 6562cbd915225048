// SPDX-License-Identifier: MIT
// The replay editor: the request as it will be sent (headers in order, case and duplicates), JSON checked as
// it is typed with the error's position, header lines checked, re-signing offered when a scheme applies.
#include <QCheckBox>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QTest>

#include "ExpectedChecks.h"
#include "dialogs/ReplayEditorDialog.h"

using namespace Qt::StringLiterals;

namespace {

ReplayRequest sample()
{
    ReplayRequest request;
    request.method = "POST";
    request.url = QUrl(u"http://127.0.0.1:3000/hook"_s);
    request.headers
        = {{"X-Hub-Signature-256", "sha256=00"}, {"x-dup", "1"}, {"X-Dup", "2"}, {"Content-Type", "application/json"}};
    request.body = "{\"a\":1}";
    return request;
}

} // namespace

class TestReplayEditorDialog final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void showsAndReturnsTheRequest();
    void jsonIsCheckedAsTyped();
    void badHeaderLineIsNamed();
    void resignOfferedWhenASchemeApplies();
    void binaryBodyIsKept();
};

void TestReplayEditorDialog::showsAndReturnsTheRequest()
{
    ReplayEditorDialog dialog(sample(), true);
    auto* headers = dialog.findChild<QPlainTextEdit*>(u"headersPlainTextEdit"_s);
    QCOMPARE(headers->toPlainText(),
             u"X-Hub-Signature-256: sha256=00\nx-dup: 1\nX-Dup: 2\nContent-Type: application/json"_s);
    auto* method = dialog.findChild<QLineEdit*>(u"methodLineEdit"_s);
    method->clear();
    QTest::keyClicks(method, u"PUT"_s);
    headers->appendPlainText(u"X-New: yes"_s);
    auto* body = dialog.findChild<QPlainTextEdit*>(u"bodyPlainTextEdit"_s);
    body->setPlainText(u"{\"a\": 2, \"é\": true}"_s);
    const Expected<ReplayRequest> request = dialog.request();
    QVERIFY_EXPECTED(request);
    QCOMPARE(request->method, QByteArray("PUT"));
    const HttpHeaders expected {{"X-Hub-Signature-256", "sha256=00"},
                                {"x-dup", "1"},
                                {"X-Dup", "2"},
                                {"Content-Type", "application/json"},
                                {"X-New", "yes"}};
    QCOMPARE(request->headers, expected);
    QCOMPARE(request->body, QByteArray("{\"a\": 2, \"\xc3\xa9\": true}"));
    QCOMPARE(request->url, QUrl(u"http://127.0.0.1:3000/hook"_s));
}

void TestReplayEditorDialog::jsonIsCheckedAsTyped()
{
    ReplayEditorDialog dialog(sample(), true);
    auto* status = dialog.findChild<QLabel*>(u"jsonStatusLabel"_s);
    QCOMPARE(status->text(), u"JSON: valid"_s);
    auto* body = dialog.findChild<QPlainTextEdit*>(u"bodyPlainTextEdit"_s);
    body->setPlainText(u"{\n  \"a\": 1,\n}"_s);
    QTRY_VERIFY(status->text().contains(u"line 3, column 1"_s));
    QVERIFY(status->text().startsWith(u"JSON: "_s));
    body->setPlainText(u"{\"a\": [1, 2]}"_s);
    QTRY_COMPARE(status->text(), u"JSON: valid"_s);
    // Invalid JSON can still be sent: a receiver's error handling is worth testing too.
    QVERIFY(dialog.findChild<QPushButton*>(u"sendPushButton"_s)->isEnabled());
}

void TestReplayEditorDialog::badHeaderLineIsNamed()
{
    ReplayEditorDialog dialog(sample(), true);
    auto* headers = dialog.findChild<QPlainTextEdit*>(u"headersPlainTextEdit"_s);
    headers->appendPlainText(u"Bad Header: x"_s);
    auto* send = dialog.findChild<QPushButton*>(u"sendPushButton"_s);
    QTRY_VERIFY(!send->isEnabled());
    QVERIFY(dialog.findChild<QLabel*>(u"errorLabel"_s)->text().contains(u"line 5"_s));
    QVERIFY_FAILS_WITH(dialog.request(), Error::Code::InvalidInput);
    QVERIFY_FAILS_WITH(ReplayEditorDialog::headersFromText(u"Bad Header: x"_s), Error::Code::InvalidInput);
    headers->setPlainText(u"Content-Type: application/json"_s);
    QTRY_VERIFY(send->isEnabled());
    auto* url = dialog.findChild<QLineEdit*>(u"urlLineEdit"_s);
    url->setText(u"ftp://x/"_s);
    QTRY_VERIFY(!send->isEnabled());
    QVERIFY(dialog.findChild<QLabel*>(u"errorLabel"_s)->text().startsWith(u"URL: "_s));
}

void TestReplayEditorDialog::resignOfferedWhenASchemeApplies()
{
    ReplayEditorDialog dialog(sample(), true);
    auto* resign = dialog.findChild<QCheckBox*>(u"resignCheckBox"_s);
    QVERIFY(resign->isEnabled());
    QVERIFY(resign->isChecked());
    QVERIFY(resign->text().contains(u"GitHub"_s));
    QVERIFY(dialog.resign());
    auto* headers = dialog.findChild<QPlainTextEdit*>(u"headersPlainTextEdit"_s);
    headers->setPlainText(u"Content-Type: text/plain"_s);
    dialog.findChild<QPlainTextEdit*>(u"bodyPlainTextEdit"_s)->setPlainText(u"plain"_s);
    QTRY_VERIFY(!resign->isEnabled());
    QVERIFY(!dialog.resign());

    ReplayEditorDialog noSecret(sample(), false);
    auto* disabled = noSecret.findChild<QCheckBox*>(u"resignCheckBox"_s);
    QVERIFY(!disabled->isEnabled());
    QVERIFY(disabled->text().contains(u"secret"_s));
}

void TestReplayEditorDialog::binaryBodyIsKept()
{
    ReplayRequest request = sample();
    request.body = QByteArray("\x00\xff\xfe binary", 10);
    ReplayEditorDialog dialog(request, true);
    auto* body = dialog.findChild<QPlainTextEdit*>(u"bodyPlainTextEdit"_s);
    QVERIFY(body->isReadOnly());
    QCOMPARE(dialog.request()->body, request.body);
}

QTEST_MAIN(TestReplayEditorDialog)
#include "TestReplayEditorDialog.moc"

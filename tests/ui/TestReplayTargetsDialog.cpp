// SPDX-License-Identifier: MIT
// The targets dialog: a target added and set up by hand is remembered (its secret only in memory), turning
// certificate verification off shows a red warning, and an unusable URL is refused with the reason. A secret
// left as it was stays the controller's one buffer; an edited one replaces it and the old bytes are overwritten.
#include <QCheckBox>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QScopeGuard>
#include <QSpinBox>
#include <QTemporaryDir>
#include <QTest>

#include "SecretWipes.h"
#include "dialogs/ReplayTargetsDialog.h"
#include "replay/ReplayController.h"
#include "settings/Settings.h"
#include "widgets/StatusColors.h"

using namespace Qt::StringLiterals;

class TestReplayTargetsDialog final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void addsATarget();
    void insecureIsShownInRed();
    void badUrlIsRefused();
    void secretIsSharedUntilEdited();
};

void TestReplayTargetsDialog::addsATarget()
{
    QTemporaryDir dir;
    const QString iniPath = dir.filePath(u"settings.ini"_s);
    auto settings = Settings::createTemporary(iniPath);
    ReplayController controller(settings.get(), nullptr);
    ReplayTargetsDialog dialog(&controller);
    QTest::mouseClick(dialog.findChild<QPushButton*>(u"addTargetPushButton"_s), Qt::LeftButton);
    auto* url = dialog.findChild<QLineEdit*>(u"urlLineEdit"_s);
    url->clear();
    QTest::keyClicks(url, u"127.0.0.1:4000/stripe"_s);
    QTest::keyClicks(dialog.findChild<QLineEdit*>(u"nameLineEdit"_s), u"laptop"_s);
    dialog.findChild<QPlainTextEdit*>(u"addHeadersPlainTextEdit"_s)->setPlainText(u"X-Env: dev"_s);
    QTest::keyClicks(dialog.findChild<QLineEdit*>(u"dropHeadersLineEdit"_s), u"User-Agent, X-Forwarded-For"_s);
    dialog.findChild<QCheckBox*>(u"resignCheckBox"_s)->setChecked(true);
    QTest::keyClicks(dialog.findChild<QLineEdit*>(u"secretLineEdit"_s), u"whsec_dialog_secret"_s);
    dialog.findChild<QSpinBox*>(u"concurrencySpinBox"_s)->setValue(2);
    dialog.findChild<QCheckBox*>(u"appendPathCheckBox"_s)->setChecked(true);
    QCOMPARE(dialog.findChild<QListWidget*>(u"targetsListWidget"_s)->item(0)->text(), u"laptop"_s);
    QTest::mouseClick(dialog.findChild<QPushButton*>(u"okPushButton"_s), Qt::LeftButton);
    QCOMPARE(dialog.result(), int(QDialog::Accepted));

    QCOMPARE(controller.targets().size(), 1);
    const ReplayTarget target = controller.targets().first();
    QCOMPARE(target.name, u"laptop"_s);
    QCOMPARE(target.url, QUrl(u"http://127.0.0.1:4000/stripe"_s));
    QCOMPARE(target.addHeaders, (HttpHeaders {{"X-Env", "dev"}}));
    QCOMPARE(target.dropHeaders, (QList<QByteArray> {"User-Agent", "X-Forwarded-For"}));
    QVERIFY(target.resign);
    QCOMPARE(target.concurrency, 2);
    QVERIFY(target.appendOriginalPath);
    QVERIFY(target.verifyCertificates);
    QCOMPARE(controller.secret(target.url).firstValue(), QByteArray("whsec_dialog_secret"));
    settings.reset();
    QFile ini(iniPath);
    QVERIFY(ini.open(QIODevice::ReadOnly));
    const QByteArray written = ini.readAll();
    QVERIFY(written.contains("127.0.0.1:4000"));
    QVERIFY(!written.contains("dialog_secret"));
}

void TestReplayTargetsDialog::insecureIsShownInRed()
{
    QTemporaryDir dir;
    auto settings = Settings::createTemporary(dir.filePath(u"settings.ini"_s));
    ReplayController controller(settings.get(), nullptr);
    ReplayTarget target;
    target.url = QUrl(u"https://127.0.0.1:8443/"_s);
    controller.setTargets({target});
    ReplayTargetsDialog dialog(&controller);
    dialog.show();
    auto* warning = dialog.findChild<QLabel*>(u"insecureLabel"_s);
    QVERIFY(!warning->isVisible());
    dialog.findChild<QCheckBox*>(u"verifyCheckBox"_s)->setChecked(false);
    QVERIFY(warning->isVisible());
    QCOMPARE(warning->palette().color(QPalette::WindowText), StatusColors::negative(dialog.palette()));
    QVERIFY(warning->palette().color(QPalette::WindowText) != dialog.palette().color(QPalette::WindowText));
    QTest::mouseClick(dialog.findChild<QPushButton*>(u"okPushButton"_s), Qt::LeftButton);
    QVERIFY(!controller.targets().first().verifyCertificates);
}

void TestReplayTargetsDialog::badUrlIsRefused()
{
    QTemporaryDir dir;
    auto settings = Settings::createTemporary(dir.filePath(u"settings.ini"_s));
    ReplayController controller(settings.get(), nullptr);
    ReplayTargetsDialog dialog(&controller);
    QTest::mouseClick(dialog.findChild<QPushButton*>(u"addTargetPushButton"_s), Qt::LeftButton);
    auto* url = dialog.findChild<QLineEdit*>(u"urlLineEdit"_s);
    url->setText(u"ftp://127.0.0.1/"_s);
    QTest::mouseClick(dialog.findChild<QPushButton*>(u"okPushButton"_s), Qt::LeftButton);
    QVERIFY(dialog.result() != int(QDialog::Accepted));
    QVERIFY(dialog.findChild<QLabel*>(u"errorLabel"_s)->text().contains(u"http://"_s));
    QVERIFY(controller.targets().isEmpty());
}

void TestReplayTargetsDialog::secretIsSharedUntilEdited()
{
    secretWipes.clear();
    SecretSet::setWipeObserver(observeWipe);
    const auto stopObserving = qScopeGuard([] { SecretSet::setWipeObserver(nullptr); });
    QTemporaryDir dir;
    auto settings = Settings::createTemporary(dir.filePath(u"settings.ini"_s));
    ReplayController controller(settings.get(), nullptr);
    ReplayTarget target;
    target.url = QUrl(u"http://127.0.0.1:4000/"_s);
    target.resign = true;
    controller.setTargets({target});
    controller.setSecret(target.url, "dialog-secret-one");
    const char* first = controller.secret(target.url).firstValue().constData();
    {
        ReplayTargetsDialog dialog(&controller);
        QCOMPARE(dialog.findChild<QLineEdit*>(u"secretLineEdit"_s)->text(), u"dialog-secret-one"_s);
        QTest::mouseClick(dialog.findChild<QPushButton*>(u"okPushButton"_s), Qt::LeftButton);
        QCOMPARE(dialog.result(), int(QDialog::Accepted));
    }
    // Left as it was: the same buffer, nothing overwritten.
    QVERIFY(controller.secret(target.url).firstValue().constData() == first);
    QVERIFY(secretWipes.isEmpty());
    {
        ReplayTargetsDialog dialog(&controller);
        dialog.findChild<QLineEdit*>(u"secretLineEdit"_s)->setText(u"dialog-secret-two"_s);
        QTest::mouseClick(dialog.findChild<QPushButton*>(u"okPushButton"_s), Qt::LeftButton);
        QCOMPARE(dialog.result(), int(QDialog::Accepted));
    }
    QCOMPARE(controller.secret(target.url).firstValue(), QByteArray("dialog-secret-two"));
    QCOMPARE(secretWipes.size(), 1);
    QVERIFY(secretWipes.at(0).data == first); // the same address (compared as pointers: the bytes are freed)
    QCOMPARE(secretWipes.at(0).bytes, QByteArray(17, '\0'));
}

QTEST_MAIN(TestReplayTargetsDialog)
#include "TestReplayTargetsDialog.moc"

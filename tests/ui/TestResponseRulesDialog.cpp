// SPDX-License-Identifier: MIT
#include <QAction>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>

#include "RawHttp.h"
#include "TestSettings.h"
#include "dialogs/ResponseRulesDialog.h"
#include "session/SessionController.h"
#include "window/MainWindow.h"

class TestResponseRulesDialog final : public QObject
{
    Q_OBJECT

private:
    static QByteArray statusLine(quint16 port, const QByteArray& path)
    {
        const QByteArray answer = postRaw(port, path, {});
        return answer.left(answer.indexOf("\r\n"));
    }

private Q_SLOTS:
    void appliedRulesChangeTheAnswersLive()
    {
        QTemporaryDir dir;
        WindowOptions options;
        options.endpoint.server.port = 0;
        options.endpoint.storePath = dir.filePath(QStringLiteral("s.sqlite"));
        auto windowSettings = testSettings(dir);
        MainWindow window(options, windowSettings.get());
        QTRY_VERIFY(window.controller()->isReady()); // pruning the store comes first
        const quint16 port = window.endpoint()->port();
        QCOMPARE(statusLine(port, "/flaky"), QByteArray("HTTP/1.1 200 OK"));

        window.findChild<QAction*>(QStringLiteral("responseRulesAction"))->trigger();
        auto* dialog = window.findChild<ResponseRulesDialog*>(QStringLiteral("responseRulesDialog"));
        QVERIFY(dialog);
        auto* editor = dialog->findChild<QPlainTextEdit*>(QStringLiteral("rulesPlainTextEdit"));
        auto* apply = dialog->findChild<QPushButton*>(QStringLiteral("applyRulesPushButton"));
        auto* error = dialog->findChild<QLabel*>(QStringLiteral("rulesErrorLabel"));

        editor->setPlainText(QStringLiteral(R"({"rules": [{"path": "/flaky", "status": "teapot"}]})"));
        apply->click();
        QVERIFY2(error->text().contains(QStringLiteral("rules[0].status")), qPrintable(error->text()));
        QCOMPARE(statusLine(port, "/flaky"), QByteArray("HTTP/1.1 200 OK")); // nothing applied

        editor->setPlainText(QStringLiteral(R"({"rules": [{"path": "/flaky", "status": 503}]})"));
        apply->click();
        QTRY_COMPARE(statusLine(port, "/flaky"), QByteArray("HTTP/1.1 503 Service Unavailable"));
        QCOMPARE(statusLine(port, "/other"), QByteArray("HTTP/1.1 200 OK"));
    }
};

QTEST_MAIN(TestResponseRulesDialog)
#include "TestResponseRulesDialog.moc"

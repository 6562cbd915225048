// SPDX-License-Identifier: MIT
#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QMessageAuthenticationCode>
#include <QPlainTextEdit>
#include <QTableView>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>
#include <QToolButton>

#include "RawHttp.h"
#include "TestSettings.h"
#include "session/CaptureTableModel.h"
#include "session/SessionController.h"
#include "window/MainWindow.h"

class TestSignaturesInWindow final : public QObject
{
    Q_OBJECT

private:
    static constexpr QByteArrayView payload = R"({"date":"2024-11-08T21:49:46.733Z","events":[{"docId":"u1"}]})";

    static QByteArray signedBody(const QByteArray& secret)
    {
        const QByteArray signature
            = QMessageAuthenticationCode::hash(payload.toByteArray(), secret, QCryptographicHash::Sha256).toHex();
        return "{\"payload\":" + payload.toByteArray() + ",\"signature\":\"" + signature + "\"}";
    }

    static void send(quint16 port, const QByteArray& target, const QByteArray& body)
    {
        const QByteArray answer = postRaw(port, target, body, "Content-Type: application/json\r\n");
        QVERIFY2(answer.startsWith("HTTP/1.1 200"), answer.constData());
    }

    static QString signatureCell(QTableView* table, int row)
    {
        return table->model()->index(row, CaptureTableModel::SignatureColumn).data().toString();
    }

private Q_SLOTS:
    void typingASecretChecksEveryCapture()
    {
        QTemporaryDir dir;
        WindowOptions options;
        options.endpoint.server.port = 0;
        options.endpoint.storePath = dir.filePath(QStringLiteral("s.sqlite"));
        auto windowSettings = testSettings(dir);
        MainWindow window(options, windowSettings.get());
        QTRY_VERIFY(window.controller()->isReady()); // pruning the store comes first
        window.show();
        const quint16 port = window.endpoint()->port();
        send(port, "/good", signedBody("right"));
        send(port, "/bad", signedBody("other"));
        auto* table = window.findChild<QTableView*>(QStringLiteral("captureTableView"));
        QTRY_COMPARE(table->model()->rowCount(), 2);
        QVERIFY(signatureCell(table, 0).isEmpty()); // nothing checked without a secret

        auto* secret = window.findChild<QLineEdit*>(QStringLiteral("secretLineEdit"));
        QVERIFY(secret);
        QCOMPARE(secret->echoMode(), QLineEdit::Password);
        QTest::keyClicks(secret, QStringLiteral("right"));
        QTRY_VERIFY_WITH_TIMEOUT(signatureCell(table, 0).startsWith(QStringLiteral("valid")), 10000);
        QVERIFY2(signatureCell(table, 1).startsWith(QStringLiteral("invalid")), qPrintable(signatureCell(table, 1)));
        QVERIFY(signatureCell(table, 1).contains(QStringLiteral("wrong secret")));

        // New arrivals are checked as they come.
        send(port, "/later", signedBody("right"));
        QTRY_COMPARE(table->model()->rowCount(), 3);
        QTRY_VERIFY_WITH_TIMEOUT(signatureCell(table, 2).startsWith(QStringLiteral("valid")), 10000);

        // A second secret (rotation): the old captures now match it, and say which by its label.
        auto* add = window.findChild<QToolButton*>(QStringLiteral("addSecretToolButton"));
        QVERIFY(add);
        add->click();
        auto* second = window.findChild<QLineEdit*>(QStringLiteral("secretLineEdit2"));
        QVERIFY(second);
        QTest::keyClicks(second, QStringLiteral("other"));
        QTRY_VERIFY_WITH_TIMEOUT(signatureCell(table, 1).startsWith(QStringLiteral("valid")), 10000);
        QVERIFY(table->model()
                    ->index(1, CaptureTableModel::SignatureColumn)
                    .data(Qt::ToolTipRole)
                    .toString()
                    .contains(QStringLiteral("secret 2")));

        // The detail pane explains: signed bytes are exactly the payload.
        table->selectRow(0);
        auto* signedBytes = window.findChild<QPlainTextEdit*>(QStringLiteral("signedBytesTextEdit"));
        QVERIFY(signedBytes);
        QTRY_COMPARE(signedBytes->toPlainText(), QString::fromUtf8(payload.toByteArray()));
        auto* summary = window.findChild<QLabel*>(QStringLiteral("signatureSummaryLabel"));
        QVERIFY(summary->text().contains(QStringLiteral("raw bytes")));

        // Clearing the secrets clears the column.
        secret->clear();
        second->clear();
        QTRY_VERIFY_WITH_TIMEOUT(signatureCell(table, 0).isEmpty(), 10000);
    }

    void schemeChosenByHand()
    {
        QTemporaryDir dir;
        WindowOptions options;
        options.endpoint.server.port = 0;
        options.endpoint.storePath = dir.filePath(QStringLiteral("s.sqlite"));
        auto windowSettings = testSettings(dir);
        MainWindow window(options, windowSettings.get());
        QTRY_VERIFY(window.controller()->isReady()); // pruning the store comes first
        window.show();
        const QByteArray body = R"({"event":"ping"})";
        const QByteArray signature
            = "sha1=" + QMessageAuthenticationCode::hash(body, "acme-secret", QCryptographicHash::Sha1).toHex();
        QTcpSocket socket;
        socket.connectToHost(QHostAddress::LocalHost, window.endpoint()->port());
        QVERIFY(socket.waitForConnected(5000));
        socket.write("POST /acme HTTP/1.1\r\nX-Acme-Sig: " + signature
                     + "\r\nContent-Length: " + QByteArray::number(body.size()) + "\r\n\r\n" + body);
        auto* table = window.findChild<QTableView*>(QStringLiteral("captureTableView"));
        QTRY_COMPARE(table->model()->rowCount(), 1);

        QTest::keyClicks(window.findChild<QLineEdit*>(QStringLiteral("secretLineEdit")), QStringLiteral("acme-secret"));
        // Nothing detects this provider on its own.
        QTRY_VERIFY_WITH_TIMEOUT(!signatureCell(table, 0).startsWith(QStringLiteral("valid")), 3000);

        auto* scheme = window.findChild<QComboBox*>(QStringLiteral("schemeComboBox"));
        QVERIFY(scheme);
        scheme->setCurrentIndex(scheme->findData(QStringLiteral("generic")));
        auto* spec = window.findChild<QLineEdit*>(QStringLiteral("genericSpecLineEdit"));
        QVERIFY(spec && spec->isVisible());
        QTest::keyClicks(spec, QStringLiteral("header=X-Acme-Sig;algorithm=md5"));
        auto* error = window.findChild<QLabel*>(QStringLiteral("genericSpecErrorLabel"));
        QTRY_VERIFY(error->text().contains(QStringLiteral("algorithm")));
        spec->setText(QStringLiteral("header=X-Acme-Sig;algorithm=sha1;prefix=sha1="));
        QVERIFY(error->text().isEmpty());
        QTRY_VERIFY_WITH_TIMEOUT(signatureCell(table, 0).startsWith(QStringLiteral("valid")), 10000);
    }
};

QTEST_MAIN(TestSignaturesInWindow)
#include "TestSignaturesInWindow.moc"

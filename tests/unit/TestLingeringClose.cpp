// SPDX-License-Identifier: MIT
// A refused request whose body is still arriving: the answer must reach the client even though it keeps
// sending. Closing with unread data makes the kernel reset the connection, which can destroy the answer.
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>

#include "ExpectedChecks.h"
#include "endpoint/Endpoint.h"

class TestLingeringClose final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void answerSurvivesAClientThatKeepsSending()
    {
        QTemporaryDir dir;
        Endpoint endpoint;
        EndpointConfig config;
        config.server.port = 0;
        config.server.limits.maxBodyBytes = 1024;
        config.storePath = dir.filePath(QStringLiteral("s.sqlite"));
        QVERIFY_EXPECTED(endpoint.start(config));

        for (int attempt = 0; attempt < 5; ++attempt) {
            QTcpSocket socket;
            socket.connectToHost(QHostAddress::LocalHost, endpoint.port());
            QVERIFY(socket.waitForConnected(5000));
            socket.write(
                "POST /big HTTP/1.1\r\nContent-Type: application/octet-stream\r\nTransfer-Encoding: chunked\r\n\r\n");
            const QByteArray chunk = QByteArray::number(64 * 1024, 16) + "\r\n" + QByteArray(64 * 1024, 'x') + "\r\n";
            QByteArray answer;
            // Keep sending well past the limit, as an uploader that does not read would.
            for (int i = 0; i < 64 && socket.state() == QAbstractSocket::ConnectedState; ++i) {
                socket.write(chunk);
                socket.waitForBytesWritten(1000);
                answer += socket.readAll();
            }
            while (!answer.contains("\r\n\r\n") && socket.waitForReadyRead(3000))
                answer += socket.readAll();
            QVERIFY2(answer.startsWith("HTTP/1.1 413"), answer.left(200).constData());
            QVERIFY(answer.contains("Connection: close"));
        }
    }
};

QTEST_GUILESS_MAIN(TestLingeringClose)
#include "TestLingeringClose.moc"

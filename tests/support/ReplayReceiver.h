// SPDX-License-Identifier: MIT
#pragma once

// Test helper: a raw HTTP/1.1 receiver on 127.0.0.1 (plain, or TLS with a certificate made for the test)
// that records the exact bytes of every request and answers as told: a fixed answer, nothing (for
// timeouts), half an answer then close, or an answer that never ends.

#include <QByteArray>
#include <QCryptographicHash>
#include <QList>
#include <QProcess>
#include <QSslCertificate>
#include <QSslConfiguration>
#include <QSslKey>
#include <QSslSocket>
#include <QTcpServer>
#include <QTimer>
#include <functional>

struct ReceivedRequest
{
    QByteArray raw; // head and body as they came
    QByteArray requestLine;
    QList<QPair<QByteArray, QByteArray>> headers; // exactly as received: order, case, duplicates
    QByteArray body;

    QByteArray bodySha256() const { return QCryptographicHash::hash(body, QCryptographicHash::Sha256).toHex(); }
};

class ReplayReceiver final : public QTcpServer
{
public:
    enum class Mode
    {
        Answer,
        Silent,
        CloseMidAnswer,
        Endless
    };

    QByteArray answer = "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 2\r\n\r\nok";
    Mode mode = Mode::Answer;
    int answerDelayMs = 0;
    // When set, decides the answer from the request (the Firm App verifier uses its own server instead).
    std::function<QByteArray(const ReceivedRequest&)> answerFor;
    QList<ReceivedRequest> requests;
    int connections = 0;
    int inFlight = 0;
    int maxInFlight = 0;

    bool listenLocal() { return listen(QHostAddress::LocalHost, 0); }
    QByteArray url(const QByteArray& path = "/hook") const
    {
        return (m_tls ? "https" : "http") + QByteArray("://127.0.0.1:") + QByteArray::number(serverPort()) + path;
    }

    // Makes a self-signed certificate for localhost/127.0.0.1 with the openssl command; empty on failure.
    static QString makeCertificate(const QString& dir)
    {
        QProcess openssl;
        openssl.start(QStringLiteral("openssl"),
                      {QStringLiteral("req"), QStringLiteral("-x509"), QStringLiteral("-newkey"),
                       QStringLiteral("rsa:2048"), QStringLiteral("-nodes"), QStringLiteral("-keyout"),
                       dir + QStringLiteral("/key.pem"), QStringLiteral("-out"), dir + QStringLiteral("/cert.pem"),
                       QStringLiteral("-days"), QStringLiteral("2"), QStringLiteral("-subj"),
                       QStringLiteral("/CN=localhost"), QStringLiteral("-addext"),
                       QStringLiteral("subjectAltName=DNS:localhost,IP:127.0.0.1")});
        if (!openssl.waitForFinished(60000) || openssl.exitCode() != 0)
            return {};
        return dir + QStringLiteral("/cert.pem");
    }

    bool useTls(const QString& dir)
    {
        QFile certFile(dir + QStringLiteral("/cert.pem"));
        QFile keyFile(dir + QStringLiteral("/key.pem"));
        if (!certFile.open(QIODevice::ReadOnly) || !keyFile.open(QIODevice::ReadOnly))
            return false;
        m_certificate = QSslCertificate(certFile.readAll(), QSsl::Pem);
        m_key = QSslKey(keyFile.readAll(), QSsl::Rsa, QSsl::Pem);
        m_tls = !m_certificate.isNull() && !m_key.isNull();
        return m_tls;
    }

protected:
    void incomingConnection(qintptr descriptor) override
    {
        ++connections;
        QTcpSocket* socket = nullptr;
        if (m_tls) {
            auto* ssl = new QSslSocket(this);
            ssl->setSocketDescriptor(descriptor);
            ssl->setLocalCertificate(m_certificate);
            ssl->setPrivateKey(m_key);
            ssl->setPeerVerifyMode(QSslSocket::VerifyNone);
            ssl->startServerEncryption();
            socket = ssl;
        } else {
            socket = new QTcpSocket(this);
            socket->setSocketDescriptor(descriptor);
        }
        auto* buffer = new QByteArray;
        connect(socket, &QTcpSocket::readyRead, socket, [this, socket, buffer] {
            *buffer += socket->readAll();
            take(socket, *buffer);
        });
        connect(socket, &QTcpSocket::disconnected, socket, [socket, buffer] {
            delete buffer;
            socket->deleteLater();
        });
    }

private:
    void take(QTcpSocket* socket, QByteArray& buffer)
    {
        const qsizetype end = buffer.indexOf("\r\n\r\n");
        if (end < 0)
            return;
        ReceivedRequest request;
        const QList<QByteArray> lines = buffer.left(end).split('\n');
        request.requestLine = lines.value(0).trimmed();
        qint64 length = 0;
        for (qsizetype i = 1; i < lines.size(); ++i) {
            const QByteArray line = lines.at(i).endsWith('\r') ? lines.at(i).chopped(1) : lines.at(i);
            const qsizetype colon = line.indexOf(':');
            const QByteArray name = line.left(colon);
            const QByteArray value = line.mid(colon + 1).trimmed();
            request.headers.append({name, value});
            if (name.compare("Content-Length", Qt::CaseInsensitive) == 0)
                length = value.toLongLong();
        }
        if (buffer.size() < end + 4 + length)
            return;
        request.raw = buffer.left(end + 4 + length);
        request.body = buffer.mid(end + 4, length);
        buffer.remove(0, end + 4 + length);
        requests.append(request);
        ++inFlight;
        maxInFlight = qMax(maxInFlight, inFlight);
        const QByteArray reply = answerFor ? answerFor(request) : answer;
        auto respond = [this, socket, reply] {
            --inFlight;
            switch (mode) {
            case Mode::Answer:
                socket->write(reply);
                return;
            case Mode::Silent:
                return;
            case Mode::CloseMidAnswer:
                socket->write("HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\n0123456789");
                socket->flush();
                socket->disconnectFromHost();
                return;
            case Mode::Endless: {
                socket->write("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n");
                auto* timer = new QTimer(socket);
                const QByteArray chunk = "10000\r\n" + QByteArray(0x10000, 'x') + "\r\n";
                connect(timer, &QTimer::timeout, socket, [socket, chunk] {
                    if (socket->bytesToWrite() < 4 * chunk.size())
                        socket->write(chunk);
                });
                timer->start(0);
                return;
            }
            }
        };
        if (answerDelayMs > 0)
            QTimer::singleShot(answerDelayMs, socket, respond);
        else
            respond();
    }

    bool m_tls = false;
    QSslCertificate m_certificate;
    QSslKey m_key;
};

// SPDX-License-Identifier: MIT
#include "session/TestDelivery.h"

#include <QTcpSocket>
#include <QTimer>

#include "json/JsonReader.h"
#include "json/JsonStringifier.h"
#include "signature/Hmac.h"

namespace {
constexpr int timeoutMsecs = 10000;
}

TestDelivery::TestDelivery(QObject* parent)
    : QObject(parent)
{ }

QByteArray TestDelivery::body(const QByteArray& secret, const QDateTime& now)
{
    const QByteArray date = now.toUTC().toString(Qt::ISODateWithMs).toLatin1();
    const QByteArray payload = R"({"date":")" + date + R"(","events":[)"
        + R"({"action":"update","schema":"user","docId":"ussampleuser1id","docUpdatedDate":")" + date
        + R"(","diff":{"name":"Sam Smith"}},)"
        + R"({"action":"create","schema":"user","docId":"ussampleuser2id","docUpdatedDate":")" + date + R"("},)"
        + R"({"action":"delete","schema":"user","docId":"ussampleuser3id","docUpdatedDate":")" + date + R"("}]})";
    // What the Firm App signs is JSON.stringify(payload); for this text it is the text itself, and
    // stringifying makes sure of it.
    const QByteArray signedText = JsonStringifier::stringify(JsonReader::read(payload).document.root());
    const QByteArray signature = Hmac::compute(HmacAlgorithm::Sha256, secret, signedText).toHex();
    return R"({"payload":)" + payload + R"(,"signature":")" + signature + R"("})";
}

QByteArray TestDelivery::request(const QByteArray& body, const QString& host, quint16 port)
{
    return "POST /hooks/firm-app HTTP/1.1\r\nHost: " + host.toLatin1() + ':' + QByteArray::number(port)
        + "\r\nUser-Agent: Hookbench test delivery\r\nContent-Type: application/json\r\nContent-Length: "
        + QByteArray::number(body.size()) + "\r\nConnection: close\r\n\r\n" + body;
}

void TestDelivery::send(const QHostAddress& address, quint16 port, const QByteArray& secret)
{
    auto* socket = new QTcpSocket(this);
    auto* timer = new QTimer(socket);
    timer->setSingleShot(true);
    auto answer = std::make_shared<QByteArray>();
    auto finish = [this, socket, answer](const QString& error) {
        if (socket->property("done").toBool())
            return;
        socket->setProperty("done", true);
        int status = 0;
        if (answer->startsWith("HTTP/1.") && answer->size() >= 12)
            status = answer->mid(9, 3).toInt();
        Q_EMIT finished(status, status == 0 && error.isEmpty() ? tr("no answer from the endpoint") : error);
        socket->deleteLater();
    };
    const QString host = address.isLoopback() ? QStringLiteral("127.0.0.1") : address.toString();
    const QByteArray bytes = request(body(secret, QDateTime::currentDateTimeUtc()), host, port);
    connect(socket, &QTcpSocket::connected, socket, [socket, bytes] { socket->write(bytes); });
    connect(socket, &QTcpSocket::readyRead, socket, [socket, answer, finish] {
        *answer += socket->readAll();
        if (answer->contains("\r\n\r\n"))
            finish(QString());
    });
    connect(socket, &QTcpSocket::errorOccurred, socket, [socket, finish] { finish(socket->errorString()); });
    connect(timer, &QTimer::timeout, socket, [finish] { finish(tr("the endpoint did not answer within 10 s")); });
    timer->start(timeoutMsecs);
    // An endpoint bound to every address is reached on loopback.
    const QHostAddress target = address == QHostAddress::Any || address == QHostAddress::AnyIPv4
        ? QHostAddress(QHostAddress::LocalHost)
        : address;
    socket->connectToHost(target, port);
}

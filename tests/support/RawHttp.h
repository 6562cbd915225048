// SPDX-License-Identifier: MIT
#pragma once

#include <QByteArray>
#include <QHostAddress>
#include <QTcpSocket>

// Test helper: sends raw request bytes to 127.0.0.1:port and returns the answer's head (and whatever
// body arrived with it); empty when nothing could be sent or nothing came back within 5 s.
inline QByteArray exchangeRaw(quint16 port, const QByteArray& request)
{
    QTcpSocket socket;
    socket.connectToHost(QHostAddress::LocalHost, port);
    if (!socket.waitForConnected(5000))
        return {};
    socket.write(request);
    QByteArray answer;
    while (!answer.contains("\r\n\r\n") && socket.waitForReadyRead(5000))
        answer += socket.readAll();
    return answer;
}

// A POST with this body and extra header lines ("Name: value\r\n" each).
inline QByteArray postRaw(quint16 port, const QByteArray& target, const QByteArray& body,
                          const QByteArray& headerLines = {})
{
    return exchangeRaw(port,
                       "POST " + target + " HTTP/1.1\r\n" + headerLines
                           + "Content-Length: " + QByteArray::number(body.size()) + "\r\n\r\n" + body);
}

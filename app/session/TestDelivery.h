// SPDX-License-Identifier: MIT
#pragma once

#include <QByteArray>
#include <QDateTime>
#include <QHostAddress>
#include <QObject>

// A Firm App sample delivery (an update, a create and a delete), signed as the Firm App's webhook page
// says: HMAC-SHA256 in hex of JSON.stringify(payload) with the secret, in the body's "signature" member.
// Sent to the endpoint like any provider would, so a new user sees a capture with a valid signature.
class TestDelivery final : public QObject
{
    Q_OBJECT

public:
    explicit TestDelivery(QObject* parent = nullptr);

    static QByteArray body(const QByteArray& secret, const QDateTime& now);
    static QByteArray request(const QByteArray& body, const QString& host, quint16 port);

    // Posts to address:port; finished() reports the status the endpoint answered, or the error.
    void send(const QHostAddress& address, quint16 port, const QByteArray& secret);

Q_SIGNALS:
    void finished(int status, const QString& error);
};

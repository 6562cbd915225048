// SPDX-License-Identifier: MIT
#pragma once

#include <QElapsedTimer>
#include <QObject>
#include <QPointer>
#include <QTimer>
#include <memory>

#include "core/ReplayAttempt.h"
#include "replay/ReplayRequest.h"

class QTcpSocket;
class ResponseParser;

// A small HTTP/1.1 client for one exchange: it writes the request's bytes itself (no header is added or
// merged, unlike QNetworkAccessManager) over QTcpSocket or QSslSocket, and reads the answer with a bounded
// parser. Redirects are reported, never followed. Always ends with exactly one finished() signal, within
// the timeout.
class ReplayClient final : public QObject
{
    Q_OBJECT

public:
    explicit ReplayClient(QObject* parent = nullptr);
    ~ReplayClient() override;

    void start(const ReplayRequest& request, const ClientOptions& options);
    // Ends the exchange now; finished() reports Canceled.
    void cancel();
    bool isRunning() const { return m_running; }

Q_SIGNALS:
    // status, headers, body (bounded), duration and error; the caller fills in which capture and target.
    void finished(const ReplayAttempt& attempt);

private:
    void connectSocket(const QString& address);
    void onConnected();
    void onReadyRead();
    void onDisconnected();
    void onSocketError();
    // Ends the exchange (the timer stopped, the socket let go) and returns the attempt with what arrived of the answer.
    ReplayAttempt endExchange();
    void finishWith(ReplayErrorKind kind, const QString& message);
    void finishAnswered();

    ReplayRequest m_request;
    ClientOptions m_options;
    QPointer<QTcpSocket> m_socket;
    std::unique_ptr<ResponseParser> m_parser;
    QTimer m_deadline;
    QElapsedTimer m_clock;
    QString m_tlsErrors;
    bool m_running = false;
    bool m_sent = false;
};

// SPDX-License-Identifier: MIT
#pragma once

#include <QObject>
#include <QTimer>
#include <deque>

#include "http/RequestParser.h"
#include "http/ResponseRules.h"

class CaptureServer;
class QTcpSocket;

// One client connection: parses what arrives, hands each request to the server for a group commit,
// and writes the answers in request order (pipelining), each in one write.
class HttpConnection final : public QObject
{
    Q_OBJECT

public:
    HttpConnection(qintptr socketDescriptor, CaptureServer* server);
    ~HttpConnection() override;

    // The server committed (or failed to commit) the exchange `sequence`; answer it.
    void respond(quint64 sequence, const ResponsePlan& plan, qint64 captureId);
    // Reading was paused (back-pressure or the body budget); reads on if it may now.
    void resumeReading();
    qint64 bodyBytesHeld() const { return m_parser.bodyBytesHeld(); }
    // Requests read on this connection whose answers are not written yet (waiting for their commit or for
    // an earlier answer).
    bool hasPendingAnswers() const { return !m_exchanges.empty(); }

Q_SIGNALS:
    void finished();

private:
    struct Exchange
    {
        quint64 sequence = 0;
        bool ready = false;
        bool answered = false;
        QByteArray bytes;
        bool closeAfter = false;
        bool noAnswer = false;
        bool head = false; // a HEAD request: the answer has no content
        bool announceKeepAlive = false; // HTTP/1.0 with keep-alive: say that the connection stays
    };

    void onReadyRead();
    void onDisconnected();
    void handle(ParsedRequest request);
    void pump();
    void closeConnection();
    void shutdownWrite();
    void finish(); // once: tells the server this connection is done
    void restartTimers();
    bool backPressure() const;
    void pauseForBudget(bool paused);
    void onHeaderTimeout();
    void onIdleTimeout();
    void onStallTimeout();
    void onRequestTimeout();

    CaptureServer* m_server;
    QTcpSocket* m_socket;
    RequestParser m_parser;
    std::deque<Exchange> m_exchanges;
    quint64 m_nextSequence = 1;
    bool m_closing = false;
    bool m_writeShutDown = false;
    bool m_finished = false;
    static constexpr int lingerMs = 2000; // how long a closing connection drains what the client still sends
    // Outside a body, a connection is read about as many requests at a time as may still be pending
    // (maxPendingAnswers), from its average request size, between these bounds: a client that pipelines never
    // queues thousands of captures ahead of everyone else's. A body is read readChunkBytes at a time.
    static constexpr qint64 requestChunkBytes = 4096;
    static constexpr qint64 minRequestChunkBytes = 512;
    qint64 requestReadBytes() const;
    qint64 m_bytesFed = 0; // read outside a body: what the average request size is taken from
    qint64 m_requestsFed = 0;
    bool m_closeAfterAnswers = false; // a request in flight ends the connection once answered
    bool m_continueDeferred = false;
    bool m_readPaused = false;
    bool m_budgetPaused = false;
    int m_requestRemainingMs = 0; // the request deadline left while paused for the budget
    QTimer m_headerTimer; // the head of a request, from its first byte
    QTimer m_requestTimer; // the whole request, from its first byte
    QTimer m_stallTimer; // no byte for idleTimeoutMs in the middle of a request
    QTimer m_idleTimer; // nothing in flight, from the moment the connection became idle
    QString m_peerAddress;
    quint16 m_peerPort = 0;
};

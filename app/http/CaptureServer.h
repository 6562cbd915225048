// SPDX-License-Identifier: MIT
#pragma once

#include <QElapsedTimer>
#include <QHash>
#include <QPointer>
#include <QSet>
#include <QTcpServer>
#include <array>

#include "core/Capture.h"
#include "core/CaptureSink.h"
#include "http/ServerConfig.h"

class HttpConnection;

// The capture endpoint. Lives on its own thread. Requests that complete together are handed to the sink as one
// group (the session store commits it in one transaction), and only then answered: a 2xx means the capture is
// kept as the sink promises (durable, for the store). The sink has two lanes: a capture with a large body
// (CaptureSink::largeBodyBytes and over) is a group of its own on the large lane, the others form groups of at
// most maxGroupCaptures captures and maxGroupBytes of bodies on the small lane. In each lane one group commits
// while the next waits; what completes meanwhile forms the group after, so that no client waits behind an
// unbounded commit, and a small delivery never waits for a large body's write and sync.
class CaptureServer final : public QTcpServer
{
    Q_OBJECT

public:
    // The captures go to `sink`, which must outlive the server.
    CaptureServer(const ServerConfig& config, CaptureSink* sink, qint64 sessionId, QObject* parent = nullptr);
    ~CaptureServer() override; // commits and answers what completed, waiting for the group in flight

    Expected<void> start();
    static constexpr qsizetype maxGroupCaptures = 256;
    static constexpr qint64 maxGroupBytes = 16 * 1024 * 1024;
    // Per lane, one group commits while the next waits in the sink, so that it starts without a round trip.
    static constexpr int maxGroupsInFlight = 2;
    const ServerConfig& config() const { return m_config; }
    void setRules(const ResponseRules& rules);
    int connectionCount() const { return m_connectionCount; }
    qint64 sessionId() const { return m_sessionId; }
    void setSessionId(qint64 sessionId) { m_sessionId = sessionId; }

    // From connections: a finished (or rejected) request waiting for the group commit. A null
    // connection means nobody waits for the answer (the client went away).
    void submit(HttpConnection* connection, quint64 sequence, Capture capture, const ResponsePlan& plan);
    ResponsePlan planFor(const Capture& capture);

    // The body budget (ServerConfig::bodyBudgetBytes) across connections. A connection reports the
    // bytes of its body in progress after each read, and asks before each read; a completed request counts
    // with its body and head until it is stored.
    void bodyBytesChanged(HttpConnection* connection, qint64 bytes);
    bool mayReadBody(const HttpConnection* connection);
    qint64 bodyBytesInFlight() const { return m_bodyBytesTotal; }
    // The connection cap in force: the configured one, lowered to stay below the file limit.
    int connectionCap() const { return m_connectionCap; }
    static int connectionCapFor(int configured, qint64 fileLimit);

Q_SIGNALS:
    void capturesStored(const QList<Capture>& captures);
    void storeFailed(const Error& error); // senders were answered 503

protected:
    void incomingConnection(qintptr socketDescriptor) override;

private:
    struct Pending
    {
        QPointer<HttpConnection> connection;
        quint64 sequence = 0;
        ResponsePlan plan;
    };
    void flush();
    // Hands the next group of this lane to the sink; false when the lane is full or has nothing waiting.
    bool flushLane(int lane);
    void committed(int lane, const QList<Capture>& captures, const QList<Pending>& pending, qint64 bytes,
                   const Expected<void>& result);
    void refuse(qintptr socketDescriptor);
    void releaseCommitted(qint64 bytes);
    void onAcceptError(QAbstractSocket::SocketError error);

    ServerConfig m_config;
    CaptureSink* m_sink;
    std::array<int, 2> m_groupsInFlight {}; // per lane (CaptureSink::Lane): handed to the sink, not yet kept
    bool m_stopping = false;
    QElapsedTimer m_acceptWarned; // since a paused accept was last reported
    QElapsedTimer m_floodWarned; // since connections over the cap were last reported closed unanswered
    qint64 m_sessionId;
    int m_connectionCount = 0;
    int m_connectionCap = 0;
    static constexpr int refusingCap = 32; // sockets draining a 503 at a time; more are closed unanswered
    int m_refusing = 0; // sockets answered 503 that are still draining
    QHash<const HttpConnection*, qint64> m_bodyBytes;
    qint64 m_bodyBytesTotal = 0;
    qint64 m_committingBytes = 0; // requests submitted and not yet stored (bodies and heads)
    QSet<const HttpConnection*> m_budgetWaiters;
    QList<Capture> m_pendingCaptures;
    QList<Pending> m_pending;
    bool m_flushScheduled = false;
};

// SPDX-License-Identifier: MIT
#pragma once

#include <QObject>
#include <optional>

#include "core/Capture.h"
#include "core/Expected.h"
#include "http/ServerConfig.h"

class CaptureHandoff;
class CaptureServer;
class QThread;
class SessionStore;
class StoreWriter;

struct EndpointConfig
{
    ServerConfig server;
    QString storePath; // the session database
    qint64 sessionId = 0; // 0: start a new session
    QString sessionName;
};

// The capture endpoint as seen from the window or a command: owns the endpoint thread, its server (http/), and
// the session store it writes to: a StoreWriter as the server's sink, and a connection of its own that starts
// the session. Signals arrive on the thread that owns the Endpoint, through a CaptureHandoff that bounds the
// bodies waiting for that thread.
class Endpoint final : public QObject
{
    Q_OBJECT

public:
    explicit Endpoint(QObject* parent = nullptr);
    ~Endpoint() override;

    // Opens the store, starts or continues the session and listens. Returns why it could not (a store code,
    // NotFound for a session to continue that is gone, or CannotListen). The session is claimed (SessionStore::claim)
    // until the endpoint stops or switches: a claim that fails otherwise (another process holds the session) is
    // logged, and the endpoint starts all the same.
    Expected<void> start(const EndpointConfig& config);
    void stop();
    bool isRunning() const;

    QHostAddress address() const { return m_address; }
    quint16 port() const { return m_port; }
    QString url() const;
    qint64 sessionId() const { return m_sessionId; }
    QString storePath() const { return m_storePath; }
    void setRules(const ResponseRules& rules);
    // Captures from now on go to this (existing) session, which is claimed in place of the previous one. They go
    // there even when the claim fails, which is logged and returned (NotFound: the session is gone, and
    // deliveries are answered 503).
    Expected<void> switchSession(qint64 sessionId);

    // Bodies stored and handed over that this thread has not taken yet (at most about
    // CaptureHandoff::maxBodyBytes: past it captures are read back from the store when their turn comes).
    qint64 bodyBytesWaiting() const;

Q_SIGNALS:
    void capturesStored(const QList<Capture>& captures);
    void storeFailed(const Error& error); // senders were answered 503

private:
    void warnUnclaimed(const Error& error);

    CaptureHandoff* m_handoff;
    QThread* m_thread = nullptr;
    QObject* m_context = nullptr; // lives on the endpoint thread
    CaptureServer* m_server = nullptr;
    SessionStore* m_store = nullptr;
    StoreWriter* m_writer = nullptr;
    QHostAddress m_address;
    quint16 m_port = 0;
    qint64 m_sessionId = 0;
    QString m_storePath;
};

// SPDX-License-Identifier: MIT
#include "endpoint/Endpoint.h"

#include <QDateTime>
#include <QThread>

#include "core/Logging.h"
#include "endpoint/CaptureHandoff.h"
#include "http/CaptureServer.h"
#include "store/SessionStore.h"
#include "store/StoreWriter.h"

Endpoint::Endpoint(QObject* parent)
    : QObject(parent)
    , m_handoff(new CaptureHandoff(this))
{
    qRegisterMetaType<QList<Capture>>();
    connect(m_handoff, &CaptureHandoff::capturesStored, this, &Endpoint::capturesStored);
}

Endpoint::~Endpoint()
{
    stop();
}

Expected<void> Endpoint::start(const EndpointConfig& config)
{
    stop();
    m_thread = new QThread(this);
    m_thread->setObjectName(QStringLiteral("endpoint"));
    m_context = new QObject;
    m_context->moveToThread(m_thread);
    m_thread->start();

    m_handoff->setStorePath(config.storePath);
    Expected<void> started;
    // The server, its sink and the store connection are created, used and destroyed on the endpoint thread.
    QMetaObject::invokeMethod(
        m_context,
        [&] {
            m_store = new SessionStore;
            started = m_store->open(config.storePath);
            if (!started)
                return;
            m_writer = new StoreWriter;
            started = m_writer->open(m_store->path(), m_store->durability());
            if (!started)
                return;
            // Listen first: a taken port must not leave an empty session behind.
            m_server = new CaptureServer(config.server, m_writer, 0);
            started = m_server->start();
            if (!started)
                return;
            m_sessionId = config.sessionId;
            if (m_sessionId == 0) {
                const QString name = config.sessionName.isEmpty()
                    ? QDateTime::currentDateTime().toString(QStringLiteral("yyyy-MM-dd HH:mm:ss"))
                    : config.sessionName;
                const Expected<qint64> id = m_store->createSession(name);
                if (!id) {
                    Error failure = id.error();
                    failure.message = QStringLiteral("cannot start a session: %1").arg(failure.message);
                    started = failure;
                    return;
                }
                m_sessionId = *id;
            } else if (const Expected<void> claimed = m_store->claim(m_sessionId); !claimed) {
                // Claimed before the first capture, so that no other process deletes or prunes it meanwhile.
                if (claimed.error().code == Error::Code::NotFound) {
                    Error failure = claimed.error();
                    failure.message = QStringLiteral("cannot continue a session: %1").arg(failure.message);
                    started = failure;
                    return;
                }
                warnUnclaimed(claimed.error());
            }
            m_server->setSessionId(m_sessionId);
            m_address = m_server->serverAddress();
            m_port = m_server->serverPort();
            connect(m_server, &CaptureServer::capturesStored, m_server,
                    [handoff = m_handoff](const QList<Capture>& captures) { handoff->hand(captures); });
            connect(m_server, &CaptureServer::storeFailed, this, &Endpoint::storeFailed, Qt::QueuedConnection);
        },
        Qt::BlockingQueuedConnection);
    m_storePath = config.storePath;
    if (!started)
        stop();
    return started;
}

void Endpoint::stop()
{
    if (!m_thread)
        return;
    QMetaObject::invokeMethod(
        m_context,
        [this] {
            delete m_server; // hands its last groups to the writer and waits for them
            m_server = nullptr;
            delete m_writer;
            m_writer = nullptr;
            delete m_store;
            m_store = nullptr;
            delete m_context;
            m_context = nullptr;
        },
        Qt::BlockingQueuedConnection);
    m_thread->quit();
    m_thread->wait();
    delete m_thread;
    m_thread = nullptr;
    m_port = 0;
}

bool Endpoint::isRunning() const
{
    return m_server != nullptr;
}

QString Endpoint::url() const
{
    const QString host = m_address.protocol() == QAbstractSocket::IPv6Protocol
        ? QLatin1Char('[') + m_address.toString() + QLatin1Char(']')
        : m_address.toString();
    return QStringLiteral("http://%1:%2/").arg(host).arg(m_port);
}

void Endpoint::setRules(const ResponseRules& rules)
{
    if (!m_server)
        return;
    QMetaObject::invokeMethod(
        m_server, [server = m_server, rules] { server->setRules(rules); }, Qt::QueuedConnection);
}

Expected<void> Endpoint::switchSession(qint64 sessionId)
{
    m_sessionId = sessionId;
    if (!m_server)
        return {};
    Expected<void> claimed;
    QMetaObject::invokeMethod(
        m_context,
        [&] {
            // The claim moves with the captures: from now on this session is spared, the previous one no longer.
            claimed = m_store->claim(sessionId);
            m_server->setSessionId(sessionId);
        },
        Qt::BlockingQueuedConnection);
    if (!claimed)
        warnUnclaimed(claimed.error());
    return claimed;
}

void Endpoint::warnUnclaimed(const Error& error)
{
    qCWarning(lcStore).noquote() << QStringLiteral("the endpoint's session %1 is not claimed, so another process may "
                                                   "delete it: %2")
                                        .arg(m_sessionId)
                                        .arg(error.message);
}

qint64 Endpoint::bodyBytesWaiting() const
{
    return m_handoff->bodyBytesWaiting();
}

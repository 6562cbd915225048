// SPDX-License-Identifier: MIT
#include "http/CaptureServer.h"

#include <QTcpSocket>
#include <QTimer>

#include "http/HttpConnection.h"
#include "store/SessionStore.h"

CaptureServer::CaptureServer(const ServerConfig& config, SessionStore* store, qint64 sessionId, QObject* parent)
    : QTcpServer(parent)
    , m_config(config)
    , m_store(store)
    , m_sessionId(sessionId)
{ }

CaptureServer::~CaptureServer()
{
    // Whatever completed but was not flushed yet still goes to the store.
    flush();
}

bool CaptureServer::start(QString* error)
{
    if (listen(m_config.bindAddress, m_config.port))
        return true;
    if (error) {
        *error = QStringLiteral("cannot listen on %1:%2: %3")
                     .arg(m_config.bindAddress.toString())
                     .arg(m_config.port)
                     .arg(errorString());
    }
    return false;
}

void CaptureServer::setRules(const ResponseRules& rules)
{
    m_config.rules = rules;
}

ResponsePlan CaptureServer::planFor(const Capture& capture)
{
    return m_config.rules.plan(capture);
}

void CaptureServer::incomingConnection(qintptr socketDescriptor)
{
    if (m_connectionCount >= m_config.maxConnections) {
        auto* socket = new QTcpSocket(this);
        socket->setSocketDescriptor(socketDescriptor);
        socket->setSocketOption(QAbstractSocket::LowDelayOption, 1);
        socket->write(
            ResponsePlan::error(503, QStringLiteral("too many connections (limit %1)").arg(m_config.maxConnections))
                .serialize(0));
        socket->disconnectFromHost();
        connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
        QTimer::singleShot(5000, socket, &QTcpSocket::abort);
        return;
    }
    ++m_connectionCount;
    auto* connection = new HttpConnection(socketDescriptor, this);
    connect(connection, &HttpConnection::finished, this, [this, connection] {
        --m_connectionCount;
        connection->deleteLater();
    });
}

void CaptureServer::submit(HttpConnection* connection, quint64 sequence, Capture capture, const ResponsePlan& plan)
{
    capture.sessionId = m_sessionId;
    capture.responseStatus = plan.noAnswer ? 0 : plan.status;
    m_pendingCaptures.append(std::move(capture));
    m_pending.append(Pending {connection, sequence, plan});
    if (!m_flushScheduled) {
        m_flushScheduled = true;
        // Everything that completes in this event-loop turn shares one transaction.
        QMetaObject::invokeMethod(this, &CaptureServer::flush, Qt::QueuedConnection);
    }
}

void CaptureServer::flush()
{
    m_flushScheduled = false;
    if (m_pendingCaptures.isEmpty())
        return;
    QList<Capture> captures = std::exchange(m_pendingCaptures, {});
    const QList<Pending> pending = std::exchange(m_pending, {});
    // The answer is recorded with its capture, in the same transaction, once the capture's id is known.
    const auto recordAnswer = [&pending](qsizetype index, Capture& capture) {
        const ResponsePlan& plan = pending.at(index).plan;
        if (!plan.noAnswer && pending.at(index).connection)
            std::tie(capture.responseHeaders, capture.responseBody) = plan.answer(capture.id);
    };
    if (const std::optional<StoreError> error = m_store->append(captures, recordAnswer)) {
        const QString message
            = QStringLiteral("the session store refused %1 capture(s): %2").arg(captures.size()).arg(error->message);
        const ResponsePlan refusal = ResponsePlan::error(
            503,
            QStringLiteral("Hookbench could not store this request, so it is not acknowledged: %1")
                .arg(error->message));
        for (const Pending& entry : pending) {
            if (entry.connection)
                entry.connection->respond(entry.sequence, refusal, 0);
        }
        Q_EMIT storeFailed(message);
        return;
    }
    for (qsizetype i = 0; i < pending.size(); ++i) {
        if (pending.at(i).connection)
            pending.at(i).connection->respond(pending.at(i).sequence, pending.at(i).plan, captures.at(i).id);
    }
    Q_EMIT capturesStored(captures);
}

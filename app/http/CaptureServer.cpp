// SPDX-License-Identifier: MIT
#include "http/CaptureServer.h"

#include <QTcpSocket>
#include <QTimer>

#include <sys/resource.h>
#include <sys/socket.h>
#include <unistd.h>

#include "core/Logging.h"
#include "http/HttpConnection.h"

namespace {
// What a completed request holds until it is stored: its body, and its head twice (the bytes as received and
// the parsed fields).
qint64 heldBytes(const Capture& capture)
{
    return capture.body.capacity() + 2 * capture.rawHead.size();
}
} // namespace

CaptureServer::CaptureServer(const ServerConfig& config, CaptureSink* sink, qint64 sessionId, QObject* parent)
    : QTcpServer(parent)
    , m_config(config)
    , m_sink(sink)
    , m_sessionId(sessionId)
{
    struct rlimit limit = {};
    const qint64 files = ::getrlimit(RLIMIT_NOFILE, &limit) == 0 && limit.rlim_cur != RLIM_INFINITY
        ? qint64(limit.rlim_cur)
        : qint64(1) << 30;
    m_connectionCap = connectionCapFor(m_config.maxConnections, files);
    // Qt stops accepting after a resource error (EMFILE, ENFILE): accept again once some are free.
    connect(this, &QTcpServer::acceptError, this, &CaptureServer::onAcceptError);
}

int CaptureServer::connectionCapFor(int configured, qint64 fileLimit)
{
    // Each connection is one file; the store (database, WAL, shared memory, journal), Qt's own
    // descriptors and the sockets answered 503 need the rest.
    constexpr qint64 headroom = 64;
    return int(qBound<qint64>(1, qMin<qint64>(configured, fileLimit - headroom - refusingCap), qint64(configured)));
}

void CaptureServer::onAcceptError(QAbstractSocket::SocketError)
{
    // While files stay short this repeats every 100 ms: it is said at most once every 10 s.
    if (!m_acceptWarned.isValid() || m_acceptWarned.elapsed() > 10000) {
        qCWarning(lcHttp).noquote() << "accepting connections paused:" << errorString()
                                    << "- trying again every 100 ms";
        m_acceptWarned.start();
    }
    QTimer::singleShot(100, this, [this] { resumeAccepting(); });
}

CaptureServer::~CaptureServer()
{
    // The group in flight is answered, and whatever completed but was not handed over yet still goes to the
    // store, here.
    m_stopping = true;
    m_sink->finish(); // runs the completions of the groups in flight: none is left after it
    flush();
}

Expected<void> CaptureServer::start()
{
    if (listen(m_config.bindAddress, m_config.port))
        return {};
    return Error {Error::Code::CannotListen,
                  QStringLiteral("cannot listen on %1:%2: %3")
                      .arg(m_config.bindAddress.toString())
                      .arg(m_config.port)
                      .arg(errorString())};
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
    if (m_connectionCount >= m_connectionCap) {
        qCDebug(lcHttp) << "over the cap of" << m_connectionCap << "connections: answered 503";
        refuse(socketDescriptor);
        return;
    }
    ++m_connectionCount;
    auto* connection = new HttpConnection(socketDescriptor, this);
    connect(connection, &HttpConnection::finished, this, [this, connection] {
        --m_connectionCount;
        bodyBytesChanged(connection, 0);
        m_bodyBytes.remove(connection);
        m_budgetWaiters.remove(connection);
        connection->deleteLater();
    });
}

void CaptureServer::refuse(qintptr socketDescriptor)
{
    if (m_refusing >= refusingCap) {
        ::close(int(socketDescriptor)); // a flood: these are not answered
        if (!m_floodWarned.isValid() || m_floodWarned.elapsed() > 1000) { // at most one warning a second
            qCWarning(lcHttp) << "connections over the cap are closed unanswered:" << m_refusing
                              << "are still draining their 503";
            m_floodWarned.start();
        }
        return;
    }
    ++m_refusing;
    auto* socket = new QTcpSocket(this);
    socket->setSocketDescriptor(socketDescriptor);
    socket->setSocketOption(QAbstractSocket::LowDelayOption, 1);
    socket->write(
        ResponsePlan::error(503, QStringLiteral("too many connections (limit %1)").arg(m_connectionCap)).serialize(0));
    // The answer leaves, then a FIN; what the client still sends is read and dropped until it closes,
    // so the kernel does not reset the connection and discard the answer.
    const auto shutdownWrite = [socket] {
        if (socket->bytesToWrite() == 0 && socket->state() == QAbstractSocket::ConnectedState)
            ::shutdown(int(socket->socketDescriptor()), SHUT_WR);
    };
    connect(socket, &QTcpSocket::bytesWritten, socket, shutdownWrite);
    connect(socket, &QTcpSocket::readyRead, socket, [socket] { socket->readAll(); });
    const auto done = [this, socket] {
        if (socket->property("done").toBool())
            return;
        socket->setProperty("done", true);
        --m_refusing;
        socket->abort();
        socket->deleteLater();
    };
    connect(socket, &QTcpSocket::disconnected, this, done);
    QTimer::singleShot(2000, socket, done);
    socket->flush();
    shutdownWrite();
}

void CaptureServer::releaseCommitted(qint64 bytes)
{
    m_bodyBytesTotal -= bytes;
    m_committingBytes -= bytes;
    for (const HttpConnection* waiter : std::exchange(m_budgetWaiters, {}))
        QMetaObject::invokeMethod(const_cast<HttpConnection*>(waiter), &HttpConnection::resumeReading,
                                  Qt::QueuedConnection);
}

void CaptureServer::bodyBytesChanged(HttpConnection* connection, qint64 bytes)
{
    qint64& held = m_bodyBytes[connection];
    const qint64 before = held;
    m_bodyBytesTotal += bytes - before;
    held = bytes;
    if (bytes >= before)
        return;
    // Room freed: connections waiting for the budget try again (the largest body among them may read).
    for (const HttpConnection* waiter : std::exchange(m_budgetWaiters, {})) {
        if (waiter != connection)
            QMetaObject::invokeMethod(const_cast<HttpConnection*>(waiter), &HttpConnection::resumeReading,
                                      Qt::QueuedConnection);
    }
}

bool CaptureServer::mayReadBody(const HttpConnection* connection)
{
    const qint64 held = m_bodyBytes.value(connection);
    if (m_bodyBytesTotal <= m_config.bodyBudgetBytes)
        return true;
    // Over the budget a small body still proceeds, unless its connection already waits for answers: a client
    // that pipelines small requests adds at most one more before its commits free room.
    if (held < m_config.smallBodyBytes && !connection->hasPendingAnswers())
        return true;
    // Bodies being committed free their room when the commit ends: until then nobody reads on, or reading
    // would outrun the disk.
    if (m_committingBytes > 0) {
        m_budgetWaiters.insert(connection);
        return false;
    }
    // Over the budget: only the largest body in progress reads on, so one always completes.
    for (auto it = m_bodyBytes.cbegin(); it != m_bodyBytes.cend(); ++it) {
        if (it.value() > held || (it.value() == held && it.key() < connection)) {
            m_budgetWaiters.insert(connection);
            return false;
        }
    }
    return true;
}

void CaptureServer::submit(HttpConnection* connection, quint64 sequence, Capture capture, const ResponsePlan& plan)
{
    capture.sessionId = m_sessionId;
    const qint64 held = heldBytes(capture); // in the budget until stored
    m_committingBytes += held;
    m_bodyBytesTotal += held;
    capture.responseStatus = plan.noAnswer ? 0 : plan.status;
    m_pendingCaptures.append(std::move(capture));
    m_pending.append(Pending {connection, sequence, plan});
    const int lane = int(CaptureSink::laneOf(m_pendingCaptures.constLast()));
    if (!m_flushScheduled && m_groupsInFlight.at(lane) < maxGroupsInFlight) {
        m_flushScheduled = true;
        // Everything that completes in this event-loop turn shares one transaction.
        QMetaObject::invokeMethod(this, &CaptureServer::flush, Qt::QueuedConnection);
    }
}

void CaptureServer::flush()
{
    m_flushScheduled = false;
    // One group per lane; stopping, the groups are written here and now, until nothing waits.
    for (;;) {
        const bool small = flushLane(int(CaptureSink::Lane::Small));
        const bool large = flushLane(int(CaptureSink::Lane::Large));
        if (!m_stopping || !(small || large))
            return;
    }
}

bool CaptureServer::flushLane(int lane)
{
    if (m_groupsInFlight.at(lane) >= maxGroupsInFlight)
        return false;
    // This lane's oldest completed captures, up to the group's bounds (one at least, however large; a large body
    // alone), in the order they completed.
    QList<qsizetype> picked;
    qint64 bytes = 0;
    for (qsizetype index = 0; index < m_pendingCaptures.size() && picked.size() < maxGroupCaptures; ++index) {
        const Capture& capture = m_pendingCaptures.at(index);
        if (int(CaptureSink::laneOf(capture)) != lane)
            continue;
        const qint64 size = heldBytes(capture);
        if (!picked.isEmpty() && (bytes + size > maxGroupBytes || lane == int(CaptureSink::Lane::Large)))
            break;
        bytes += size;
        picked.append(index);
    }
    if (picked.isEmpty())
        return false;
    const qsizetype count = picked.size();
    QList<Capture> captures;
    QList<Pending> pending;
    captures.reserve(count);
    pending.reserve(count);
    for (qsizetype i = count - 1; i >= 0; --i) {
        captures.prepend(m_pendingCaptures.takeAt(picked.at(i)));
        pending.prepend(m_pending.takeAt(picked.at(i)));
    }
    // The answer is recorded with its capture, in the same transaction, once the capture's id is known.
    ResponsePlan unanswered;
    unanswered.noAnswer = true; // nobody waits for it: no answer is recorded
    QList<ResponsePlan> answers;
    answers.reserve(count);
    for (const Pending& entry : pending)
        answers.append(entry.connection && !entry.plan.noAnswer ? entry.plan : unanswered);
    const auto recordAnswer = [answers](qsizetype index, Capture& capture) {
        if (!answers.at(index).noAnswer)
            std::tie(capture.responseHeaders, capture.responseBody) = answers.at(index).answer(capture.id);
    };
    QElapsedTimer clock; // since the group was handed over
    clock.start();
    const auto done = [this, lane, pending, bytes, clock](const QList<Capture>& stored, const Expected<void>& result) {
        qCDebug(lcHttp) << (result ? "committed" : "refused") << stored.size() << "capture(s)," << bytes
                        << "bytes held, in" << clock.elapsed() << "ms;" << m_pendingCaptures.size() << "waiting";
        committed(lane, stored, pending, bytes, result);
    };
    ++m_groupsInFlight[lane];
    if (m_stopping) {
        done(captures, m_sink->appendNow(captures, recordAnswer));
        return true;
    }
    m_sink->append(std::move(captures), recordAnswer, done);
    return true;
}

void CaptureServer::committed(int lane, const QList<Capture>& captures, const QList<Pending>& pending, qint64 bytes,
                              const Expected<void>& result)
{
    --m_groupsInFlight[lane];
    // Stored or refused, the bodies leave the budget.
    releaseCommitted(bytes);
    if (!result) {
        Error failure = result.error();
        const ResponsePlan refusal = ResponsePlan::error(
            503,
            QStringLiteral("Hookbench could not store this request, so it is not acknowledged: %1")
                .arg(failure.message));
        failure.message
            = QStringLiteral("the session store refused %1 capture(s): %2").arg(captures.size()).arg(failure.message);
        for (const Pending& entry : pending) {
            if (entry.connection)
                entry.connection->respond(entry.sequence, refusal, 0);
        }
        Q_EMIT storeFailed(failure);
    } else {
        for (qsizetype i = 0; i < pending.size(); ++i) {
            if (pending.at(i).connection)
                pending.at(i).connection->respond(pending.at(i).sequence, pending.at(i).plan, captures.at(i).id);
        }
        Q_EMIT capturesStored(captures);
    }
    // What completed meanwhile is the next group, at once.
    if (!m_stopping && !m_pendingCaptures.isEmpty())
        flush();
}

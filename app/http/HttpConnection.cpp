// SPDX-License-Identifier: MIT
#include "http/HttpConnection.h"

#include <QHostAddress>
#include <QTcpSocket>

#include <sys/socket.h>

#include "core/Logging.h"
#include "http/CaptureServer.h"

namespace {

QString peerText(const QHostAddress& address)
{
    bool isV4 = false;
    const quint32 v4 = address.toIPv4Address(&isV4);
    return isV4 ? QHostAddress(v4).toString() : address.toString();
}

} // namespace

HttpConnection::HttpConnection(qintptr socketDescriptor, CaptureServer* server)
    : QObject(server)
    , m_server(server)
    , m_socket(new QTcpSocket(this))
    , m_parser(server->config().limits)
{
    m_socket->setSocketDescriptor(socketDescriptor);
    // Qt reads no further than this from the kernel while the connection does not read: a paused
    // connection holds at most this much, and TCP flow control makes the client wait.
    m_socket->setReadBufferSize(server->config().readChunkBytes);
    // Each answer goes out in one write; without NODELAY Nagle and delayed ACK add ~40 ms per request.
    m_socket->setSocketOption(QAbstractSocket::LowDelayOption, 1);
    m_peerAddress = peerText(m_socket->peerAddress());
    m_peerPort = m_socket->peerPort();

    for (QTimer* timer : {&m_headerTimer, &m_requestTimer, &m_stallTimer, &m_idleTimer}) {
        timer->setSingleShot(true);
        timer->setTimerType(Qt::PreciseTimer);
    }
    connect(&m_headerTimer, &QTimer::timeout, this, &HttpConnection::onHeaderTimeout);
    connect(&m_requestTimer, &QTimer::timeout, this, &HttpConnection::onRequestTimeout);
    connect(&m_stallTimer, &QTimer::timeout, this, &HttpConnection::onStallTimeout);
    connect(&m_idleTimer, &QTimer::timeout, this, &HttpConnection::onIdleTimeout);
    connect(m_socket, &QTcpSocket::bytesWritten, this, &HttpConnection::resumeReading);
    connect(m_socket, &QTcpSocket::readyRead, this, &HttpConnection::onReadyRead);
    connect(m_socket, &QTcpSocket::disconnected, this, &HttpConnection::onDisconnected);
    connect(m_socket, &QTcpSocket::errorOccurred, this, [this](QAbstractSocket::SocketError error) {
        if (error != QAbstractSocket::RemoteHostClosedError && m_socket->state() == QAbstractSocket::UnconnectedState)
            onDisconnected();
    });
    m_headerTimer.start(m_server->config().headerTimeoutMs);
    m_idleTimer.start(m_server->config().idleTimeoutMs);
    if (m_socket->bytesAvailable() > 0)
        QMetaObject::invokeMethod(this, &HttpConnection::onReadyRead, Qt::QueuedConnection);
}

HttpConnection::~HttpConnection() = default;

bool HttpConnection::backPressure() const
{
    const ServerConfig& config = m_server->config();
    return qsizetype(m_exchanges.size()) >= config.maxPendingAnswers
        || m_socket->bytesToWrite() > config.maxOutgoingBytes;
}

void HttpConnection::onReadyRead()
{
    if (m_parser.failed() && !m_closing && !m_exchanges.empty()) {
        // The answer to the malformed request waits for its capture's commit: the client waits too (the
        // kernel's buffers fill) rather than have more of what will be dropped read meanwhile.
        m_readPaused = true;
        return;
    }
    if (m_closing || m_parser.failed()) {
        m_socket->readAll(); // a closing connection drains and drops what the client still sends
        return;
    }
    if (backPressure()) {
        m_readPaused = true; // pump() and bytesWritten read on
        return;
    }
    if (!m_server->mayReadBody(this)) {
        m_readPaused = true;
        pauseForBudget(true); // the server reads on when the budget frees
        return;
    }
    m_readPaused = false;
    pauseForBudget(false);
    // Requests are read a few at a time, so that a client that pipelines does not queue a long run of commits that
    // every other client waits behind; a body reads at full speed.
    const bool inBody = m_parser.inMessage() && !m_parser.inHead();
    const QByteArray data = m_socket->read(inBody ? m_server->config().readChunkBytes : requestReadBytes());
    if (data.isEmpty())
        return;
    const bool wasInMessage = m_parser.inMessage();
    m_parser.feed(data);
    m_server->bodyBytesChanged(this, m_parser.bodyBytesHeld());
    if (m_parser.inMessage() || wasInMessage)
        m_stallTimer.start(m_server->config().idleTimeoutMs);
    const QList<ParsedRequest> requests = m_parser.takeRequests();
    if (!inBody) {
        m_bytesFed += data.size();
        m_requestsFed += requests.size();
    }
    for (const ParsedRequest& request : requests)
        handle(request);
    if (m_parser.wantsContinue()) {
        if (m_exchanges.empty()) {
            m_socket->write("HTTP/1.1 100 Continue\r\n\r\n");
            m_socket->flush();
            m_parser.continueSent();
        } else {
            m_continueDeferred = true;
        }
    }
    restartTimers();
    if (m_socket->bytesAvailable() > 0)
        QMetaObject::invokeMethod(this, &HttpConnection::onReadyRead, Qt::QueuedConnection);
}

qint64 HttpConnection::requestReadBytes() const
{
    const qint64 room = qMax<qint64>(1, m_server->config().maxPendingAnswers - qint64(m_exchanges.size()));
    const qint64 perRequest = m_requestsFed > 0 ? m_bytesFed / m_requestsFed : requestChunkBytes;
    return qBound(minRequestChunkBytes, perRequest * room, requestChunkBytes);
}

void HttpConnection::resumeReading()
{
    if (!m_readPaused || m_closing || backPressure() || !m_server->mayReadBody(this))
        return;
    m_readPaused = false;
    pauseForBudget(false);
    if (m_socket->bytesAvailable() > 0)
        QMetaObject::invokeMethod(this, &HttpConnection::onReadyRead, Qt::QueuedConnection);
}

void HttpConnection::pauseForBudget(bool paused)
{
    // Waiting for the budget is not the client's doing: its deadlines stand still meanwhile.
    if (paused == m_budgetPaused)
        return;
    m_budgetPaused = paused;
    if (paused) {
        m_requestRemainingMs = m_requestTimer.isActive() ? m_requestTimer.remainingTime() : 0;
        m_requestTimer.stop();
        m_stallTimer.stop();
    } else if (m_requestRemainingMs > 0) {
        m_requestTimer.start(m_requestRemainingMs);
        m_stallTimer.start(m_server->config().idleTimeoutMs);
        m_requestRemainingMs = 0;
    }
}

void HttpConnection::restartTimers()
{
    // Deadlines run from the first byte of a request and are not restarted by later bytes; the idle
    // limit runs from the moment nothing is in flight.
    if (m_closing)
        return;
    const ServerConfig& config = m_server->config();
    if (m_parser.inHead()) {
        if (!m_headerTimer.isActive())
            m_headerTimer.start(config.headerTimeoutMs);
    } else if (m_nextSequence > 1 || m_parser.inMessage() || m_parser.failed()) {
        m_headerTimer.stop(); // before the first byte it also closes a connection that sends nothing
    }
    if (m_parser.inMessage()) {
        if (!m_requestTimer.isActive() && !m_budgetPaused)
            m_requestTimer.start(config.requestTimeoutMs);
        m_idleTimer.stop();
        return;
    }
    m_requestTimer.stop();
    m_stallTimer.stop();
    if (!m_exchanges.empty())
        m_idleTimer.stop();
    else if (!m_idleTimer.isActive())
        m_idleTimer.start(config.idleTimeoutMs);
}

void HttpConnection::handle(ParsedRequest request)
{
    Capture& capture = request.capture;
    capture.peerAddress = m_peerAddress;
    capture.peerPort = m_peerPort;
    if (m_closeAfterAnswers) {
        // An earlier request ends this connection: this one is kept, but nobody will answer it.
        ResponsePlan plan;
        plan.noAnswer = true;
        m_server->submit(nullptr, 0, std::move(capture), plan);
        return;
    }
    const quint64 sequence = m_nextSequence++;
    Exchange exchange;
    exchange.sequence = sequence;
    exchange.head = capture.method == "HEAD";
    exchange.announceKeepAlive = request.keepAlive && capture.httpVersion == "HTTP/1.0";
    m_exchanges.push_back(exchange);

    ResponsePlan plan;
    if (request.rejectStatus != 0) {
        qCDebug(lcHttp).noquote() << "request from" << m_peerAddress << "rejected with" << request.rejectStatus << "-"
                                  << capture.malformedReason;
        plan = ResponsePlan::error(request.rejectStatus, capture.malformedReason);
    } else {
        plan = m_server->planFor(capture);
        plan.closeAfter = plan.closeAfter || !request.keepAlive || request.upgrade;
    }
    plan.headOnly = exchange.head;
    plan.announceKeepAlive = exchange.announceKeepAlive;
    m_closeAfterAnswers = plan.closeAfter || plan.noAnswer;
    m_server->submit(this, sequence, std::move(capture), plan);
}

void HttpConnection::respond(quint64 sequence, const ResponsePlan& plan, qint64 captureId)
{
    for (Exchange& exchange : m_exchanges) {
        if (exchange.sequence != sequence)
            continue;
        exchange.answered = true;
        exchange.noAnswer = plan.noAnswer;
        exchange.closeAfter = plan.closeAfter || plan.noAnswer;
        if (!plan.noAnswer) {
            // Per request, whatever the plan: refusals and errors are framed for this request too.
            ResponsePlan answer = plan;
            answer.headOnly = exchange.head;
            answer.announceKeepAlive = exchange.announceKeepAlive;
            exchange.bytes = answer.serialize(captureId);
        }
        if (plan.delayMs > 0) {
            QTimer::singleShot(plan.delayMs, this, [this, sequence] {
                for (Exchange& delayed : m_exchanges) {
                    if (delayed.sequence == sequence)
                        delayed.ready = true;
                }
                pump();
            });
        } else {
            exchange.ready = true;
        }
        break;
    }
    pump();
}

void HttpConnection::pump()
{
    bool wrote = false;
    while (!m_closing && !m_exchanges.empty() && m_exchanges.front().ready) {
        Exchange exchange = std::move(m_exchanges.front());
        m_exchanges.pop_front();
        if (exchange.noAnswer) {
            m_socket->abort();
            closeConnection();
            return;
        }
        m_socket->write(exchange.bytes);
        wrote = true;
        if (exchange.closeAfter) {
            closeConnection();
            return;
        }
    }
    if (m_exchanges.empty() && m_continueDeferred && m_parser.wantsContinue()) {
        m_socket->write("HTTP/1.1 100 Continue\r\n\r\n");
        m_parser.continueSent();
        m_continueDeferred = false;
        wrote = true;
    }
    if (wrote)
        m_socket->flush();
    restartTimers();
    resumeReading();
}

void HttpConnection::closeConnection()
{
    if (m_closing)
        return;
    m_closing = true;
    for (QTimer* timer : {&m_headerTimer, &m_requestTimer, &m_stallTimer, &m_idleTimer})
        timer->stop();
    m_exchanges.clear();
    m_server->bodyBytesChanged(this, 0);
    if (m_socket->bytesAvailable() > 0)
        QMetaObject::invokeMethod(this, &HttpConnection::onReadyRead, Qt::QueuedConnection);
    if (m_socket->state() == QAbstractSocket::UnconnectedState) {
        QMetaObject::invokeMethod(this, &HttpConnection::finish, Qt::QueuedConnection);
        return;
    }
    // Half-close: the answer leaves, then a FIN; whatever the client still sends (the rest of a refused
    // body) is read and dropped. Closing with unread data would make the kernel reset the connection and
    // could destroy the answer on its way.
    QTimer::singleShot(lingerMs, this, [this] {
        m_socket->abort();
        finish();
    });
    if (m_socket->bytesToWrite() == 0) {
        shutdownWrite();
    } else {
        connect(m_socket, &QTcpSocket::bytesWritten, this, [this] {
            if (m_socket->bytesToWrite() == 0)
                shutdownWrite();
        });
    }
}

void HttpConnection::shutdownWrite()
{
    if (m_writeShutDown)
        return;
    m_writeShutDown = true;
    ::shutdown(int(m_socket->socketDescriptor()), SHUT_WR);
}

void HttpConnection::finish()
{
    if (m_finished)
        return;
    m_finished = true;
    disconnect(m_socket, nullptr, this, nullptr);
    Q_EMIT finished();
}

void HttpConnection::onDisconnected()
{
    if (!m_closing) {
        // The bytes of a request cut short are still a capture; nobody waits for its answer.
        if (std::optional<ParsedRequest> partial = m_parser.finish()) {
            partial->capture.peerAddress = m_peerAddress;
            partial->capture.peerPort = m_peerPort;
            ResponsePlan plan;
            plan.noAnswer = true;
            m_server->submit(nullptr, 0, std::move(partial->capture), plan);
        }
        m_closing = true;
    }
    for (QTimer* timer : {&m_headerTimer, &m_requestTimer, &m_stallTimer, &m_idleTimer})
        timer->stop();
    m_exchanges.clear();
    m_server->bodyBytesChanged(this, 0);
    finish();
}

void HttpConnection::onHeaderTimeout()
{
    // Runs whether or not an earlier answer is pending: the head's deadline is the client's.
    if (m_closing)
        return;
    if (!m_parser.inMessage()) {
        if (!m_parser.failed() && m_nextSequence == 1)
            closeConnection(); // connected, sent nothing
        return;
    }
    if (!m_parser.inHead())
        return;
    const double seconds = m_server->config().headerTimeoutMs / 1000.0;
    handle(m_parser.abort(408, QStringLiteral("header section not complete within %1 s").arg(seconds)));
    m_server->bodyBytesChanged(this, 0);
}

void HttpConnection::onRequestTimeout()
{
    if (m_closing || !m_parser.inMessage())
        return;
    const double seconds = m_server->config().requestTimeoutMs / 1000.0;
    handle(m_parser.abort(408, QStringLiteral("request not complete within %1 s").arg(seconds)));
    m_server->bodyBytesChanged(this, 0);
}

void HttpConnection::onStallTimeout()
{
    if (m_closing || !m_parser.inMessage() || m_budgetPaused)
        return;
    const double seconds = m_server->config().idleTimeoutMs / 1000.0;
    handle(m_parser.abort(408, QStringLiteral("no bytes for %1 s in the middle of a request").arg(seconds)));
    m_server->bodyBytesChanged(this, 0);
}

void HttpConnection::onIdleTimeout()
{
    if (m_closing || m_parser.inMessage())
        return;
    if (m_exchanges.empty())
        closeConnection();
}

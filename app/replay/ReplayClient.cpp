// SPDX-License-Identifier: MIT
#include "replay/ReplayClient.h"

#include <QCoreApplication>
#include <QHostAddress>
#include <QLoggingCategory>
#include <QSslCertificate>
#include <QSslConfiguration>
#include <QSslSocket>
#include <QTcpSocket>

#include "core/Logging.h"
#include "replay/ResponseParser.h"

ReplayClient::ReplayClient(QObject* parent)
    : QObject(parent)
{
    m_deadline.setSingleShot(true);
    connect(&m_deadline, &QTimer::timeout, this, [this] {
        const QString seconds = QString::number(m_options.timeoutMs / 1000.0, 'g', 3);
        if (!m_sent)
            finishWith(ReplayErrorKind::Timeout,
                       QCoreApplication::translate("ReplayClient", "could not connect within %1 s").arg(seconds));
        else if (m_parser && m_parser->headersComplete())
            finishWith(ReplayErrorKind::Timeout,
                       QCoreApplication::translate("ReplayClient",
                                                   "the answer was not complete within %1 s (%2 body bytes arrived)")
                           .arg(seconds)
                           .arg(m_parser->bodyBytes()));
        else
            finishWith(ReplayErrorKind::Timeout,
                       QCoreApplication::translate("ReplayClient", "no answer within %1 s").arg(seconds));
    });
}

ReplayClient::~ReplayClient()
{
    if (m_socket) {
        m_socket->disconnect(this);
        m_socket->abort();
        delete m_socket;
    }
}

void ReplayClient::start(const ReplayRequest& request, const ClientOptions& options)
{
    m_request = request;
    m_options = options;
    m_running = true;
    m_sent = false;
    m_tlsErrors.clear();
    m_clock.start();
    m_parser = std::make_unique<ResponseParser>(options.limits, request.method == "HEAD");
    const QString scheme = request.url.scheme();
    if (!request.url.isValid() || request.url.host().isEmpty()
        || (scheme != QLatin1String("http") && scheme != QLatin1String("https"))) {
        // Reported from the event loop, so callers connect to finished() after start() as with any other end.
        QMetaObject::invokeMethod(
            this,
            [this] {
                finishWith(
                    ReplayErrorKind::InvalidUrl,
                    QCoreApplication::translate("ReplayClient", "%1: expected an http:// or https:// URL with a host")
                        .arg(m_request.url.toDisplayString()));
            },
            Qt::QueuedConnection);
        return;
    }
    m_deadline.start(qMax(1, options.timeoutMs));
    if (options.resolve) {
        const Expected<QString> address = options.resolve(request.url.host());
        if (!address) {
            const QString message = address.error().message;
            QMetaObject::invokeMethod(
                this, [this, message] { finishWith(ReplayErrorKind::HostNotFound, message); }, Qt::QueuedConnection);
            return;
        }
        connectSocket(*address);
        return;
    }
    connectSocket(request.url.host());
}

void ReplayClient::connectSocket(const QString& address)
{
    const bool tls = m_request.url.scheme() == QLatin1String("https");
    const quint16 port = quint16(m_request.url.port(tls ? 443 : 80));
    if (!tls) {
        m_socket = new QTcpSocket(this);
        connect(m_socket, &QTcpSocket::connected, this, &ReplayClient::onConnected);
    } else {
        if (!QSslSocket::supportsSsl()) {
            QMetaObject::invokeMethod(
                this,
                [this] {
                    finishWith(ReplayErrorKind::Tls,
                               QCoreApplication::translate("ReplayClient", "TLS is not available"));
                },
                Qt::QueuedConnection);
            return;
        }
        auto* socket = new QSslSocket(this);
        m_socket = socket;
        QSslConfiguration config = QSslConfiguration::defaultConfiguration();
        if (!m_options.caFile.isEmpty()) {
            const QList<QSslCertificate> certificates = QSslCertificate::fromPath(m_options.caFile, QSsl::Pem);
            if (certificates.isEmpty()) {
                const QString file = m_options.caFile;
                QMetaObject::invokeMethod(
                    this,
                    [this, file] {
                        finishWith(ReplayErrorKind::Tls,
                                   QCoreApplication::translate("ReplayClient",
                                                               "cannot read a PEM certificate from the CA file %1")
                                       .arg(file));
                    },
                    Qt::QueuedConnection);
                return;
            }
            config.addCaCertificates(certificates);
        }
        if (!m_options.verifyCertificates)
            config.setPeerVerifyMode(QSslSocket::VerifyNone);
        socket->setSslConfiguration(config);
        connect(socket, &QSslSocket::encrypted, this, &ReplayClient::onConnected);
        connect(socket, &QSslSocket::sslErrors, this, [this](const QList<QSslError>& errors) {
            QStringList texts;
            for (const QSslError& error : errors)
                texts.append(error.errorString());
            m_tlsErrors = texts.join(QStringLiteral("; "));
        });
    }
    connect(m_socket, &QTcpSocket::readyRead, this, &ReplayClient::onReadyRead);
    connect(m_socket, &QTcpSocket::disconnected, this, &ReplayClient::onDisconnected);
    connect(m_socket, &QTcpSocket::errorOccurred, this, &ReplayClient::onSocketError);
    if (tls)
        static_cast<QSslSocket*>(m_socket.data())->connectToHostEncrypted(address, port, m_request.url.host());
    else
        m_socket->connectToHost(address, port);
}

void ReplayClient::onConnected()
{
    m_sent = true;
    m_socket->write(m_request.serialize());
}

void ReplayClient::onReadyRead()
{
    if (!m_running || !m_socket)
        return;
    const QByteArray data = m_socket->readAll();
    switch (m_parser->feed(data)) {
    case ResponseParser::State::NeedMore:
        return;
    case ResponseParser::State::Complete:
        finishAnswered();
        return;
    case ResponseParser::State::Failed:
        finishWith(m_parser->failure() == ResponseParser::Failure::TooLarge ? ReplayErrorKind::TooLarge
                                                                            : ReplayErrorKind::BadResponse,
                   m_parser->failureText());
        return;
    }
}

void ReplayClient::onDisconnected()
{
    if (!m_running)
        return;
    if (m_socket && m_socket->bytesAvailable() > 0)
        onReadyRead();
    if (!m_running)
        return;
    if (!m_sent) {
        finishWith(ReplayErrorKind::Closed,
                   QCoreApplication::translate("ReplayClient",
                                               "the receiver closed the connection before the request "
                                               "was sent"));
        return;
    }
    if (m_parser->finish() == ResponseParser::State::Complete)
        finishAnswered();
    else
        finishWith(ReplayErrorKind::Closed, m_parser->failureText());
}

void ReplayClient::onSocketError()
{
    if (!m_running || !m_socket)
        return;
    const QAbstractSocket::SocketError error = m_socket->error();
    if (error == QAbstractSocket::RemoteHostClosedError) {
        onDisconnected();
        return;
    }
    const QString text = m_socket->errorString();
    switch (error) {
    case QAbstractSocket::ConnectionRefusedError:
        finishWith(ReplayErrorKind::ConnectionRefused,
                   QCoreApplication::translate("ReplayClient", "nothing listens on %1:%2")
                       .arg(m_request.url.host())
                       .arg(m_request.url.port(m_request.url.scheme() == QLatin1String("https") ? 443 : 80)));
        return;
    case QAbstractSocket::HostNotFoundError:
        finishWith(ReplayErrorKind::HostNotFound, QStringLiteral("%1: %2").arg(m_request.url.host(), text));
        return;
    case QAbstractSocket::SslHandshakeFailedError:
    case QAbstractSocket::SslInternalError:
    case QAbstractSocket::SslInvalidUserDataError:
        finishWith(ReplayErrorKind::Tls, m_tlsErrors.isEmpty() ? text : m_tlsErrors);
        return;
    case QAbstractSocket::SocketTimeoutError:
        finishWith(ReplayErrorKind::Timeout, text);
        return;
    default:
        finishWith(ReplayErrorKind::Network, text);
        return;
    }
}

void ReplayClient::cancel()
{
    if (m_running)
        finishWith(ReplayErrorKind::Canceled, QCoreApplication::translate("ReplayClient", "canceled"));
}

ReplayAttempt ReplayClient::endExchange()
{
    m_running = false;
    m_deadline.stop();
    ReplayAttempt attempt;
    attempt.method = m_request.method;
    attempt.targetUrl = m_request.url.toString(QUrl::FullyEncoded);
    attempt.durationMs = m_clock.elapsed();
    if (m_parser && m_parser->headersComplete()) {
        // What did arrive is kept: a truncated answer still shows its status and headers.
        attempt.status = m_parser->status();
        attempt.reason = m_parser->reason();
        attempt.responseHeaders = m_parser->headers();
        attempt.responseBody = m_parser->body();
        attempt.responseBodyBytes = m_parser->bodyBytes();
    }
    if (m_socket) {
        m_socket->disconnect(this);
        m_socket->abort();
        m_socket->deleteLater();
    }
    return attempt;
}

void ReplayClient::finishWith(ReplayErrorKind kind, const QString& message)
{
    if (!m_running)
        return;
    ReplayAttempt attempt = endExchange();
    attempt.errorKind = kind;
    attempt.errorMessage = message;
    qCInfo(lcReplay) << "replay to" << m_request.url.toString(QUrl::RemoveUserInfo)
                     << "failed:" << ReplayErrors::name(kind) << message;
    Q_EMIT finished(attempt);
}

void ReplayClient::finishAnswered()
{
    const ReplayAttempt attempt = endExchange();
    qCDebug(lcReplay) << "replay to" << m_request.url.toString(QUrl::RemoveUserInfo) << "answered" << attempt.status
                      << "in" << attempt.durationMs << "ms";
    Q_EMIT finished(attempt);
}

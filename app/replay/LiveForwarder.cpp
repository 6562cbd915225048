// SPDX-License-Identifier: MIT
#include "replay/LiveForwarder.h"

#include <QCoreApplication>
#include <QDateTime>

#include "replay/ReplayClient.h"
#include "replay/ReplayPreparer.h"

LiveForwarder::LiveForwarder(QObject* parent)
    : QObject(parent)
{ }

LiveForwarder::~LiveForwarder()
{
    for (ReplayClient* client : std::as_const(m_inFlight)) {
        client->disconnect(this);
        delete client;
    }
}

void LiveForwarder::setQueueLimits(int maxCaptures, qint64 maxBytes)
{
    m_maxQueued = qMax(1, maxCaptures);
    m_maxQueuedBytes = qMax<qint64>(1, maxBytes);
}

void LiveForwarder::setEnabled(bool enabled)
{
    if (m_enabled == enabled)
        return;
    m_enabled = enabled;
    if (enabled)
        return;
    const QQueue<Capture> dropped = m_queue;
    m_queue.clear();
    m_queuedBytes = 0;
    for (const Capture& capture : dropped) {
        reportNotSent(
            capture, ReplayErrorKind::Canceled,
            QCoreApplication::translate("LiveForwarder", "forwarding was stopped before this capture was sent"));
    }
    const QList<ReplayClient*> running = m_inFlight;
    for (ReplayClient* client : running)
        client->cancel();
}

void LiveForwarder::enqueue(const QList<Capture>& captures)
{
    if (!m_enabled)
        return;
    for (const Capture& capture : captures) {
        const qint64 bytes = capture.body.size() + capture.rawHead.size();
        if (m_queue.size() >= m_maxQueued || (!m_queue.isEmpty() && m_queuedBytes + bytes > m_maxQueuedBytes)) {
            ++m_overflowed;
            reportNotSent(capture, ReplayErrorKind::QueueFull,
                          QCoreApplication::translate("LiveForwarder",
                                                      "not forwarded: %1 captures (%2 bytes) were already waiting for "
                                                      "a slow target; retry it when the target keeps up")
                              .arg(m_queue.size())
                              .arg(m_queuedBytes));
            continue;
        }
        m_queue.enqueue(capture);
        m_queuedBytes += bytes;
        pump(); // a free slot takes it at once: only what waits counts against the limit
    }
    Q_EMIT queueChanged(queued(), inFlight());
}

void LiveForwarder::retry(const Capture& capture)
{
    launch(capture);
    Q_EMIT queueChanged(queued(), inFlight());
}

void LiveForwarder::pump()
{
    const int concurrency = qBound(1, m_target.concurrency, 64);
    while (m_inFlight.size() < concurrency && !m_queue.isEmpty()) {
        const Capture capture = m_queue.dequeue();
        m_queuedBytes -= capture.body.size() + capture.rawHead.size();
        launch(capture);
    }
}

void LiveForwarder::launch(const Capture& capture)
{
    const QDateTime startedAt = QDateTime::currentDateTimeUtc();
    const PreparedReplay prepared
        = ReplayPreparer::prepare(capture, m_target, m_secret.firstValue(), QDateTime::currentSecsSinceEpoch());
    if (!prepared.resigning) {
        ReplayAttempt attempt;
        attempt.startedAt = startedAt;
        attempt.method = prepared.request.method;
        attempt.targetUrl = prepared.request.url.toString(QUrl::FullyEncoded);
        attempt.errorKind = ReplayErrorKind::Resign;
        attempt.errorMessage
            = prepared.resigning.error().message + QCoreApplication::translate("LiveForwarder", "; not sent");
        report(capture, attempt);
        return;
    }
    auto* client = new ReplayClient(this);
    m_inFlight.append(client);
    const QString scheme = prepared.resignedScheme;
    connect(client, &ReplayClient::finished, this, [this, client, capture, startedAt, scheme](ReplayAttempt attempt) {
        m_inFlight.removeOne(client);
        client->disconnect(this);
        client->deleteLater();
        attempt.startedAt = startedAt;
        attempt.resignedScheme = scheme;
        report(capture, attempt);
        pump();
        Q_EMIT queueChanged(queued(), inFlight());
    });
    client->start(prepared.request, m_baseOptions.withConnection(ReplayPreparer::clientOptions(m_target)));
}

void LiveForwarder::reportNotSent(const Capture& capture, ReplayErrorKind kind, const QString& message)
{
    ReplayAttempt attempt;
    attempt.startedAt = QDateTime::currentDateTimeUtc();
    attempt.method = capture.method;
    attempt.targetUrl = ReplayPreparer::targetUrl(m_target, capture).toString(QUrl::FullyEncoded);
    attempt.errorKind = kind;
    attempt.errorMessage = message;
    report(capture, attempt);
}

void LiveForwarder::report(const Capture& capture, ReplayAttempt attempt)
{
    attempt.captureId = capture.id;
    attempt.forwarded = true;
    if (attempt.errorKind != ReplayErrorKind::QueueFull)
        ++m_forwarded;
    Q_EMIT attemptFinished(capture, attempt);
}

// SPDX-License-Identifier: MIT
#include "replay/Replayer.h"

#include <QCoreApplication>
#include <QStringList>

#include "replay/ReplayClient.h"
#include "replay/ReplayPreparer.h"

int ReplaySummary::failed() const
{
    int count = 0;
    for (const int n : failedByStatus)
        count += n;
    for (const int n : failedByError)
        count += n;
    return count;
}

void ReplaySummary::add(const ReplayAttempt& attempt)
{
    if (attempt.succeeded())
        ++ok;
    else if (attempt.errorKind != ReplayErrorKind::None)
        ++failedByError[attempt.errorKind];
    else
        ++failedByStatus[attempt.status];
}

QString ReplaySummary::text() const
{
    QStringList reasons;
    for (auto it = failedByStatus.cbegin(); it != failedByStatus.cend(); ++it)
        reasons.append(QStringLiteral("%1: %2").arg(it.key()).arg(it.value()));
    for (auto it = failedByError.cbegin(); it != failedByError.cend(); ++it)
        reasons.append(QStringLiteral("%1: %2").arg(ReplayErrors::displayName(it.key())).arg(it.value()));
    QString text = QCoreApplication::translate("Replayer", "%1 ok, %2 failed").arg(ok).arg(failed());
    if (!reasons.isEmpty())
        text += QStringLiteral(" (") + reasons.join(QStringLiteral("; ")) + QLatin1Char(')');
    if (notSent > 0)
        text += QCoreApplication::translate("Replayer", ", %1 not sent").arg(notSent);
    if (canceled)
        text += QCoreApplication::translate("Replayer", " (canceled)");
    return text;
}

Replayer::Replayer(QObject* parent)
    : QObject(parent)
{
    m_pacing.setSingleShot(true);
    connect(&m_pacing, &QTimer::timeout, this, &Replayer::pump);
}

Replayer::~Replayer()
{
    for (ReplayClient* client : std::as_const(m_inFlight)) {
        client->disconnect(this);
        delete client;
    }
}

void Replayer::start(const QList<Capture>& captures)
{
    QList<ReplayJob> jobs;
    jobs.reserve(captures.size());
    for (const Capture& capture : captures)
        jobs.append(ReplayJob {capture, std::nullopt});
    startJobs(jobs);
}

void Replayer::startJobs(const QList<ReplayJob>& jobs)
{
    if (m_running)
        cancel();
    m_jobs = jobs;
    m_next = 0;
    m_done = 0;
    m_summary = ReplaySummary {};
    m_summary.total = int(jobs.size());
    m_running = true;
    m_clock.start();
    Q_EMIT progress(0, m_summary.total);
    // From the event loop, so that a caller connects to the signals of an empty batch too.
    QMetaObject::invokeMethod(this, &Replayer::pump, Qt::QueuedConnection);
}

qint64 Replayer::dueInMs(int index) const
{
    if (!m_target.originalPacing || index == 0)
        return 0;
    const QDateTime first = m_jobs.constFirst().capture.receivedAt;
    const QDateTime at = m_jobs.at(index).capture.receivedAt;
    if (!first.isValid() || !at.isValid())
        return 0;
    const qint64 offset = qint64(double(qMax<qint64>(0, first.msecsTo(at))) / qMax(0.001, m_target.pacingSpeed));
    return qMax<qint64>(0, offset - m_clock.elapsed());
}

void Replayer::pump()
{
    if (!m_running)
        return;
    const int concurrency = qBound(1, m_target.concurrency, 64);
    while (m_inFlight.size() < concurrency && m_next < m_jobs.size()) {
        const qint64 wait = dueInMs(m_next);
        if (wait > 0) {
            m_pacing.start(int(qMin<qint64>(wait, 24 * 3600 * 1000)));
            return;
        }
        launch(m_next++);
    }
    finishIfDone();
}

void Replayer::launch(int index)
{
    const ReplayJob& job = m_jobs.at(index);
    const qint64 now = QDateTime::currentSecsSinceEpoch();
    const QByteArray& secret = m_secret.firstValue();
    const PreparedReplay prepared = job.edited ? ReplayPreparer::prepareEdited(*job.edited, m_target, secret, now)
                                               : ReplayPreparer::prepare(job.capture, m_target, secret, now);
    auto* client = new ReplayClient(this);
    m_inFlight.append(client);
    const QDateTime startedAt = QDateTime::currentDateTimeUtc();
    const QString scheme = prepared.resignedScheme;
    connect(client, &ReplayClient::finished, this, [this, index, client, startedAt, scheme](ReplayAttempt attempt) {
        attempt.startedAt = startedAt;
        attempt.resignedScheme = scheme;
        onClientFinished(index, client, attempt);
    });
    if (!prepared.resigning) {
        ReplayAttempt attempt;
        attempt.method = prepared.request.method;
        attempt.targetUrl = prepared.request.url.toString(QUrl::FullyEncoded);
        attempt.errorKind = ReplayErrorKind::Resign;
        attempt.errorMessage
            = prepared.resigning.error().message + QCoreApplication::translate("Replayer", "; not sent");
        QMetaObject::invokeMethod(
            this,
            [this, index, client, startedAt, attempt]() mutable {
                attempt.startedAt = startedAt;
                onClientFinished(index, client, attempt);
            },
            Qt::QueuedConnection);
        return;
    }
    client->start(prepared.request, m_baseOptions.withConnection(ReplayPreparer::clientOptions(m_target)));
}

void Replayer::onClientFinished(int index, ReplayClient* client, ReplayAttempt attempt)
{
    if (!m_inFlight.removeOne(client))
        return;
    client->disconnect(this);
    client->deleteLater();
    attempt.captureId = m_jobs.at(index).capture.id;
    m_summary.add(attempt);
    ++m_done;
    Q_EMIT attemptFinished(index, attempt);
    Q_EMIT progress(m_done, m_summary.total);
    if (m_running)
        pump();
}

void Replayer::cancel()
{
    if (!m_running)
        return;
    m_pacing.stop();
    m_summary.canceled = true;
    m_summary.notSent = int(m_jobs.size()) - m_next;
    m_next = int(m_jobs.size());
    // Each in-flight client reports Canceled, which counts it.
    const QList<ReplayClient*> running = m_inFlight;
    for (ReplayClient* client : running)
        client->cancel();
    finishIfDone();
}

void Replayer::finishIfDone()
{
    if (!m_running || !m_inFlight.isEmpty() || m_next < m_jobs.size())
        return;
    m_running = false;
    Q_EMIT finished(m_summary);
}

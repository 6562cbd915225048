// SPDX-License-Identifier: MIT
#include "replay/ReplayController.h"

#include <QCoreApplication>
#include <QLoggingCategory>

#include "core/Logging.h"
#include "replay/LiveForwarder.h"
#include "replay/ReplayPreparer.h"
#include "settings/Settings.h"
#include "store/ReplayAttemptStore.h"
#include "store/SessionStore.h"

ReplayController::ReplayController(Settings* settings, SessionStore* store, QObject* parent)
    : QObject(parent)
    , m_settings(settings)
    , m_store(store)
    , m_replayer(new Replayer(this))
    , m_forwarder(new LiveForwarder(this))
{
    if (m_settings)
        m_targets = ReplayTargets::load(*m_settings);
    connect(m_replayer, &Replayer::attemptFinished, this,
            [this](int, const ReplayAttempt& attempt) { record(attempt); });
    connect(m_replayer, &Replayer::progress, this, &ReplayController::batchProgress);
    // A finished batch lets go of its secret, so that a secret removed meanwhile is overwritten now.
    connect(m_replayer, &Replayer::finished, this, [this] { m_replayer->setSecret(SecretSet()); });
    connect(m_replayer, &Replayer::finished, this, &ReplayController::batchFinished);
    connect(m_forwarder, &LiveForwarder::attemptFinished, this,
            [this](const Capture&, const ReplayAttempt& attempt) { record(attempt); });
}

ReplayController::~ReplayController() = default;

void ReplayController::setTargets(const QList<ReplayTarget>& targets)
{
    m_targets = targets;
    if (m_settings)
        ReplayTargets::save(*m_settings, targets);
    Q_EMIT targetsChanged();
}

void ReplayController::setSecret(const QUrl& targetUrl, const SecretSet& secret)
{
    const QString key = targetUrl.toString(QUrl::FullyEncoded);
    if (secret.firstValue().isEmpty())
        m_secrets.remove(key);
    else
        m_secrets.insert(key, secret);
}

void ReplayController::setSecret(const QUrl& targetUrl, const QByteArray& secret)
{
    SecretSet set;
    if (!secret.isEmpty())
        set.add(QStringLiteral("re-signing secret"), secret);
    setSecret(targetUrl, set);
}

SecretSet ReplayController::secret(const QUrl& targetUrl) const
{
    return m_secrets.value(targetUrl.toString(QUrl::FullyEncoded));
}

void ReplayController::setClientOptions(const ClientOptions& options)
{
    m_replayer->setClientOptions(options);
    m_forwarder->setClientOptions(options);
}

Expected<void> ReplayController::startJobs(const QList<ReplayJob>& jobs, const ReplayTarget& target,
                                           const SecretSet& targetSecret)
{
    if (m_replayer->isRunning())
        return Error {
            Error::Code::Busy,
            QCoreApplication::translate("ReplayController", "a replay is running; cancel it or wait for it to finish")};
    if (const Expected<void> valid = target.validate(); !valid)
        return valid.error();
    if (target.resign && targetSecret.firstValue().isEmpty())
        return Error {Error::Code::InvalidInput,
                      QCoreApplication::translate("ReplayController", "re-signing is on for %1 but no secret is set")
                          .arg(target.displayName())};
    m_replayer->setTarget(target);
    m_replayer->setSecret(targetSecret);
    m_replayer->startJobs(jobs);
    Q_EMIT batchStarted(int(jobs.size()));
    return {};
}

Expected<void> ReplayController::replay(const QList<Capture>& captures, int targetIndex)
{
    if (targetIndex < 0 || targetIndex >= m_targets.size())
        return Error {Error::Code::InvalidInput,
                      QCoreApplication::translate("ReplayController", "choose a target to replay to")};
    if (captures.isEmpty())
        return Error {Error::Code::InvalidInput, QCoreApplication::translate("ReplayController", "nothing to replay")};
    QList<ReplayJob> jobs;
    for (const Capture& capture : captures)
        jobs.append(ReplayJob {capture, std::nullopt});
    return startJobs(jobs, m_targets.at(targetIndex), secret(m_targets.at(targetIndex).url));
}

Expected<void> ReplayController::replayEdited(const Capture& capture, const ReplayRequest& request, int targetIndex,
                                              bool resign)
{
    if (targetIndex < 0 || targetIndex >= m_targets.size())
        return Error {Error::Code::InvalidInput,
                      QCoreApplication::translate("ReplayController", "choose a target to replay to")};
    // The edited request names its own URL; the target gives the secret and the client settings.
    ReplayTarget target = m_targets.at(targetIndex);
    const SecretSet targetSecret = secret(target.url);
    target.url = request.url;
    target.resign = resign;
    return startJobs({ReplayJob {capture, request}}, target, targetSecret);
}

Expected<void> ReplayController::retry(const ReplayAttempt& attempt)
{
    std::optional<Capture> capture;
    if (m_store)
        capture = m_store->capture(attempt.captureId);
    if (!capture)
        return Error {Error::Code::NotFound,
                      QCoreApplication::translate("ReplayController", "capture %1 is no longer in the store")
                          .arg(attempt.captureId)};
    const QUrl url(attempt.targetUrl);
    for (const ReplayTarget& target : std::as_const(m_targets)) {
        // The attempt's URL is the target's, or the target's with the capture's path appended.
        if (ReplayPreparer::targetUrl(target, *capture) == url || target.url == url)
            return startJobs({ReplayJob {*capture, std::nullopt}}, target, secret(target.url));
    }
    ReplayTarget plain;
    plain.url = url;
    return startJobs({ReplayJob {*capture, std::nullopt}}, plain, {});
}

void ReplayController::cancel()
{
    m_replayer->cancel();
}

bool ReplayController::isRunning() const
{
    return m_replayer->isRunning();
}

Expected<void> ReplayController::setForwarding(int targetIndex)
{
    if (targetIndex < 0) {
        m_forwarder->setEnabled(false);
        m_forwarder->setSecret(SecretSet()); // what is in flight was signed already
        m_forwardIndex = -1;
        return {};
    }
    if (targetIndex >= m_targets.size())
        return Error {Error::Code::InvalidInput,
                      QCoreApplication::translate("ReplayController", "choose a target to forward to")};
    const ReplayTarget& target = m_targets.at(targetIndex);
    if (const Expected<void> valid = target.validate(); !valid)
        return valid.error();
    if (target.resign && secret(target.url).firstValue().isEmpty())
        return Error {Error::Code::InvalidInput,
                      QCoreApplication::translate("ReplayController", "re-signing is on for %1 but no secret is set")
                          .arg(target.displayName())};
    m_forwarder->setTarget(target);
    m_forwarder->setSecret(secret(target.url));
    m_forwarder->setEnabled(true);
    m_forwardIndex = targetIndex;
    return {};
}

void ReplayController::forward(const QList<Capture>& captures)
{
    m_forwarder->enqueue(captures);
}

QList<ReplayAttempt> ReplayController::attempts(qint64 captureId) const
{
    if (m_store && m_store->isOpen())
        return ReplayAttemptStore(*m_store).attempts(captureId);
    return m_memory.value(captureId);
}

void ReplayController::record(ReplayAttempt attempt)
{
    if (m_store && m_store->isOpen()) {
        if (const Expected<void> added = ReplayAttemptStore(*m_store).add(attempt); !added) {
            qCWarning(lcReplay) << "replay attempt not recorded:" << added.error().message;
            Q_EMIT recordFailed(added.error().message);
        }
    } else {
        m_memory[attempt.captureId].append(attempt);
    }
    Q_EMIT attemptRecorded(attempt);
}

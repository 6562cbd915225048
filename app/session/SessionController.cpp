// SPDX-License-Identifier: MIT
#include "session/SessionController.h"

#include <QDateTime>
#include <QFileInfo>
#include <QLoggingCategory>
#include <QPointer>

#include "core/Logging.h"
#include "payload/EventIndex.h"
#include "replay/ReplayController.h"
#include "session/CaptureTableModel.h"
#include "session/StoreMessages.h"
#include "session/TaskRunner.h"
#include "settings/Settings.h"
#include "signature/ReverificationService.h"
#include "signature/SignatureVerifier.h"
#include "store/CaptureTrash.h"
#include "store/SessionStore.h"
#include "store/StoredCaptures.h"
#include "transfer/CaptureFiles.h"

namespace {
// Arrivals waiting for a signature check beyond this are checked by the next full re-verification
// instead, so a flood never queues without limit.
constexpr qsizetype maxUnverified = 20000;
constexpr qint64 maxUnverifiedBytes = 64 * 1024 * 1024; // and beyond this many bytes of bodies
} // namespace

SessionController::SessionController(const EndpointConfig& endpoint, Settings* settings, QObject* parent)
    : QObject(parent)
    , m_config(endpoint)
    , m_settings(settings)
    , m_endpoint(new Endpoint(this))
    , m_reader(std::make_unique<SessionStore>())
    , m_model(new CaptureTableModel(this))
    , m_tasks(new TaskRunner(this))
    , m_reverifier(new ReverificationService(this))
{
    connect(m_endpoint, &Endpoint::capturesStored, this, &SessionController::onCapturesStored);
    m_replay = new ReplayController(settings, m_reader.get(), this);
    // Forwarding sees every stored capture as it arrives; it never delays the answer to the sender.
    connect(m_endpoint, &Endpoint::capturesStored, m_replay, &ReplayController::forward);
    connect(m_endpoint, &Endpoint::storeFailed, this, [this](const Error& error) {
        Q_EMIT message(tr("Requests were refused with 503 because they could not be stored: %1")
                           .arg(StoreMessages::describe(error)),
                       Severity::Error);
    });
    connect(m_reverifier, &ReverificationService::reverified, this,
            [this](quint64, const ReverificationBatch& results) {
                QHash<qint64, CaptureTableModel::SignatureCell> cells;
                cells.reserve(results.size());
                for (const ReverifiedCapture& entry : results)
                    cells.insert(entry.captureId, CaptureTableModel::signatureCell(entry.result));
                m_model->setSignatures(cells, false);
                Q_EMIT notice(tr("Checked %n signature(s)", nullptr, int(results.size())));
            });
    connect(m_reverifier, &ReverificationService::reverificationFailed, this, [this](quint64, const QString& text) {
        Q_EMIT message(tr("Signatures could not be checked: %1").arg(text), Severity::Error);
    });
}

SessionController::~SessionController()
{
    m_tasks->shutdown();
    m_endpoint->stop();
}

bool SessionController::isBusy() const
{
    return m_tasks->isBusy();
}

QString SessionController::newSessionName() const
{
    return QDateTime::currentDateTime().toString(QStringLiteral("yyyy-MM-dd HH:mm:ss"));
}

void SessionController::start(bool continueLastSession)
{
    // The reader opens first: it shows the previous session even when the port is taken.
    if (Expected<void> opened = m_reader->open(m_config.storePath); !opened) {
        Q_EMIT message(
            tr("The session store cannot be opened, so nothing can be captured: %1").arg(opened.error().message),
            Severity::Error);
        m_ready = true;
        Q_EMIT statusChanged();
        Q_EMIT ready();
        return;
    }
    if (!m_settings) {
        startAfterPrune(continueLastSession);
        return;
    }
    // Pruning runs before the endpoint starts, so it never holds up a capture; the session to continue is kept.
    const qint64 keep = m_config.sessionId != 0 ? m_config.sessionId
        : continueLastSession                   ? m_reader->latestSessionId().value_or(0)
                                                : 0;
    const QString path = m_config.storePath;
    const StoreBudget budget = m_settings->sessionBudget();
    auto result = std::make_shared<PruneResult>();
    m_tasks->run(
        tr("Tidying the store"),
        [path, budget, keep, result](TaskControl&) {
            SessionStore store;
            if (Expected<void> opened = store.open(path); !opened) {
                result->error = opened.error();
                return;
            }
            // What was deleted in an earlier run can no longer be undone.
            if (Expected<void> purged = CaptureTrash(store).purgeAll(); !purged)
                qCWarning(lcSession) << "deleted captures could not be removed:" << purged.error().message;
            *result = store.prune(budget, keep, QDateTime::currentDateTimeUtc());
        },
        [this, result, continueLastSession](bool) {
            if (result->error)
                qCWarning(lcSession) << "pruning the store failed:" << result->error->message;
            Q_EMIT pruned(*result);
            startAfterPrune(continueLastSession);
        },
        TaskRunner::Kind::Background);
}

void SessionController::startAfterPrune(bool continueLastSession)
{
    if (m_config.sessionId == 0 && continueLastSession) {
        if (const std::optional<qint64> last = m_reader->latestSessionId())
            m_config.sessionId = *last;
    }
    if (!startEndpoint() && m_config.sessionId == 0) {
        const Expected<qint64> created = m_reader->createSession(newSessionName());
        m_config.sessionId = created ? *created : 0;
        if (!created)
            Q_EMIT message(tr("No session could be started: %1").arg(StoreMessages::describe(created.error())),
                           Severity::Error);
    }
    showSession(m_endpoint->isRunning() ? m_endpoint->sessionId() : m_config.sessionId, [this] {
        m_ready = true;
        Q_EMIT ready();
    });
}

bool SessionController::startEndpoint()
{
    if (m_endpoint->isRunning())
        return true;
    EndpointConfig config = m_config;
    if (m_sessionId != 0)
        config.sessionId = m_sessionId;
    // The endpoint claims the session it writes: the reader lets go of one it started while not capturing.
    m_reader->releaseClaim(config.sessionId);
    if (const Expected<void> started = m_endpoint->start(config); !started) {
        const Error& error = started.error();
        if (error.code == Error::Code::CannotListen)
            Q_EMIT message(tr("Not capturing: %1. Choose another port with --port.").arg(error.message),
                           Severity::Error);
        else
            Q_EMIT message(tr("Not capturing: %1").arg(StoreMessages::describe(error)), Severity::Error);
        Q_EMIT statusChanged();
        return false;
    }
    if (!m_endpoint->address().isLoopback())
        Q_EMIT message(tr("Listening on %1: other machines on your network can send requests here.")
                           .arg(m_endpoint->address().toString()),
                       Severity::Warning);
    Q_EMIT statusChanged();
    return true;
}

bool SessionController::restartEndpoint(const ServerConfig& server)
{
    m_endpoint->stop();
    m_config.server = server;
    return startEndpoint();
}

double SessionController::arrivalRate() const
{
    const qint64 since = QDateTime::currentMSecsSinceEpoch() - 10000;
    qint64 total = 0;
    for (const auto& [at, count] : m_arrivals) {
        if (at >= since)
            total += count;
    }
    return double(total) / 10.0;
}

void SessionController::stopEndpoint()
{
    m_endpoint->stop();
    Q_EMIT statusChanged();
}

void SessionController::setRules(const ResponseRules& rules)
{
    m_config.server.rules = rules;
    m_endpoint->setRules(rules);
}

void SessionController::applySummaries(qint64 sessionId, const QList<CaptureSummary>& summaries)
{
    m_sessionId = sessionId;
    m_model->reset(summaries);
    // Captures stored after the session was read arrived meanwhile; the read may have missed them.
    const qint64 lastRead = summaries.isEmpty() ? 0 : summaries.constLast().id;
    QList<CaptureSummary> later;
    for (const CaptureSummary& summary : std::as_const(m_arrivedWhileLoading)) {
        if (summary.id > lastRead)
            later.append(summary);
    }
    m_arrivedWhileLoading.clear();
    m_loading = false;
    m_model->enqueue(later);
    m_model->flushQueued();
    m_captureCount = m_model->rowCount();
    if (!m_secrets.isEmpty()) {
        m_reverifier->setSource(std::make_shared<StoredCaptures>(m_config.storePath, m_sessionId));
        m_reverifier->reverify(m_secrets, m_options);
    }
    rebuildEvents();
    Q_EMIT sessionShown(sessionId);
    Q_EMIT statusChanged();
}

void SessionController::showSession(qint64 sessionId, std::function<void()> then)
{
    m_endpoint->switchSession(sessionId); // claims the session; a failed claim is logged
    m_sessionId = sessionId;
    m_config.sessionId = sessionId;
    m_model->clear();
    m_captureCount = 0;
    m_loading = true;
    m_arrivedWhileLoading.clear();
    const quint64 generation = ++m_sessionGeneration;
    const QString path = m_config.storePath;
    auto summaries = std::make_shared<QList<CaptureSummary>>();
    m_tasks->run(
        tr("Loading session"),
        [path, sessionId, summaries](TaskControl&) {
            SessionStore store;
            if (Expected<void> opened = store.open(path); !opened) {
                qCWarning(lcSession) << "a session could not be read:" << opened.error().message;
                return;
            }
            *summaries = store.summaries(sessionId);
        },
        [this, generation, sessionId, summaries, then = std::move(then)](bool canceled) {
            if (canceled || generation != m_sessionGeneration)
                return;
            applySummaries(sessionId, *summaries);
            if (then)
                then();
        },
        TaskRunner::Kind::Background);
}

void SessionController::newSession()
{
    const Expected<qint64> id = m_reader->createSession(newSessionName());
    if (!id) {
        Q_EMIT message(tr("No new session: %1").arg(StoreMessages::describe(id.error())), Severity::Error);
        return;
    }
    m_currentFile.clear();
    if (m_endpoint->isRunning())
        m_reader->releaseClaim(*id); // the endpoint claims it as it switches
    showSession(*id);
}

void SessionController::onCapturesStored(const QList<Capture>& captures)
{
    QList<CaptureSummary> summaries;
    QList<Capture> ours;
    summaries.reserve(captures.size());
    for (const Capture& capture : captures) {
        if (capture.sessionId != m_sessionId)
            continue;
        summaries.append(CaptureSummary::of(capture));
        ours.append(capture);
    }
    if (ours.isEmpty())
        return;
    if (m_loading)
        m_arrivedWhileLoading += summaries;
    else
        m_model->enqueue(summaries);
    m_captureCount += summaries.size();
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    m_arrivals.append({now, int(summaries.size())});
    while (!m_arrivals.isEmpty() && m_arrivals.constFirst().first < now - 10000)
        m_arrivals.removeFirst();
    if (!m_secrets.isEmpty()) {
        qint64 bytes = 0;
        for (const Capture& capture : ours)
            bytes += capture.body.size();
        if (m_unverified.size() + ours.size() <= maxUnverified && m_unverifiedBytes + bytes <= maxUnverifiedBytes) {
            m_unverified += ours;
            m_unverifiedBytes += bytes;
            verifyArrivals();
        } else {
            qCWarning(lcSession) << "signature checks fell behind; the session is checked again in full";
            m_unverified.clear();
            m_unverifiedBytes = 0;
            m_reverifier->setSource(std::make_shared<StoredCaptures>(m_config.storePath, m_sessionId));
            m_reverifier->reverify(m_secrets, m_options);
        }
    }
    addEventArrivals(ours);
    Q_EMIT capturesArrived(ours);
    Q_EMIT statusChanged();
}

void SessionController::verifyArrivals()
{
    if (m_verifying || m_unverified.isEmpty())
        return;
    m_verifying = true;
    const SignatureVerifier verifier(m_secrets, m_options);
    const QList<Capture> batch = std::exchange(m_unverified, {});
    m_unverifiedBytes = 0;
    const quint64 generation = m_secretsGeneration;
    auto cells = std::make_shared<QHash<qint64, CaptureTableModel::SignatureCell>>();
    m_tasks->run(
        QString(),
        [verifier, batch, cells](TaskControl& control) {
            for (const Capture& capture : batch) {
                if (control.isCanceled())
                    return;
                cells->insert(capture.id, CaptureTableModel::signatureCell(verifier.verify(capture)));
            }
        },
        [this, cells, generation](bool canceled) {
            m_verifying = false;
            if (!canceled && generation == m_secretsGeneration)
                m_model->setSignatures(*cells, false);
            verifyArrivals();
        },
        TaskRunner::Kind::Background);
}

void SessionController::setSecrets(const SecretSet& secrets, const SignatureOptions& options)
{
    m_secrets = secrets;
    m_options = options;
    ++m_secretsGeneration;
    m_unverified.clear();
    m_unverifiedBytes = 0;
    if (secrets.isEmpty()) {
        m_reverifier->cancel();
        m_model->setSignatures({}, true);
        return;
    }
    m_reverifier->setSource(std::make_shared<StoredCaptures>(m_config.storePath, m_sessionId));
    m_reverifier->reverify(secrets, options);
}

void SessionController::requestCapture(qint64 id)
{
    const quint64 generation = ++m_loadGeneration;
    const QString path = m_config.storePath;
    auto loaded = std::make_shared<std::optional<Capture>>();
    m_tasks->run(
        QString(),
        [path, id, loaded](TaskControl&) {
            SessionStore store;
            if (Expected<void> opened = store.open(path); !opened) {
                qCWarning(lcSession) << "a capture could not be read:" << opened.error().message;
                return;
            }
            *loaded = store.capture(id);
            // Hashing a large body takes a while: here, not on the UI thread.
            if (*loaded)
                (*loaded)->bodySha256 = (*loaded)->bodySha256Hex();
        },
        [this, generation, id, loaded](bool canceled) {
            if (canceled || generation != m_loadGeneration)
                return;
            if (*loaded)
                Q_EMIT captureLoaded(**loaded);
            else
                Q_EMIT captureUnavailable(id);
        },
        TaskRunner::Kind::Background);
}

void SessionController::checkSignature(const Capture& capture)
{
    // Without a secret there is no HMAC and no forensics: cheap enough to say at once for a body of ordinary
    // size. Detecting the scheme still reads the body, so a large one is checked off this thread too.
    constexpr qsizetype inlineCheckBytes = 1024 * 1024;
    if (m_secrets.isEmpty() && capture.body.size() <= inlineCheckBytes) {
        const SignatureVerifier verifier(m_secrets, m_options);
        Q_EMIT signatureChecked(capture.id, verifier.verify(capture));
        return;
    }
    m_pendingCheck = capture; // newest wins
    runPendingCheck();
}

void SessionController::runPendingCheck()
{
    if (m_checking || !m_pendingCheck)
        return;
    const Capture capture = *std::exchange(m_pendingCheck, std::nullopt);
    const SignatureVerifier verifier(m_secrets, m_options);
    auto result = std::make_shared<SignatureResult>();
    const quint64 generation = m_secretsGeneration;
    const qint64 id = capture.id;
    m_checking = m_tasks->run(
        QString(), [verifier, capture, result](TaskControl&) { *result = verifier.verify(capture); },
        [this, id, result, generation](bool canceled) {
            m_checking = false;
            if (!canceled && generation == m_secretsGeneration)
                Q_EMIT signatureChecked(id, *result);
            runPendingCheck();
        },
        TaskRunner::Kind::Background);
}

std::optional<Capture> SessionController::captureNow(qint64 id) const
{
    return m_reader->isOpen() ? m_reader->capture(id) : std::nullopt;
}

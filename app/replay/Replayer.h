// SPDX-License-Identifier: MIT
#pragma once

#include <QDateTime>
#include <QElapsedTimer>
#include <QList>
#include <QMap>
#include <QObject>
#include <QTimer>
#include <optional>

#include "core/Capture.h"
#include "core/ReplayAttempt.h"
#include "replay/ReplayRequest.h"
#include "replay/ReplayTarget.h"
#include "signature/SecretSet.h"

class ReplayClient;

// One request of a batch: a capture as it is (prepared for the target), or as the user edited it.
struct ReplayJob
{
    Capture capture;
    std::optional<ReplayRequest> edited; // sent as it is (re-signed first when the target re-signs)
};

// How a batch ended: every attempt counted once.
struct ReplaySummary
{
    int total = 0; // jobs in the batch
    int ok = 0; // answered 2xx
    int notSent = 0; // canceled before they started
    QMap<int, int> failedByStatus; // answered, but not 2xx
    QMap<ReplayErrorKind, int> failedByError; // no (complete) answer
    bool canceled = false;

    int failed() const;
    bool allOk() const { return total > 0 && ok == total; }
    void add(const ReplayAttempt& attempt);
    // "3 ok, 2 failed (404: 1; timeout: 1), 1 not sent"
    QString text() const;
};

// Replays a batch of captures to one target: up to the target's concurrency in flight, started in the
// captures' order (with the original gaps between them when pacing), each attempt reported as it ends.
// Can be canceled; always ends with finished() and a summary.
class Replayer final : public QObject
{
    Q_OBJECT

public:
    explicit Replayer(QObject* parent = nullptr);
    ~Replayer() override;

    void setTarget(const ReplayTarget& target) { m_target = target; }
    const ReplayTarget& target() const { return m_target; }
    // The re-signing secret (its first value): in memory only, never stored. The set is shared, not copied;
    // an empty set lets go of the one held.
    void setSecret(const SecretSet& secret) { m_secret = secret; }
    const SecretSet& secret() const { return m_secret; }
    // Client settings beyond the target's (limits; tests set a resolver).
    void setClientOptions(const ClientOptions& options) { m_baseOptions = options; }

    void start(const QList<Capture>& captures);
    void startJobs(const QList<ReplayJob>& jobs);
    void cancel();
    bool isRunning() const { return m_running; }
    const ReplaySummary& summary() const { return m_summary; }

Q_SIGNALS:
    // index is the job's position in the batch.
    void attemptFinished(int index, const ReplayAttempt& attempt);
    void progress(int done, int total);
    void finished(const ReplaySummary& summary);

private:
    void pump();
    void launch(int index);
    void onClientFinished(int index, ReplayClient* client, ReplayAttempt attempt);
    void finishIfDone();
    qint64 dueInMs(int index) const;

    ReplayTarget m_target;
    SecretSet m_secret;
    ClientOptions m_baseOptions;
    QList<ReplayJob> m_jobs;
    QList<ReplayClient*> m_inFlight;
    int m_next = 0;
    int m_done = 0;
    bool m_running = false;
    ReplaySummary m_summary;
    QElapsedTimer m_clock;
    QTimer m_pacing;
};

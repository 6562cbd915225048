// SPDX-License-Identifier: MIT
#pragma once

#include <QHash>
#include <QList>
#include <QObject>
#include <optional>

#include "core/Capture.h"
#include "core/Expected.h"
#include "core/ReplayAttempt.h"
#include "replay/ReplayRequest.h"
#include "replay/ReplayTarget.h"
#include "replay/Replayer.h"

class LiveForwarder;
class SessionStore;
class Settings;

// What the window's Replay tab is a view of: the remembered targets (through Settings; secrets kept in memory
// only), one batch at a time, live forwarding, and every attempt recorded with its capture in the store.
// GUI-free; lives on the window's thread and uses the window's store connection.
class ReplayController final : public QObject
{
    Q_OBJECT

public:
    // store may be null (nothing is recorded, attempts stay in memory for this run).
    ReplayController(Settings* settings, SessionStore* store, QObject* parent = nullptr);
    ~ReplayController() override;

    QList<ReplayTarget> targets() const { return m_targets; }
    void setTargets(const QList<ReplayTarget>& targets); // remembered in the settings
    // The re-signing secret of a target (by its URL): memory only, never written anywhere. Held as a SecretSet
    // (its first value signs), shared with the batch or the forwarding that uses it; an empty one removes it.
    // Removed or replaced, its bytes are overwritten once nothing running still uses them: a batch lets go
    // when it finishes, forwarding when it stops or moves to another target.
    void setSecret(const QUrl& targetUrl, const SecretSet& secret);
    void setSecret(const QUrl& targetUrl, const QByteArray& secret); // into a set of its own
    SecretSet secret(const QUrl& targetUrl) const; // shares the set (empty when none)
    void setClientOptions(const ClientOptions& options); // limits; tests set a resolver

    // Replays these captures to targets()[targetIndex]. Returns why not: InvalidInput (no such target, a target
    // that cannot be used, no secret to re-sign with), Busy (a batch running), NotFound (a capture gone).
    Expected<void> replay(const QList<Capture>& captures, int targetIndex);
    // Sends an edited request for this capture (re-signed when resign is set and the target has a secret).
    Expected<void> replayEdited(const Capture& capture, const ReplayRequest& request, int targetIndex, bool resign);
    // The same capture again, to the target the attempt went to (the remembered one with that URL, else
    // that URL with default settings).
    Expected<void> retry(const ReplayAttempt& attempt);
    void cancel();
    bool isRunning() const;

    // Forwards every capture given to forward() to targets()[targetIndex]; -1 stops.
    Expected<void> setForwarding(int targetIndex);
    int forwardingTarget() const { return m_forwardIndex; }
    void forward(const QList<Capture>& captures); // connect Endpoint::capturesStored here
    LiveForwarder* forwarder() const { return m_forwarder; }

    QList<ReplayAttempt> attempts(qint64 captureId) const; // oldest first

Q_SIGNALS:
    void attemptRecorded(const ReplayAttempt& attempt);
    void batchStarted(int total);
    void batchProgress(int done, int total);
    void batchFinished(const ReplaySummary& summary);
    void recordFailed(const QString& message);
    void targetsChanged();

private:
    void record(ReplayAttempt attempt);
    Expected<void> startJobs(const QList<ReplayJob>& jobs, const ReplayTarget& target, const SecretSet& targetSecret);

    Settings* m_settings;
    SessionStore* m_store;
    QList<ReplayTarget> m_targets;
    QHash<QString, SecretSet> m_secrets;
    Replayer* m_replayer;
    LiveForwarder* m_forwarder;
    int m_forwardIndex = -1;
    QHash<qint64, QList<ReplayAttempt>> m_memory; // without a store
};

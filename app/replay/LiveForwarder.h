// SPDX-License-Identifier: MIT
#pragma once

#include <QList>
#include <QObject>
#include <QQueue>

#include "core/Capture.h"
#include "core/ReplayAttempt.h"
#include "replay/ReplayRequest.h"
#include "replay/ReplayTarget.h"
#include "signature/SecretSet.h"

class ReplayClient;

// Forwards every new capture to a target as it arrives, like `stripe listen --forward-to`. Fed with stored
// captures (Endpoint::capturesStored), so the sender was already answered: forwarding never delays it.
// A slow target makes captures wait in a bounded queue (count and bytes); one that arrives when the queue
// is full is not sent and is reported as a QueueFull attempt, so that it shows and can be retried.
class LiveForwarder final : public QObject
{
    Q_OBJECT

public:
    explicit LiveForwarder(QObject* parent = nullptr);
    ~LiveForwarder() override;

    void setTarget(const ReplayTarget& target) { m_target = target; }
    const ReplayTarget& target() const { return m_target; }
    // The re-signing secret (its first value), in memory only: shared, not copied; an empty set lets go of it.
    void setSecret(const SecretSet& secret) { m_secret = secret; }
    const SecretSet& secret() const { return m_secret; }
    void setClientOptions(const ClientOptions& options) { m_baseOptions = options; }
    void setQueueLimits(int maxCaptures, qint64 maxBytes);
    int maxQueuedCaptures() const { return m_maxQueued; }

    // Starts forwarding what arrives from now on; stop() cancels what is in flight and drops the queue
    // (each as a Canceled attempt).
    void setEnabled(bool enabled);
    bool isEnabled() const { return m_enabled; }

    // Captures as they were stored (ids set); ignored while disabled.
    void enqueue(const QList<Capture>& captures);
    // Sends one capture again now, ahead of the queue (also while disabled).
    void retry(const Capture& capture);

    int queued() const { return int(m_queue.size()); }
    int inFlight() const { return int(m_inFlight.size()); }
    qint64 forwardedCount() const { return m_forwarded; }
    qint64 overflowCount() const { return m_overflowed; }

Q_SIGNALS:
    // Every forward, also the ones that failed or overflowed; attempt.forwarded is true.
    void attemptFinished(const Capture& capture, const ReplayAttempt& attempt);
    void queueChanged(int queued, int inFlight);

private:
    void pump();
    void launch(const Capture& capture);
    // A capture that was never sent (the queue dropped or refused it), as an attempt of this kind.
    void reportNotSent(const Capture& capture, ReplayErrorKind kind, const QString& message);
    void report(const Capture& capture, ReplayAttempt attempt);

    ReplayTarget m_target;
    SecretSet m_secret;
    ClientOptions m_baseOptions;
    bool m_enabled = false;
    int m_maxQueued = 10000;
    qint64 m_maxQueuedBytes = 256LL * 1024 * 1024;
    qint64 m_queuedBytes = 0;
    QQueue<Capture> m_queue;
    QList<ReplayClient*> m_inFlight;
    qint64 m_forwarded = 0;
    qint64 m_overflowed = 0;
};

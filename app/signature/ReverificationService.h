// SPDX-License-Identifier: MIT
#pragma once

#include <QList>
#include <QObject>
#include <QString>
#include <QThreadPool>
#include <atomic>
#include <memory>

#include "core/Capture.h"
#include "core/CaptureSource.h"
#include "signature/SecretSet.h"
#include "signature/SignatureOptions.h"
#include "signature/SignatureResult.h"

struct ReverifiedCapture
{
    qint64 captureId = 0;
    SignatureResult result;
};
using ReverificationBatch = QList<ReverifiedCapture>;

// Re-verifies every capture when the secrets change, on a thread pool, never on the calling thread.
// Each reverify() starts a new generation: work of older generations stops early and is never
// delivered. Results arrive as one batch per generation, in capture order, on the service's thread.
class ReverificationService final : public QObject
{
    Q_OBJECT

public:
    explicit ReverificationService(QObject* parent = nullptr);
    ~ReverificationService() override; // drops running work and waits for the pool

    // What to verify: captures in memory, or a source read on the pool (a stored session: one connection per
    // part of the work).
    void setCaptures(const QList<Capture>& captures);
    void setSource(std::shared_ptr<const CaptureSource> source);

    // Starts a new generation; returns its number.
    quint64 reverify(const SecretSet& secrets, const SignatureOptions& options = {});
    void cancel(); // drops the running generation
    quint64 generation() const;
    bool isBusy() const; // a generation is running or its batch is on its way
    void setMaxThreadCount(int threads);

Q_SIGNALS:
    void reverified(quint64 generation, const ReverificationBatch& results);
    void reverificationFailed(quint64 generation, const QString& message);

private:
    struct Job;
    void startWorkers(const std::shared_ptr<Job>& job, qsizetype count);
    void finishPart(const std::shared_ptr<Job>& job);
    void deliver(const std::shared_ptr<Job>& job);

    QThreadPool m_pool;
    std::shared_ptr<std::atomic<quint64>> m_current = std::make_shared<std::atomic<quint64>>(0);
    quint64 m_started = 0;
    quint64 m_delivered = 0;
    std::shared_ptr<const QList<Capture>> m_captures;
    std::shared_ptr<const CaptureSource> m_source;
};

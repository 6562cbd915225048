// SPDX-License-Identifier: MIT
#include "signature/ReverificationService.h"

#include <QMetaObject>
#include <QMutex>
#include <QMutexLocker>
#include <QThread>
#include <vector>

#include "signature/SignatureVerifier.h"

struct ReverificationService::Job
{
    quint64 generation = 0;
    std::shared_ptr<std::atomic<quint64>> current;
    SignatureVerifier verifier;
    std::shared_ptr<const QList<Capture>> captures; // in-memory source
    std::shared_ptr<const CaptureSource> source; // or a source read on the pool
    QList<qint64> ids;
    std::vector<ReverifiedCapture> results;
    std::atomic<int> remaining {0};
    std::atomic<bool> failed {false};
    QMutex mutex; // guards failure
    QString failure;

    void fail(const QString& message)
    {
        QMutexLocker locker(&mutex);
        if (!failed)
            failure = message;
        failed = true;
    }

    bool stale() const { return current->load(std::memory_order_relaxed) != generation; }
};

ReverificationService::ReverificationService(QObject* parent)
    : QObject(parent)
{
    m_pool.setThreadPriority(QThread::LowPriority); // the window's thread comes first
}

ReverificationService::~ReverificationService()
{
    cancel();
    m_pool.waitForDone();
}

void ReverificationService::setCaptures(const QList<Capture>& captures)
{
    m_captures = std::make_shared<const QList<Capture>>(captures);
    m_source.reset();
}

void ReverificationService::setSource(std::shared_ptr<const CaptureSource> source)
{
    m_captures.reset();
    m_source = std::move(source);
}

void ReverificationService::setMaxThreadCount(int threads)
{
    m_pool.setMaxThreadCount(threads);
}

quint64 ReverificationService::generation() const
{
    return m_current->load();
}

bool ReverificationService::isBusy() const
{
    // The latest generation was started here and has not been delivered (a cancel makes it stale).
    return m_started == m_current->load() && m_delivered != m_started;
}

void ReverificationService::cancel()
{
    m_current->fetch_add(1);
}

quint64 ReverificationService::reverify(const SecretSet& secrets, const SignatureOptions& options)
{
    auto job = std::make_shared<Job>();
    job->generation = m_current->fetch_add(1) + 1;
    m_started = job->generation;
    job->current = m_current;
    job->verifier = SignatureVerifier(secrets, options);

    if (m_captures) {
        job->captures = m_captures;
        startWorkers(job, m_captures->size());
        return job->generation;
    }
    if (!m_source) {
        startWorkers(job, 0);
        return job->generation;
    }
    // Listing the source's captures may read a database: that too happens on the pool.
    job->source = m_source;
    m_pool.start([this, job] {
        Expected<QList<qint64>> ids = job->source->captureIds();
        if (!ids) {
            job->fail(ids.error().message);
            job->remaining = 1;
            finishPart(job);
            return;
        }
        job->ids = std::move(*ids);
        if (!job->stale())
            startWorkers(job, job->ids.size());
    });
    return job->generation;
}

void ReverificationService::startWorkers(const std::shared_ptr<Job>& job, qsizetype count)
{
    job->results.resize(size_t(count));
    const int threads = qMax(1, m_pool.maxThreadCount());
    // A few parts per thread balance uneven captures (forensics on invalid ones costs more).
    const qsizetype parts = count == 0 ? 1 : qMin<qsizetype>(count, qsizetype(threads) * 4);
    job->remaining = int(parts);
    for (qsizetype part = 0; part < parts; ++part) {
        const qsizetype begin = count * part / parts;
        const qsizetype end = count * (part + 1) / parts;
        m_pool.start([this, job, begin, end] {
            if (job->captures) {
                for (qsizetype i = begin; i < end && !job->stale(); ++i) {
                    const Capture& capture = job->captures->at(i);
                    job->results[size_t(i)] = ReverifiedCapture {capture.id, job->verifier.verify(capture)};
                }
            } else if (begin < end) {
                const Expected<std::unique_ptr<CaptureSource::Reader>> reader = job->source->reader();
                if (!reader) {
                    job->fail(reader.error().message);
                } else {
                    for (qsizetype i = begin; i < end && !job->stale(); ++i) {
                        const qint64 id = job->ids.at(i);
                        const std::optional<Capture> capture = (*reader)->capture(id);
                        job->results[size_t(i)]
                            = ReverifiedCapture {id, capture ? job->verifier.verify(*capture) : SignatureResult {}};
                    }
                }
            }
            finishPart(job);
        });
    }
}

void ReverificationService::finishPart(const std::shared_ptr<Job>& job)
{
    if (job->remaining.fetch_sub(1) != 1 || job->stale())
        return;
    // The last part hands the batch to the service's thread; the service outlives the pool's work.
    QMetaObject::invokeMethod(
        this, [this, job] { deliver(job); }, Qt::QueuedConnection);
}

void ReverificationService::deliver(const std::shared_ptr<Job>& job)
{
    if (job->stale())
        return;
    m_delivered = job->generation;
    if (job->failed) {
        Q_EMIT reverificationFailed(job->generation, job->failure); // every part has finished writing
        return;
    }
    ReverificationBatch batch;
    batch.reserve(qsizetype(job->results.size()));
    for (ReverifiedCapture& item : job->results)
        batch.append(std::move(item));
    job->results.clear();
    Q_EMIT reverified(job->generation, batch);
}

// SPDX-License-Identifier: MIT
#include "session/TaskRunner.h"

#include <QFutureWatcher>
#include <QLoggingCategory>
#include <QPromise>
#include <QThread>
#include <QThreadPool>
#include <memory>

Q_LOGGING_CATEGORY(lcTasks, "hookbench.session.tasks", QtInfoMsg)

namespace {
constexpr int progressScale = 10000;

QPromise<void>* promiseOf(void* promise)
{
    return static_cast<QPromise<void>*>(promise);
}
} // namespace

bool TaskControl::isCanceled() const
{
    return promiseOf(m_promise)->isCanceled();
}

void TaskControl::setProgress(qint64 done, qint64 total)
{
    if (total <= 0)
        return;
    promiseOf(m_promise)->setProgressValue(int(qBound<qint64>(0, done * progressScale / total, qint64(progressScale))));
}

TaskRunner::TaskRunner(QObject* parent)
    : QObject(parent)
    , m_pool(new QThreadPool)
{
    m_pool->setMaxThreadCount(qMax(2, QThread::idealThreadCount()));
}

TaskRunner::~TaskRunner()
{
    shutdown();
    delete m_pool;
}

bool TaskRunner::run(const QString& title, Work work, std::function<void(bool)> done, Kind kind)
{
    if (m_shutDown || (kind == Kind::Exclusive && isBusy()))
        return false;
    auto promise = std::make_shared<QPromise<void>>();
    promise->setProgressRange(0, progressScale);
    QFuture<void> future = promise->future();
    const quint64 id = ++m_lastId;
    auto* watcher = new QFutureWatcher<void>(this);
    if (kind == Kind::Exclusive) {
        m_exclusive = future;
        m_exclusiveId = id;
        m_title = title;
        connect(watcher, &QFutureWatcher<void>::progressValueChanged, this,
                [this](int value) { Q_EMIT exclusiveProgress(value, progressScale); });
    }
    connect(watcher, &QFutureWatcher<void>::finished, this, [this, watcher, future, id, done = std::move(done)] {
        watcher->deleteLater();
        m_running.remove(id);
        if (m_shutDown)
            return;
        const bool canceled = future.isCanceled();
        if (done)
            done(canceled);
        if (id == m_exclusiveId) {
            m_exclusiveId = 0;
            m_exclusive = {};
            m_title.clear();
            Q_EMIT exclusiveFinished(canceled);
        }
    });
    watcher->setFuture(future);
    m_running.insert(id, future);
    if (kind == Kind::Exclusive)
        Q_EMIT exclusiveStarted(title);
    m_pool->start([promise, work = std::move(work)] {
        promise->start();
        if (!promise->isCanceled()) {
            TaskControl control(promise.get());
            work(control);
        }
        promise->finish();
    });
    return true;
}

void TaskRunner::cancelExclusive()
{
    if (isBusy())
        m_exclusive.cancel();
}

bool TaskRunner::shutdown(int msecs)
{
    m_shutDown = true;
    if (!m_pool)
        return true;
    for (QFuture<void>& future : m_running)
        future.cancel();
    if (m_pool->waitForDone(msecs))
        return true;
    // Work that ignores cancellation keeps its shared state alive; it may finish after we are gone.
    qCWarning(lcTasks) << "background work did not stop within" << msecs << "ms; leaving it to finish";
    m_pool = nullptr;
    return false;
}

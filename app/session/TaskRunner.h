// SPDX-License-Identifier: MIT
#pragma once

#include <QFuture>
#include <QHash>
#include <QObject>
#include <QString>
#include <functional>

// What a task sees of its runner: whether it was cancelled, and where to report progress.
class QThreadPool;

class TaskControl final
{
public:
    bool isCanceled() const;
    // Progress in the task's own units; the runner reports it as a fraction.
    void setProgress(qint64 done, qint64 total);
    // The same as a CaptureFiles::Progress callback: reports and answers "go on?".
    bool report(qint64 done, qint64 total)
    {
        setProgress(done, total);
        return !isCanceled();
    }

private:
    friend class TaskRunner;
    explicit TaskControl(void* promise)
        : m_promise(promise)
    { }
    void* m_promise; // QPromise<void>, kept out of this header
};

// Runs work off the calling thread on a pool of its own, with progress and cancel, through
// QPromise/QFuture. Exclusive tasks (file operations) run one at a time and are what `busy` means;
// background tasks (loading, checking, filtering) run beside them. Completion callbacks run on the
// runner's thread, and not at all when the task was cancelled by shutdown().
class TaskRunner final : public QObject
{
    Q_OBJECT

public:
    enum class Kind
    {
        Exclusive,
        Background
    };
    using Work = std::function<void(TaskControl& control)>;

    explicit TaskRunner(QObject* parent = nullptr);
    ~TaskRunner() override; // shutdown() with the default bound

    // Starts work; returns false (and does nothing) when an exclusive task is already running or the
    // runner was shut down.
    bool run(const QString& title, Work work, std::function<void(bool canceled)> done = {},
             Kind kind = Kind::Exclusive);
    bool isBusy() const { return m_exclusiveId != 0; }
    QString currentTitle() const { return m_title; }
    void cancelExclusive();

    // Cancels every task and waits at most `msecs` for them: only this runner's own work, never the
    // global pool. Returns whether all of them ended in time.
    bool shutdown(int msecs = 3000);
    bool isShutDown() const { return m_shutDown; }

Q_SIGNALS:
    void exclusiveStarted(const QString& title);
    void exclusiveProgress(qint64 done, qint64 total);
    void exclusiveFinished(bool canceled);

private:
    QThreadPool* m_pool; // owned; left to finish on its own when shutdown() times out

    QFuture<void> m_exclusive;
    quint64 m_exclusiveId = 0; // 0: no exclusive task
    quint64 m_lastId = 0;
    QString m_title;
    QHash<quint64, QFuture<void>> m_running;
    bool m_shutDown = false;
};

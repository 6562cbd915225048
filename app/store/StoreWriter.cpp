// SPDX-License-Identifier: MIT
#include "store/StoreWriter.h"

#include <QCoreApplication>
#include <QEvent>
#include <algorithm>

#ifdef Q_OS_LINUX
#include <sys/resource.h>
#include <unistd.h>
#endif

StoreWriter::StoreWriter(QObject* parent)
    : QObject(parent)
{
    const std::array<QString, 2> names {QStringLiteral("store writer"), QStringLiteral("store writer, large bodies")};
    for (size_t index = 0; index < m_workers.size(); ++index) {
        auto worker = std::make_unique<Worker>();
        worker->context = new QObject;
        worker->store = std::make_unique<SessionStore>();
        worker->thread.setObjectName(names.at(index));
        worker->context->moveToThread(&worker->thread);
        connect(&worker->thread, &QThread::finished, worker->context, &QObject::deleteLater);
        worker->thread.start();
#ifdef Q_OS_LINUX
        if (index == 1) {
            // Writing large bodies is bulk work: on a busy machine the endpoint and the small lane, whose clients
            // wait for every millisecond, go first (a nice value is per thread on Linux; raising it needs no
            // privilege).
            QMetaObject::invokeMethod(worker->context, [] { ::setpriority(PRIO_PROCESS, ::gettid(), largeLaneNice); });
        }
#endif
        m_workers.at(index) = std::move(worker);
    }
}

StoreWriter::~StoreWriter()
{
    finish();
}

Expected<void> StoreWriter::open(const QString& path, SessionStore::Durability durability)
{
    for (const auto& worker : m_workers) {
        Expected<void> opened;
        if (worker->thread.isRunning()) {
            QMetaObject::invokeMethod(
                worker->context, [&] { opened = worker->store->open(path, durability); }, Qt::BlockingQueuedConnection);
        } else {
            opened = worker->store->open(path, durability);
        }
        if (!opened)
            return opened;
    }
    return {};
}

void StoreWriter::append(QList<Capture> captures, Completion complete, Done done)
{
    const bool large = std::any_of(captures.cbegin(), captures.cend(),
                                   [](const Capture& capture) { return laneOf(capture) == Lane::Large; });
    Worker& lane = worker(large ? Lane::Large : Lane::Small);
    if (!lane.thread.isRunning()) {
        done(captures, appendNow(captures, complete));
        return;
    }
    // `this` outlives the threads (finish() waits for them), so the answer can always be posted back.
    SessionStore* store = lane.store.get();
    QMetaObject::invokeMethod(
        lane.context,
        [this, store, captures = std::move(captures), complete = std::move(complete),
         done = std::move(done)]() mutable {
            Expected<void> result = store->append(captures, complete);
            QMetaObject::invokeMethod(
                this,
                [captures = std::move(captures), result = std::move(result), done = std::move(done)] {
                    done(captures, result);
                },
                Qt::QueuedConnection);
        },
        Qt::QueuedConnection);
}

void StoreWriter::finish()
{
    bool stopped = false;
    for (const auto& worker : m_workers) {
        if (!worker->thread.isRunning())
            continue;
        // The groups already queued run first: each thread's queue is first in, first out.
        QMetaObject::invokeMethod(
            worker->context, [] {}, Qt::BlockingQueuedConnection);
        worker->thread.quit();
        worker->thread.wait();
        stopped = true;
    }
    if (stopped)
        QCoreApplication::sendPostedEvents(this, QEvent::MetaCall);
}

Expected<void> StoreWriter::appendNow(QList<Capture>& captures, const Completion& complete)
{
    finish();
    return worker(Lane::Small).store->append(captures, complete);
}

void StoreWriter::runOnLane(Lane lane, std::function<void()> task)
{
    Worker& target = worker(lane);
    if (target.thread.isRunning())
        QMetaObject::invokeMethod(target.context, std::move(task), Qt::QueuedConnection);
    else
        task();
}

// SPDX-License-Identifier: MIT
#include "http/StoreWriter.h"

#include <QCoreApplication>
#include <QEvent>

StoreWriter::StoreWriter(QObject* parent)
    : QObject(parent)
    , m_context(new QObject)
    , m_store(std::make_unique<SessionStore>())
{
    m_thread.setObjectName(QStringLiteral("store writer"));
    m_context->moveToThread(&m_thread);
    connect(&m_thread, &QThread::finished, m_context, &QObject::deleteLater);
    m_thread.start();
}

StoreWriter::~StoreWriter()
{
    finish();
}

std::optional<StoreError> StoreWriter::open(const QString& path, SessionStore::Durability durability)
{
    if (!m_thread.isRunning())
        return m_store->open(path, durability);
    std::optional<StoreError> error;
    QMetaObject::invokeMethod(
        m_context, [&] { error = m_store->open(path, durability); }, Qt::BlockingQueuedConnection);
    return error;
}

void StoreWriter::append(QList<Capture> captures, SessionStore::Completion complete, Done done)
{
    if (!m_thread.isRunning()) {
        const std::optional<StoreError> error = appendNow(captures, complete);
        done(captures, error);
        return;
    }
    // `this` outlives the thread (finish() waits for it), so the answer can always be posted back.
    QMetaObject::invokeMethod(
        m_context,
        [this, captures = std::move(captures), complete = std::move(complete), done = std::move(done)]() mutable {
            std::optional<StoreError> error = m_store->append(captures, complete);
            QMetaObject::invokeMethod(
                this,
                [captures = std::move(captures), error = std::move(error), done = std::move(done)] {
                    done(captures, error);
                },
                Qt::QueuedConnection);
        },
        Qt::QueuedConnection);
}

void StoreWriter::finish()
{
    if (!m_thread.isRunning())
        return;
    // The groups already queued run first: the thread's queue is first in, first out.
    QMetaObject::invokeMethod(
        m_context, [] {}, Qt::BlockingQueuedConnection);
    m_thread.quit();
    m_thread.wait();
    QCoreApplication::sendPostedEvents(this, QEvent::MetaCall);
}

std::optional<StoreError> StoreWriter::appendNow(QList<Capture>& captures, const SessionStore::Completion& complete)
{
    finish();
    return m_store->append(captures, complete);
}

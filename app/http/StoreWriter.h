// SPDX-License-Identifier: MIT
#pragma once

#include <QList>
#include <QObject>
#include <QThread>
#include <functional>
#include <memory>
#include <optional>

#include "core/Capture.h"
#include "store/SessionStore.h"

// The endpoint's commits, on a thread of their own: while one group of captures is written and synced, the
// endpoint goes on reading and answering. It has its own connection to the session store. append() returns at
// once; its `done` runs on the writer's owner thread once the group is committed (or refused).
class StoreWriter final : public QObject
{
    Q_OBJECT

public:
    using Done = std::function<void(const QList<Capture>& captures, const std::optional<StoreError>& error)>;

    explicit StoreWriter(QObject* parent = nullptr);
    ~StoreWriter() override; // finish()

    std::optional<StoreError> open(const QString& path, SessionStore::Durability durability);
    void append(QList<Capture> captures, SessionStore::Completion complete, Done done);
    // Waits for the groups handed over, runs their `done` here, and stops the thread. After it, appendNow()
    // writes on the calling thread.
    void finish();
    std::optional<StoreError> appendNow(QList<Capture>& captures, const SessionStore::Completion& complete);

private:
    QThread m_thread;
    QObject* m_context = nullptr; // lives on m_thread; the store is used there until finish()
    std::unique_ptr<SessionStore> m_store;
};

// SPDX-License-Identifier: MIT
#pragma once

#include <QList>
#include <QObject>
#include <QThread>
#include <array>
#include <functional>
#include <memory>
#include <optional>

#include "core/Capture.h"
#include "core/CaptureSink.h"
#include "store/SessionStore.h"

// The endpoint's sink in the session store: commits on threads of their own, so that while a group of captures
// is written and synced the endpoint goes on reading and answering. Two lanes, each a thread with its own
// connection to the store: groups with a large body (largeBodyBytes and over) commit on one, every other group on
// the other, so that a small delivery never waits while a large body is written to its segment file and synced.
// Within a lane groups commit in the order they were handed over; across lanes a later small group may commit
// first (and so take the lower id). append() returns at once; its `done` runs on the writer's owner thread once
// the group is committed (or refused).
class StoreWriter final : public QObject, public CaptureSink
{
    Q_OBJECT

public:
    explicit StoreWriter(QObject* parent = nullptr);
    ~StoreWriter() override; // finish()

    Expected<void> open(const QString& path, SessionStore::Durability durability);
    // Commits on the lane of the group's largest body.
    void append(QList<Capture> captures, Completion complete, Done done) override;
    // Waits for the groups handed over, runs their `done` here, and stops the threads. After it, appendNow()
    // writes on the calling thread.
    void finish() override;
    Expected<void> appendNow(QList<Capture>& captures, const Completion& complete) override;
    // Runs task on the lane's thread after the groups handed to it so far (tests hold a lane with it).
    void runOnLane(Lane lane, std::function<void()> task);

    // The large lane's thread runs at this nice value (Linux), below the endpoint's and the small lane's.
    static constexpr int largeLaneNice = 10;

private:
    struct Worker
    {
        QThread thread;
        QObject* context = nullptr; // lives on thread; the store is used there until finish()
        std::unique_ptr<SessionStore> store;
    };
    Worker& worker(Lane lane) { return *m_workers.at(lane == Lane::Large ? 1 : 0); }
    std::array<std::unique_ptr<Worker>, 2> m_workers;
};

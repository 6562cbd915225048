// SPDX-License-Identifier: MIT
#pragma once

#include <QList>
#include <functional>

#include "core/Capture.h"
#include "core/Expected.h"

// Where the endpoint's captures are kept. The endpoint hands over groups of completed requests and answers
// them only once the sink says the group is kept, so a 2xx means what the sink promises (the session store:
// committed and synced). Two lanes: a capture with a body of largeBodyBytes or more is a group of its own on
// the large lane, so that a small delivery never waits while a large body is written. Within a lane groups are
// kept in the order they were handed over.
class CaptureSink
{
public:
    // Runs for each capture while its group is kept, once the capture's id is known (the endpoint records the
    // answer it will send).
    using Completion = std::function<void(qsizetype index, Capture& capture)>;
    using Done = std::function<void(const QList<Capture>& captures, const Expected<void>& result)>;
    enum class Lane
    {
        Small,
        Large
    };
    static constexpr qsizetype largeBodyBytes = 1024 * 1024;
    static Lane laneOf(const Capture& capture)
    {
        return capture.body.size() >= largeBodyBytes ? Lane::Large : Lane::Small;
    }

    virtual ~CaptureSink() = default;
    // Keeps the group on the lane of its largest body. Returns at once; `done` runs later on the thread that
    // owns the sink, with the captures as kept (ids set) or the reason they were not. After finish(), the group
    // is kept on the calling thread and `done` runs before append() returns.
    virtual void append(QList<Capture> captures, Completion complete, Done done) = 0;
    // Waits for the groups handed over and runs their `done` here. After it, appendNow() keeps a group on the
    // calling thread.
    virtual void finish() = 0;
    virtual Expected<void> appendNow(QList<Capture>& captures, const Completion& complete) = 0;

protected:
    CaptureSink() = default;
    CaptureSink(const CaptureSink&) = delete;
    CaptureSink& operator=(const CaptureSink&) = delete;
};

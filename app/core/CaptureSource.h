// SPDX-License-Identifier: MIT
#pragma once

#include <QList>
#include <memory>
#include <optional>

#include "core/Capture.h"
#include "core/Expected.h"

// A set of captures read on worker threads, by id: what work over a whole session (re-verification) is handed,
// so that it needs no knowledge of where the captures are kept. Every call may run on any thread.
class CaptureSource
{
public:
    // Reads captures on one thread at a time.
    class Reader
    {
    public:
        virtual ~Reader() = default;
        // Nothing when the capture is gone.
        virtual std::optional<Capture> capture(qint64 id) = 0;
    };

    virtual ~CaptureSource() = default;
    // The captures' ids, in capture order.
    virtual Expected<QList<qint64>> captureIds() const = 0;
    virtual Expected<std::unique_ptr<Reader>> reader() const = 0;
};

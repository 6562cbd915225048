// SPDX-License-Identifier: MIT
#pragma once

#include <QList>
#include <QString>
#include <functional>
#include <optional>

#include "core/Error.h"
#include "har/HarError.h"

// Moves captures between HAR files and the session store. Synchronous: the window runs these on a
// worker thread, the command line runs them directly. Each opens its own store connection.
namespace CaptureFiles {

using Progress = std::function<bool(qint64 done, qint64 total)>; // return false to cancel

struct ImportResult
{
    qint64 sessionId = 0;
    qint64 imported = 0;
    QList<HarError> problems; // entries that could not be read, and warnings about the ones that could
    qint64 problemsOmitted = 0; // problems past maxProblems, counted but not kept
    qint64 slices = 0; // write transactions the captures were committed in
    qint64 longestSliceMs = 0; // the longest of them (write lock held), for benchmarks
    std::optional<HarError> failure; // the file could not be read: nothing was imported
    std::optional<Error> storeFailure; // the store refused: what was committed before stays (`imported`)
    bool failed() const { return failure || storeFailure; }
};

constexpr int maxProblems = 1000;

// Reads a HAR file into the store: into session `intoSession`, or a new session named `newSessionName`
// when it is 0 (created with the first captures). Entries stream from the file into the store, so memory
// stays flat in the file's size. Commits in slices bounded by bytes (sliceBytes) and by time (the slice
// shrinks when a commit takes longer than sliceTargetMs), so the endpoint's own commits are never held up
// for long. Canceling keeps what was committed so far.
constexpr qint64 sliceBytes = qint64(2) << 20;
constexpr qint64 sliceTargetMs = 50;
ImportResult importHar(const QString& harPath, const QString& storePath, qint64 intoSession,
                       const QString& newSessionName, const Progress& progress = {});

struct ExportResult
{
    qint64 written = 0;
    std::optional<HarError> failure; // the file could not be written: the old file, if any, is unchanged
    std::optional<Error> storeFailure; // the store could not be read: no file was written
    bool failed() const { return failure || storeFailure; }
};

// Writes the captures with these ids, in this order, as a HAR file (atomically).
ExportResult exportHar(const QString& harPath, const QString& storePath, const QList<qint64>& ids,
                       const Progress& progress = {});

} // namespace CaptureFiles

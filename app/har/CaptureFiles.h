// SPDX-License-Identifier: MIT
#pragma once

#include <QList>
#include <QString>
#include <functional>
#include <optional>

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
    std::optional<HarError> failure; // nothing was imported
};

// Reads a HAR file into the store: into session `intoSession`, or a new session named `newSessionName`
// when it is 0. Commits in slices so the endpoint's own commits are never held up for long.
ImportResult importHar(const QString& harPath, const QString& storePath, qint64 intoSession,
                       const QString& newSessionName, const Progress& progress = {});

struct ExportResult
{
    qint64 written = 0;
    std::optional<HarError> failure; // the old file, if any, is unchanged
};

// Writes the captures with these ids, in this order, as a HAR file (atomically).
ExportResult exportHar(const QString& harPath, const QString& storePath, const QList<qint64>& ids,
                       const Progress& progress = {});

} // namespace CaptureFiles

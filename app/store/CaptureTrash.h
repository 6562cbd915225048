// SPDX-License-Identifier: MIT
#pragma once

#include <QList>
#include <optional>

#include "store/SessionStore.h"

// Deleting captures so that it can be undone. Deleted captures move, with their replay attempts, into a
// hidden session of their own (sessions.trashed_from names the session they came from), which no list shows.
// Undo moves them back; purge deletes them for good. Trash left by an earlier run is purged at start.
// Each step runs in short write transactions (StoreSlices: bounded by bytes and time, as deleting a session is),
// so live deliveries never wait long for the lock. Shares the SessionStore's connection and its thread.
class CaptureTrash final
{
public:
    explicit CaptureTrash(SessionStore& store);

    // Moves these captures of the session into a new hidden session and returns its id.
    Expected<qint64> trash(qint64 sessionId, const QList<qint64>& captureIds);
    // Moves a hidden session's captures back where they came from and removes it. Returns that session's id;
    // NotFound when the hidden session or the one the captures came from is gone.
    Expected<qint64> restore(qint64 trashId);
    // Deletes one hidden session and its captures, or all of them.
    Expected<void> purge(qint64 trashId);
    Expected<void> purgeAll();
    QList<qint64> trashIds() const;

    static const char* schemaSql(); // store version 3

private:
    SessionStore& m_store;
};

// SPDX-License-Identifier: MIT
// SessionStore's removals: deleting and pruning sessions in time-bounded slices, sparing claimed sessions, and the
// body segments nothing refers to any more.
#include <QCoreApplication>
#include <QElapsedTimer>
#include <algorithm>

#include "store/BodyFiles.h"
#include "store/SessionClaims.h"
#include "store/SessionStore.h"
#include "store/SqliteStatement.h"
#include "store/StoreErrors.h"

namespace {
constexpr qint64 firstSliceRows = 64;
constexpr qint64 maxSliceRows = 20000;
constexpr int reclaimPagesPerSlice = 256;
} // namespace

Expected<void> SessionStore::lock(qint64 sessionId)
{
    if (!m_claims)
        return StoreErrors::notOpen();
    if (sessionId <= 0)
        return Error {Error::Code::NotFound,
                      QCoreApplication::translate("SessionStore", "there is no session %1").arg(sessionId)};
    if (m_claims->holds(sessionId))
        return {};
    // An instance writes one session at a time (the endpoint its current session, an import its target):
    // claiming another lets the previous one go.
    m_claims->releaseAll();
    switch (m_claims->claim(sessionId)) {
    case QLockFile::NoError:
        return {};
    case QLockFile::LockFailedError:
        return Error {Error::Code::StoreInUse,
                      QCoreApplication::translate("SessionStore",
                                                  "session %1 is in use by another Hookbench window or listen command")
                          .arg(sessionId)};
    case QLockFile::PermissionError:
        return Error {Error::Code::StoreReadOnly,
                      QCoreApplication::translate("SessionStore", "cannot write %1, so session %2 is not claimed")
                          .arg(SessionClaims::lockPath(m_path, sessionId))
                          .arg(sessionId)};
    case QLockFile::UnknownError:
        break;
    }
    return Error {Error::Code::StoreFailed,
                  QCoreApplication::translate("SessionStore", "cannot lock %1, so session %2 is not claimed")
                      .arg(SessionClaims::lockPath(m_path, sessionId))
                      .arg(sessionId)};
}

Expected<void> SessionStore::claim(qint64 sessionId)
{
    if (!m_db)
        return lastError();
    if (m_claims->holds(sessionId))
        return {};
    const Expected<void> locked = lock(sessionId);
    if (!locked && locked.error().code == Error::Code::NotFound)
        return locked;
    // Asked once the lock is held: a session found here is spared from then on.
    SqliteStatement exists(m_db, "SELECT 1 FROM sessions WHERE id = ? AND trashed_from IS NULL");
    if (!exists) {
        const Error error = lastError();
        m_claims->release(sessionId);
        return error;
    }
    sqlite3_bind_int64(exists.get(), 1, sessionId);
    if (const int rc = sqlite3_step(exists.get()); rc != SQLITE_ROW) {
        const Error error = rc == SQLITE_DONE
            ? Error {Error::Code::NotFound,
                     QCoreApplication::translate("SessionStore", "there is no session %1").arg(sessionId)}
            : lastError();
        m_claims->release(sessionId);
        return error;
    }
    return locked;
}

void SessionStore::releaseClaim(qint64 sessionId)
{
    if (m_claims)
        m_claims->release(sessionId);
}

bool SessionStore::sessionInUseElsewhere(qint64 sessionId) const
{
    return m_claims && m_claims->inUseElsewhere(sessionId);
}

Expected<void> SessionStore::removeSession(qint64 sessionId)
{
    qint64 rows = firstSliceRows;
    for (;;) {
        if (Expected<void> begun = exec("BEGIN IMMEDIATE"); !begun)
            return begun;
        QElapsedTimer held;
        held.start();
        qint64 removed = 0;
        bool ok = false;
        {
            SqliteStatement captures(m_db,
                                     "DELETE FROM captures WHERE id IN "
                                     "(SELECT id FROM captures WHERE session_id = ? ORDER BY id LIMIT ?)");
            if (captures) {
                sqlite3_bind_int64(captures.get(), 1, sessionId);
                sqlite3_bind_int64(captures.get(), 2, rows);
                ok = sqlite3_step(captures.get()) == SQLITE_DONE;
                removed = sqlite3_changes64(m_db);
            }
        }
        if (ok && removed == 0) {
            // The captures are gone: the session itself goes last.
            SqliteStatement session(m_db, "DELETE FROM sessions WHERE id = ?");
            ok = bool(session);
            if (ok) {
                sqlite3_bind_int64(session.get(), 1, sessionId);
                ok = sqlite3_step(session.get()) == SQLITE_DONE;
            }
        }
        if (!ok) {
            const Error error = lastError();
            exec("ROLLBACK");
            return error;
        }
        if (Expected<void> committed = exec("COMMIT"); !committed) {
            exec("ROLLBACK");
            return committed;
        }
        const qint64 ms = held.elapsed();
        noteWrite(ms);
        if (removed == 0)
            return {};
        // Time bound: the next slice is sized from how long this one held the write lock.
        if (ms > sliceTargetMs)
            rows = std::max<qint64>(1, rows / 2);
        else if (ms < sliceTargetMs / 2)
            rows = std::min(maxSliceRows, rows * 2);
        QElapsedTimer reclaim;
        reclaim.start();
        reclaimSpace(reclaimPagesPerSlice);
        noteWrite(reclaim.elapsed());
    }
}

Expected<void> SessionStore::deleteSession(qint64 sessionId)
{
    if (!m_db)
        return lastError();
    if (sessionInUseElsewhere(sessionId))
        return Error {Error::Code::StoreInUse,
                      QCoreApplication::translate(
                          "SessionStore", "the session is in use by another Hookbench window or listen command")};
    if (Expected<void> removed = removeSession(sessionId); !removed)
        return removed;
    reclaimSpace();
    removeUnreferencedBodies();
    return {};
}

PruneResult SessionStore::prune(const StoreBudget& budget, qint64 currentSessionId, const QDateTime& now)
{
    PruneResult result;
    if (!m_db) {
        result.error = lastError();
        return result;
    }
    // Read before taking the write lock: only the sessions in use, which stay, grow meanwhile.
    QList<SessionInfo> oldestFirst = sessions();
    std::sort(oldestFirst.begin(), oldestFirst.end(), [](const SessionInfo& a, const SessionInfo& b) {
        return a.lastActivityAt != b.lastActivityAt ? a.lastActivityAt < b.lastActivityAt : a.id < b.id;
    });
    qint64 total = 0;
    for (const SessionInfo& info : oldestFirst)
        total += info.storedBytes;
    const QDateTime cutoff = now.addDays(-qint64(budget.maxAgeDays));
    QList<SessionInfo> doomed;
    qint64 freed = 0;
    for (const SessionInfo& info : oldestFirst) {
        if (info.id == currentSessionId)
            continue;
        const bool tooOld = budget.maxAgeDays > 0 && info.lastActivityAt < cutoff;
        const bool overBudget = budget.maxBytes > 0 && total - freed > budget.maxBytes;
        if (!tooOld && !overBudget)
            break; // every later session is newer, and the size already fits
        if (sessionInUseElsewhere(info.id)) {
            result.inUse.append(info);
            continue;
        }
        doomed.append(info);
        freed += info.storedBytes;
    }
    result.bytesKept = total;
    for (const SessionInfo& info : std::as_const(doomed)) {
        if (Expected<void> removed = removeSession(info.id); !removed) {
            result.error = removed.error();
            break;
        }
        result.removed.append(info);
        result.bytesFreed += info.storedBytes;
        result.bytesKept -= info.storedBytes;
    }
    if (!result.removed.isEmpty()) {
        reclaimSpace();
        removeUnreferencedBodies();
    }
    return result;
}

qint64 SessionStore::removeUnreferencedBodies()
{
    if (!m_db || !m_bodies)
        return 0;
    return m_bodies->removeUnreferenced([this] {
        QSet<QString> names;
        SqliteStatement statement(m_db, "SELECT DISTINCT body_file FROM captures WHERE body_file IS NOT NULL");
        while (statement && sqlite3_step(statement.get()) == SQLITE_ROW)
            names.insert(QString::fromLatin1(reinterpret_cast<const char*>(sqlite3_column_text(statement.get(), 0)),
                                             sqlite3_column_bytes(statement.get(), 0)));
        return names;
    });
}

qint64 SessionStore::bodyFileBytes() const
{
    return m_bodies ? m_bodies->diskBytes() : 0;
}

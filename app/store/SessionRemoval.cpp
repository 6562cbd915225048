// SPDX-License-Identifier: MIT
// SessionStore's removals: deleting and pruning sessions in slices bounded by bytes and time (StoreSlices), sparing
// claimed sessions, and the body segments nothing refers to any more.
#include <QCoreApplication>
#include <algorithm>

#include "store/BodyFiles.h"
#include "store/SessionClaims.h"
#include "store/SessionStore.h"
#include "store/SqliteStatement.h"
#include "store/StoreErrors.h"
#include "store/StoreSlices.h"

namespace {
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
    // The captures go a slice at a time (their replay attempts with them), the space they held given back
    // between slices; the session itself goes in the last slice, once none is left.
    StoreSlices slices(*this);
    return slices.run(
        [&](qint64 rows) -> Expected<qint64> {
            const Expected<qint64> last = slices.lastIdOfSlice(sessionId, rows);
            if (!last)
                return last.error();
            SqliteStatement remove(m_db,
                                   *last != 0 ? "DELETE FROM captures WHERE session_id = ? AND id <= ?"
                                              : "DELETE FROM sessions WHERE id = ?");
            if (!remove)
                return lastError();
            sqlite3_bind_int64(remove.get(), 1, sessionId);
            if (*last != 0)
                sqlite3_bind_int64(remove.get(), 2, *last);
            if (sqlite3_step(remove.get()) != SQLITE_DONE)
                return lastError();
            return *last != 0 ? sqlite3_changes64(m_db) : 0;
        },
        [this] { reclaimSpace(reclaimPagesPerSlice); });
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

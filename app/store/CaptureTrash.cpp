// SPDX-License-Identifier: MIT
#include "store/CaptureTrash.h"

#include <QDateTime>

#include <sqlite3.h>

#include "store/StoreErrors.h"
#include "store/StoreSlices.h"

namespace {

struct Finalizer
{
    void operator()(sqlite3_stmt* statement) const { sqlite3_finalize(statement); }
};
using Statement = std::unique_ptr<sqlite3_stmt, Finalizer>;

Statement prepare(sqlite3* db, const char* sql)
{
    sqlite3_stmt* statement = nullptr;
    sqlite3_prepare_v2(db, sql, -1, &statement, nullptr);
    return Statement(statement);
}

Error errorOf(sqlite3* db)
{
    return StoreErrors::lastOf(db);
}

} // namespace

CaptureTrash::CaptureTrash(SessionStore& store)
    : m_store(store)
{ }

const char* CaptureTrash::schemaSql()
{
    return "ALTER TABLE sessions ADD COLUMN trashed_from INTEGER;";
}

Expected<qint64> CaptureTrash::trash(qint64 sessionId, const QList<qint64>& captureIds)
{
    sqlite3* db = m_store.m_db;
    if (!db)
        return StoreErrors::notOpen();
    if (captureIds.isEmpty())
        return Error {Error::Code::InvalidInput, QStringLiteral("no captures to delete")};
    Statement create = prepare(db, "INSERT INTO sessions (name, created_at, trashed_from) VALUES ('', ?, ?)");
    if (!create)
        return errorOf(db);
    sqlite3_bind_int64(create.get(), 1, QDateTime::currentMSecsSinceEpoch());
    sqlite3_bind_int64(create.get(), 2, sessionId);
    if (sqlite3_step(create.get()) != SQLITE_DONE)
        return errorOf(db);
    const qint64 trashId = sqlite3_last_insert_rowid(db);
    Statement move = prepare(db, "UPDATE captures SET session_id = ? WHERE session_id = ? AND id = ?");
    if (!move)
        return errorOf(db);
    // One statement per capture; a slice ends at its row count or once its captures reach StoreSlices::sliceBytes.
    StoreSlices slices(m_store);
    qsizetype next = 0;
    const Expected<void> moved = slices.run([&](qint64 rows) -> Expected<qint64> {
        qint64 done = 0;
        qint64 bytes = 0;
        for (; next < captureIds.size() && done < rows && bytes < StoreSlices::sliceBytes; ++next, ++done) {
            const Expected<qint64> size = slices.captureBytes(sessionId, captureIds.at(next));
            if (!size)
                return size.error();
            bytes += *size;
            sqlite3_reset(move.get());
            sqlite3_bind_int64(move.get(), 1, trashId);
            sqlite3_bind_int64(move.get(), 2, sessionId);
            sqlite3_bind_int64(move.get(), 3, captureIds.at(next));
            if (sqlite3_step(move.get()) != SQLITE_DONE)
                return errorOf(db);
        }
        return done;
    });
    if (!moved) {
        // What moved goes back at once: nothing is deleted when the error is reported.
        restore(trashId);
        return moved.error();
    }
    return trashId;
}

Expected<qint64> CaptureTrash::restore(qint64 trashId)
{
    sqlite3* db = m_store.m_db;
    if (!db)
        return StoreErrors::notOpen();
    Statement from = prepare(db, "SELECT trashed_from FROM sessions WHERE id = ? AND trashed_from IS NOT NULL");
    sqlite3_bind_int64(from.get(), 1, trashId);
    if (!from || sqlite3_step(from.get()) != SQLITE_ROW)
        return Error {Error::Code::NotFound, QStringLiteral("nothing to undo: the deleted captures are gone")};
    const qint64 sessionId = sqlite3_column_int64(from.get(), 0);
    from.reset();
    Statement exists = prepare(db, "SELECT 1 FROM sessions WHERE id = ? AND trashed_from IS NULL");
    sqlite3_bind_int64(exists.get(), 1, sessionId);
    if (!exists || sqlite3_step(exists.get()) != SQLITE_ROW)
        return Error {Error::Code::NotFound, QStringLiteral("the session the captures came from no longer exists")};
    exists.reset();
    Statement move = prepare(db, "UPDATE captures SET session_id = ? WHERE session_id = ? AND id <= ?");
    if (!move)
        return errorOf(db);
    StoreSlices slices(m_store);
    if (Expected<void> moved = slices.run([&](qint64 rows) -> Expected<qint64> {
            const Expected<qint64> last = slices.lastIdOfSlice(trashId, rows);
            if (!last || *last == 0)
                return last;
            sqlite3_reset(move.get());
            sqlite3_bind_int64(move.get(), 1, sessionId);
            sqlite3_bind_int64(move.get(), 2, trashId);
            sqlite3_bind_int64(move.get(), 3, *last);
            if (sqlite3_step(move.get()) != SQLITE_DONE)
                return errorOf(db);
            return sqlite3_changes64(db);
        });
        !moved)
        return moved.error();
    Statement drop = prepare(db, "DELETE FROM sessions WHERE id = ?");
    sqlite3_bind_int64(drop.get(), 1, trashId);
    if (!drop || sqlite3_step(drop.get()) != SQLITE_DONE)
        return errorOf(db);
    return sessionId;
}

Expected<void> CaptureTrash::purge(qint64 trashId)
{
    sqlite3* db = m_store.m_db;
    if (!db)
        return StoreErrors::notOpen();
    Statement hidden = prepare(db, "SELECT 1 FROM sessions WHERE id = ? AND trashed_from IS NOT NULL");
    if (!hidden)
        return errorOf(db);
    sqlite3_bind_int64(hidden.get(), 1, trashId);
    const int rc = sqlite3_step(hidden.get());
    if (rc == SQLITE_DONE)
        return {}; // purged already
    if (rc != SQLITE_ROW)
        return errorOf(db);
    hidden.reset();
    // As a session is deleted: the captures in slices (their replay attempts go with them), the space they held
    // given back as it goes, then the hidden session.
    if (Expected<void> removed = m_store.removeSession(trashId); !removed)
        return removed;
    m_store.reclaimSpace();
    m_store.removeUnreferencedBodies();
    return {};
}

Expected<void> CaptureTrash::purgeAll()
{
    for (qint64 id : trashIds()) {
        if (Expected<void> purged = purge(id); !purged)
            return purged;
    }
    return {};
}

QList<qint64> CaptureTrash::trashIds() const
{
    QList<qint64> ids;
    Statement select = prepare(m_store.m_db, "SELECT id FROM sessions WHERE trashed_from IS NOT NULL ORDER BY id");
    while (select && sqlite3_step(select.get()) == SQLITE_ROW)
        ids.append(sqlite3_column_int64(select.get(), 0));
    return ids;
}

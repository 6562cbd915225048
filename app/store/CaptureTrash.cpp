// SPDX-License-Identifier: MIT
#include "store/CaptureTrash.h"

#include <QDateTime>

#include <sqlite3.h>

#include "store/StoreErrors.h"

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
    if (Expected<void> moved = moveSlices("UPDATE captures SET session_id = ?1 WHERE session_id = ?2 AND id = ?3",
                                          trashId, sessionId, captureIds);
        !moved) {
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
    if (Expected<void> moved = moveSlices("UPDATE captures SET session_id = ?1 WHERE id IN (SELECT id FROM captures "
                                          "WHERE session_id = ?2 ORDER BY id LIMIT ?3)",
                                          sessionId, trashId, {});
        !moved)
        return moved.error();
    Statement drop = prepare(db, "DELETE FROM sessions WHERE id = ?");
    sqlite3_bind_int64(drop.get(), 1, trashId);
    if (!drop || sqlite3_step(drop.get()) != SQLITE_DONE)
        return errorOf(db);
    return sessionId;
}

Expected<void> CaptureTrash::moveSlices(const char* sql, qint64 to, qint64 from, const QList<qint64>& ids)
{
    // With ids: one statement per id, sliceRows of them per transaction. Without: the statement moves up to
    // sliceRows rows (?3 is the limit) and runs until nothing is left.
    sqlite3* db = m_store.m_db;
    Statement move = prepare(db, sql);
    if (!move)
        return errorOf(db);
    qsizetype next = 0;
    for (;;) {
        if (Expected<void> begun = m_store.exec("BEGIN IMMEDIATE"); !begun)
            return begun;
        int changed = 0;
        if (!ids.isEmpty()) {
            const qsizetype end = std::min<qsizetype>(ids.size(), next + sliceRows);
            for (; next < end; ++next) {
                sqlite3_reset(move.get());
                sqlite3_bind_int64(move.get(), 1, to);
                sqlite3_bind_int64(move.get(), 2, from);
                sqlite3_bind_int64(move.get(), 3, ids.at(next));
                if (sqlite3_step(move.get()) != SQLITE_DONE) {
                    const Error e = errorOf(db);
                    m_store.exec("ROLLBACK");
                    return e;
                }
            }
            changed = next < ids.size() ? 1 : 0;
        } else {
            sqlite3_reset(move.get());
            sqlite3_bind_int64(move.get(), 1, to);
            sqlite3_bind_int64(move.get(), 2, from);
            sqlite3_bind_int64(move.get(), 3, sliceRows);
            if (sqlite3_step(move.get()) != SQLITE_DONE) {
                const Error e = errorOf(db);
                m_store.exec("ROLLBACK");
                return e;
            }
            changed = sqlite3_changes(db);
        }
        if (Expected<void> committed = m_store.exec("COMMIT"); !committed) {
            m_store.exec("ROLLBACK");
            return committed;
        }
        if (changed == 0)
            return {};
    }
}

Expected<void> CaptureTrash::purge(qint64 trashId)
{
    sqlite3* db = m_store.m_db;
    if (!db)
        return StoreErrors::notOpen();
    // The captures first, in slices (their replay attempts go with them), then the hidden session.
    Statement remove = prepare(db,
                               "DELETE FROM captures WHERE id IN (SELECT id FROM captures WHERE session_id = ? "
                               "ORDER BY id LIMIT ?)");
    if (!remove)
        return errorOf(db);
    for (;;) {
        sqlite3_reset(remove.get());
        sqlite3_bind_int64(remove.get(), 1, trashId);
        sqlite3_bind_int64(remove.get(), 2, sliceRows);
        if (sqlite3_step(remove.get()) != SQLITE_DONE)
            return errorOf(db);
        if (sqlite3_changes(db) == 0)
            break;
    }
    Statement drop = prepare(db, "DELETE FROM sessions WHERE id = ? AND trashed_from IS NOT NULL");
    sqlite3_bind_int64(drop.get(), 1, trashId);
    if (!drop || sqlite3_step(drop.get()) != SQLITE_DONE)
        return errorOf(db);
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

// SPDX-License-Identifier: MIT
#include "store/ReplayAttemptStore.h"

#include <QCoreApplication>

#include <sqlite3.h>

#include "store/SqliteStatement.h"
#include "store/StoreColumns.h"

namespace {

using namespace StoreColumns;
using Statement = SqliteStatement;

constexpr char insertSql[]
    = "INSERT INTO replay_attempts (capture_id, started_at, target_url, method, forwarded, resigned_scheme, status, "
      "reason, headers, body, body_bytes, duration_ms, error_kind, error_message) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)";

} // namespace

ReplayAttemptStore::ReplayAttemptStore(SessionStore& store)
    : m_store(store)
{ }

const char* ReplayAttemptStore::schemaSql()
{
    return R"sql(
CREATE TABLE IF NOT EXISTS replay_attempts (
    id INTEGER PRIMARY KEY,
    capture_id INTEGER NOT NULL REFERENCES captures(id) ON DELETE CASCADE,
    started_at INTEGER NOT NULL,
    target_url TEXT NOT NULL,
    method BLOB NOT NULL,
    forwarded INTEGER NOT NULL,
    resigned_scheme TEXT NOT NULL,
    status INTEGER NOT NULL,
    reason BLOB NOT NULL,
    headers BLOB NOT NULL,
    body BLOB NOT NULL,
    body_bytes INTEGER NOT NULL,
    duration_ms INTEGER NOT NULL,
    error_kind TEXT NOT NULL,
    error_message TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS replay_attempts_by_capture ON replay_attempts(capture_id, id);
)sql";
}

Expected<void> ReplayAttemptStore::add(ReplayAttempt& attempt)
{
    QList<ReplayAttempt> one {attempt};
    Expected<void> added = add(one);
    attempt.id = one.constFirst().id;
    return added;
}

Expected<void> ReplayAttemptStore::add(QList<ReplayAttempt>& attempts)
{
    sqlite3* db = m_store.m_db;
    if (!db)
        return m_store.lastError();
    if (attempts.isEmpty())
        return {};
    if (Expected<void> begun = m_store.exec("BEGIN IMMEDIATE"); !begun)
        return begun;
    Statement insert(db, insertSql);
    QList<qint64> ids;
    for (const ReplayAttempt& attempt : std::as_const(attempts)) {
        if (!insert) {
            const Error error = m_store.lastError();
            m_store.exec("ROLLBACK");
            return error;
        }
        sqlite3_stmt* s = insert.get();
        sqlite3_reset(s);
        sqlite3_bind_int64(s, 1, attempt.captureId);
        sqlite3_bind_int64(s, 2, toMs(attempt.startedAt));
        bindText(s, 3, attempt.targetUrl);
        bindBytes(s, 4, attempt.method);
        sqlite3_bind_int(s, 5, attempt.forwarded ? 1 : 0);
        bindText(s, 6, attempt.resignedScheme);
        sqlite3_bind_int(s, 7, attempt.status);
        bindBytes(s, 8, attempt.reason);
        bindBytes(s, 9, encodeHeaders(attempt.responseHeaders));
        bindBytes(s, 10, attempt.responseBody);
        sqlite3_bind_int64(s, 11, attempt.responseBodyBytes);
        sqlite3_bind_int64(s, 12, attempt.durationMs);
        bindText(s, 13, ReplayErrors::name(attempt.errorKind));
        bindText(s, 14, attempt.errorMessage);
        if (sqlite3_step(s) != SQLITE_DONE) {
            const Error error = m_store.lastError();
            sqlite3_reset(s);
            m_store.exec("ROLLBACK");
            return error;
        }
        ids.append(sqlite3_last_insert_rowid(db));
    }
    sqlite3_reset(insert.get());
    if (Expected<void> committed = m_store.exec("COMMIT"); !committed) {
        m_store.exec("ROLLBACK");
        return committed;
    }
    for (qsizetype i = 0; i < attempts.size(); ++i)
        attempts[i].id = ids.at(i);
    return {};
}

QList<ReplayAttempt> ReplayAttemptStore::attempts(qint64 captureId) const
{
    QList<ReplayAttempt> result;
    Statement select(m_store.m_db,
                     "SELECT id, capture_id, started_at, target_url, method, forwarded, resigned_scheme, status, "
                     "reason, headers, body, body_bytes, duration_ms, error_kind, error_message "
                     "FROM replay_attempts WHERE capture_id = ? ORDER BY id");
    if (!select)
        return result;
    sqlite3_stmt* row = select.get();
    sqlite3_bind_int64(row, 1, captureId);
    while (sqlite3_step(row) == SQLITE_ROW) {
        // In the order of the SELECT above.
        ReplayAttempt attempt;
        QString errorKind;
        StoreColumns::Row(row) >> attempt.id >> attempt.captureId >> attempt.startedAt >> attempt.targetUrl
            >> attempt.method >> attempt.forwarded >> attempt.resignedScheme >> attempt.status >> attempt.reason
            >> attempt.responseHeaders >> attempt.responseBody >> attempt.responseBodyBytes >> attempt.durationMs
            >> errorKind >> attempt.errorMessage;
        attempt.errorKind = ReplayErrors::fromName(errorKind);
        result.append(attempt);
    }
    return result;
}

qint64 ReplayAttemptStore::count(qint64 captureId) const
{
    Statement select(m_store.m_db, "SELECT COUNT(*) FROM replay_attempts WHERE capture_id = ?");
    if (!select)
        return 0;
    sqlite3_bind_int64(select.get(), 1, captureId);
    return sqlite3_step(select.get()) == SQLITE_ROW ? sqlite3_column_int64(select.get(), 0) : 0;
}

QSet<qint64> ReplayAttemptStore::capturesWithAttempts() const
{
    QSet<qint64> ids;
    Statement select(m_store.m_db, "SELECT DISTINCT capture_id FROM replay_attempts");
    if (!select)
        return ids;
    while (sqlite3_step(select.get()) == SQLITE_ROW)
        ids.insert(sqlite3_column_int64(select.get(), 0));
    return ids;
}

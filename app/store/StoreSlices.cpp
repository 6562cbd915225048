// SPDX-License-Identifier: MIT
#include "store/StoreSlices.h"

#include <QByteArray>
#include <QElapsedTimer>
#include <algorithm>

#include "store/SessionStore.h"
#include "store/SqliteStatement.h"
#include "store/StoreColumns.h"

namespace {

// What a capture takes in the database: its row, and its body unless that is kept in a file beside it (then
// `body` is empty).
QByteArray captureBytesSql()
{
    return QByteArray("length(c.body) + ") + StoreColumns::rowBytesSql;
}

} // namespace

StoreSlices::StoreSlices(SessionStore& store, qint64 firstRows, qint64 maxRows)
    : m_store(store)
    , m_rows(std::clamp<qint64>(firstRows, 1, maxRows))
    , m_maxRows(maxRows)
{ }

StoreSlices::~StoreSlices() = default;

void StoreSlices::held(qint64 ms)
{
    m_store.noteWrite(ms);
    if (ms > SessionStore::sliceTargetMs)
        m_rows = std::max<qint64>(1, m_rows / 2);
    else if (ms < SessionStore::sliceTargetMs / 2)
        m_rows = std::min(m_maxRows, m_rows * 2);
}

Expected<void> StoreSlices::run(const Slice& slice, const std::function<void()>& between)
{
    for (;;) {
        if (Expected<void> begun = m_store.exec("BEGIN IMMEDIATE"); !begun)
            return begun;
        QElapsedTimer timer;
        timer.start();
        const Expected<qint64> done = slice(m_rows);
        if (!done) {
            m_store.exec("ROLLBACK");
            return done.error();
        }
        if (Expected<void> committed = m_store.exec("COMMIT"); !committed) {
            m_store.exec("ROLLBACK");
            return committed;
        }
        held(timer.elapsed());
        if (*done == 0)
            return {};
        if (between)
            between();
    }
}

Expected<qint64> StoreSlices::lastIdOfSlice(qint64 sessionId, qint64 rows)
{
    if (!m_sliceRows) {
        const QByteArray sql
            = "SELECT c.id, " + captureBytesSql() + " FROM captures c WHERE c.session_id = ? ORDER BY c.id LIMIT ?";
        m_sliceRows = std::make_unique<SqliteStatement>(m_store.m_db, sql.constData());
    }
    sqlite3_stmt* statement = m_sliceRows->get();
    if (!statement)
        return m_store.lastError();
    sqlite3_reset(statement);
    sqlite3_bind_int64(statement, 1, sessionId);
    sqlite3_bind_int64(statement, 2, rows);
    qint64 last = 0;
    qint64 bytes = 0;
    int rc = SQLITE_ROW;
    while (bytes < sliceBytes && (rc = sqlite3_step(statement)) == SQLITE_ROW) {
        last = sqlite3_column_int64(statement, 0);
        bytes += sqlite3_column_int64(statement, 1);
    }
    if (rc != SQLITE_ROW && rc != SQLITE_DONE) {
        const Error error = m_store.lastError();
        sqlite3_reset(statement);
        return error;
    }
    sqlite3_reset(statement); // ends the read, whether or not every row was stepped through
    return last;
}

Expected<qint64> StoreSlices::captureBytes(qint64 sessionId, qint64 captureId)
{
    if (!m_captureBytes) {
        const QByteArray sql = "SELECT " + captureBytesSql() + " FROM captures c WHERE c.id = ? AND c.session_id = ?";
        m_captureBytes = std::make_unique<SqliteStatement>(m_store.m_db, sql.constData());
    }
    sqlite3_stmt* statement = m_captureBytes->get();
    if (!statement)
        return m_store.lastError();
    sqlite3_reset(statement);
    sqlite3_bind_int64(statement, 1, captureId);
    sqlite3_bind_int64(statement, 2, sessionId);
    const int rc = sqlite3_step(statement);
    if (rc != SQLITE_ROW && rc != SQLITE_DONE) {
        const Error error = m_store.lastError();
        sqlite3_reset(statement);
        return error;
    }
    const qint64 bytes = rc == SQLITE_ROW ? sqlite3_column_int64(statement, 0) : 0;
    sqlite3_reset(statement);
    return bytes;
}

// SPDX-License-Identifier: MIT
#include "store/SessionStore.h"

#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QScopeGuard>
#include <QStandardPaths>
#include <algorithm>
#include <utility>

#include <sqlite3.h>

#include "core/TextPool.h"
#include "store/BodyFiles.h"
#include "store/CaptureTrash.h"
#include "store/ReplayAttemptStore.h"
#include "store/SessionClaims.h"
#include "store/SqliteStatement.h"
#include "store/StoreColumns.h"
#include "store/StoreErrors.h"
#include "store/StoreSlices.h"

namespace {

using namespace StoreColumns;

constexpr int schemaVersion = SessionStore::currentSchemaVersion;

// What a capture takes in the store, for the size budget: its body wherever it is kept, and its row.
QByteArray storedBytesSql()
{
    return QByteArray("c.body_size + ") + rowBytesSql;
}

const char* const schemaSql = R"sql(
CREATE TABLE IF NOT EXISTS sessions (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    created_at INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS captures (
    id INTEGER PRIMARY KEY,
    session_id INTEGER NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
    received_at INTEGER NOT NULL,
    completed_at INTEGER NOT NULL,
    method BLOB NOT NULL,
    target BLOB NOT NULL,
    http_version BLOB NOT NULL,
    headers BLOB NOT NULL,
    trailers BLOB NOT NULL,
    raw_head BLOB NOT NULL,
    body BLOB NOT NULL,
    body_size INTEGER NOT NULL,
    peer_address TEXT NOT NULL,
    peer_port INTEGER NOT NULL,
    malformed TEXT NOT NULL,
    response_status INTEGER NOT NULL,
    note TEXT NOT NULL DEFAULT ''
);
CREATE INDEX IF NOT EXISTS captures_by_session ON captures(session_id, id);
)sql";

// Version 3: the answer Hookbench sent (or an imported file recorded), beside the request.
const char* const answerColumnsSql = R"sql(
ALTER TABLE captures ADD COLUMN response_headers BLOB NOT NULL DEFAULT x'';
ALTER TABLE captures ADD COLUMN response_body BLOB NOT NULL DEFAULT x'';
)sql";

// Version 4: a large body is kept in a segment file beside the database (BodyFiles); body is then empty and
// body_file names the segment, body_offset where the body starts in it.
const char* const bodyFileColumnsSql = R"sql(
ALTER TABLE captures ADD COLUMN body_file TEXT;
ALTER TABLE captures ADD COLUMN body_offset INTEGER NOT NULL DEFAULT 0;
CREATE INDEX IF NOT EXISTS captures_by_body_file ON captures(body_file) WHERE body_file IS NOT NULL;
)sql";

// For bytes that outlive the statement's step (the capture being inserted): no copy.
void bindBorrowedBytes(sqlite3_stmt* statement, int index, const QByteArray& bytes)
{
    sqlite3_bind_blob64(statement, index, bytes.isEmpty() ? "" : bytes.constData(), sqlite3_uint64(bytes.size()),
                        SQLITE_STATIC);
}

using Statement = SqliteStatement;

} // namespace

struct SessionStore::Statements
{
    sqlite3_stmt* insertCapture = nullptr;
    sqlite3_stmt* selectCapture = nullptr; // prepared once: exports read captures one by one
    ~Statements()
    {
        sqlite3_finalize(insertCapture);
        sqlite3_finalize(selectCapture);
    }
};

SessionStore::SessionStore() = default;

SessionStore::~SessionStore()
{
    close();
}

QString SessionStore::defaultPath()
{
    QString dir = QStandardPaths::writableLocation(QStandardPaths::AppLocalDataLocation);
    if (dir.isEmpty())
        dir = QDir::homePath() + QStringLiteral("/.local/share/hookbench");
    return dir + QStringLiteral("/sessions.sqlite");
}

Expected<void> SessionStore::open(const QString& path, Durability durability)
{
    close();
    const QFileInfo info(path);
    if (!QDir().mkpath(info.absolutePath()))
        return Error {
            Error::Code::StoreCannotOpen,
            QCoreApplication::translate("SessionStore", "cannot create the folder %1").arg(info.absolutePath())};
    m_durability = durability;
    const int rc = sqlite3_open_v2(QFile::encodeName(path).constData(), &m_db,
                                   SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, nullptr);
    if (rc != SQLITE_OK) {
        Error error = lastError();
        error.message = QCoreApplication::translate("SessionStore", "cannot open %1: %2").arg(path, error.message);
        close();
        return error;
    }
    m_path = path;
    m_claims = std::make_unique<SessionClaims>(path);
    sqlite3_busy_timeout(m_db, 5000);
    // WAL: readers (the window) never block the writer (the endpoint). FULL syncs the log at every
    // commit, so an acknowledged capture survives a power cut as well as a crash.
    const char* synchronous
        = durability == Durability::Full ? "PRAGMA synchronous=FULL;" : "PRAGMA synchronous=NORMAL;";
    // Incremental auto-vacuum lets deleted sessions give space back in bounded slices; it only takes effect
    // on a new database (an older one would need a full VACUUM, which rewrites the file and blocks).
    // journal_size_limit trims the log after a large delete once it is checkpointed.
    const qint64 version = pragmaValue("PRAGMA user_version");
    if (version > schemaVersion) {
        Error error {
            Error::Code::StoreNewer,
            QCoreApplication::translate(
                "SessionStore", "%1 was written by a newer Hookbench (store version %2; this one reads up to %3)")
                .arg(path)
                .arg(version)
                .arg(schemaVersion)};
        close();
        return error;
    }
    // Migrations run in order from the version read; each creates what its version added.
    QList<const char*> steps {"PRAGMA auto_vacuum=INCREMENTAL;",
                              "PRAGMA journal_mode=WAL;",
                              synchronous,
                              "PRAGMA foreign_keys=ON;",
                              "PRAGMA journal_size_limit=67108864;",
                              schemaSql};
    if (version < 2)
        steps.append(ReplayAttemptStore::schemaSql());
    if (version < 3) {
        steps.append(answerColumnsSql);
        steps.append(CaptureTrash::schemaSql());
    }
    if (version < 4)
        steps.append(bodyFileColumnsSql);
    for (const char* sql : std::as_const(steps)) {
        if (Expected<void> done = exec(sql); !done) {
            Error failed = done.error();
            failed.message
                = QCoreApplication::translate("SessionStore", "cannot prepare %1: %2").arg(path, failed.message);
            close();
            return failed;
        }
    }
    if (version != schemaVersion)
        exec(QByteArray("PRAGMA user_version=" + QByteArray::number(schemaVersion) + ';').constData());
    qCDebug(lcStore).noquote()
        << QStringLiteral("opened %1 (store version %2, now %3)").arg(path).arg(version).arg(schemaVersion);
    m_statements = std::make_unique<Statements>();
    sqlite3_prepare_v3(m_db,
                       "INSERT INTO captures (session_id, received_at, completed_at, method, target, http_version, "
                       "headers, trailers, raw_head, body, body_size, peer_address, peer_port, malformed, "
                       "response_status, note, id, response_headers, response_body, body_file, body_offset) "
                       "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                       -1, SQLITE_PREPARE_PERSISTENT, &m_statements->insertCapture, nullptr);
    if (!m_statements->insertCapture) {
        const Error error = lastError();
        close();
        return error;
    }
    m_bodies = std::make_unique<BodyFiles>(path, m_durability == Durability::Full);
    return {};
}

void SessionStore::close()
{
    m_bodies.reset();
    m_statements.reset();
    m_claims.reset();
    if (m_db) {
        sqlite3_close_v2(m_db);
        m_db = nullptr;
    }
    m_path.clear();
}

bool SessionStore::isOpen() const
{
    return m_db != nullptr;
}

QString SessionStore::path() const
{
    return m_path;
}

Error SessionStore::lastError() const
{
    return StoreErrors::lastOf(m_db);
}

Expected<void> SessionStore::exec(const char* sql)
{
    if (!m_db)
        return StoreErrors::notOpen();
    char* message = nullptr;
    if (const int rc = sqlite3_exec(m_db, sql, nullptr, nullptr, &message); rc != SQLITE_OK) {
        Error error = StoreErrors::fromSqlite(rc, QString::fromUtf8(message ? message : "unknown error"),
                                              StoreErrors::systemErrno(m_db));
        sqlite3_free(message);
        return error;
    }
    return {};
}

Expected<qint64> SessionStore::createSession(const QString& name)
{
    return createSession(name, QDateTime::currentDateTimeUtc());
}

Expected<qint64> SessionStore::createSession(const QString& name, const QDateTime& createdAt)
{
    Statement statement(m_db, "INSERT INTO sessions (name, created_at) VALUES (?, ?)");
    if (!statement)
        return lastError();
    bindText(statement.get(), 1, name);
    sqlite3_bind_int64(statement.get(), 2, toMs(createdAt));
    if (sqlite3_step(statement.get()) != SQLITE_DONE)
        return lastError();
    const qint64 id = sqlite3_last_insert_rowid(m_db);
    if (const Expected<void> claimed = lock(id); !claimed)
        qCWarning(lcStore).noquote()
            << QStringLiteral("new session %1 is not claimed: %2").arg(id).arg(claimed.error().message);
    return id;
}

QList<SessionInfo> SessionStore::sessions() const
{
    QList<SessionInfo> result;
    const QByteArray sql = QByteArray("SELECT s.id, s.name, s.created_at, COUNT(c.id), COALESCE(SUM(c.body_size), 0), "
                                      "COALESCE(SUM(")
        + storedBytesSql()
        + "), 0), MAX(s.created_at, COALESCE(MAX(c.received_at), 0)) "
          "FROM sessions s LEFT JOIN captures c ON c.session_id = s.id WHERE s.trashed_from IS NULL "
          "GROUP BY s.id ORDER BY s.id DESC";
    Statement statement(m_db, sql.constData());
    while (statement && sqlite3_step(statement.get()) == SQLITE_ROW) {
        SessionInfo info;
        info.id = sqlite3_column_int64(statement.get(), 0);
        info.name = columnText(statement.get(), 1);
        info.createdAt = fromMs(sqlite3_column_int64(statement.get(), 2));
        info.captureCount = sqlite3_column_int64(statement.get(), 3);
        info.bodyBytes = sqlite3_column_int64(statement.get(), 4);
        info.storedBytes = sqlite3_column_int64(statement.get(), 5);
        info.lastActivityAt = fromMs(sqlite3_column_int64(statement.get(), 6));
        result.append(info);
    }
    return result;
}

std::optional<qint64> SessionStore::latestSessionId() const
{
    Statement statement(m_db, "SELECT MAX(id) FROM sessions WHERE trashed_from IS NULL");
    if (statement && sqlite3_step(statement.get()) == SQLITE_ROW
        && sqlite3_column_type(statement.get(), 0) != SQLITE_NULL)
        return sqlite3_column_int64(statement.get(), 0);
    return std::nullopt;
}

Expected<void> SessionStore::renameSession(qint64 sessionId, const QString& name)
{
    Statement statement(m_db, "UPDATE sessions SET name = ? WHERE id = ?");
    if (statement) {
        bindText(statement.get(), 1, name);
        sqlite3_bind_int64(statement.get(), 2, sessionId);
        if (sqlite3_step(statement.get()) == SQLITE_DONE) {
            if (sqlite3_changes(m_db) == 1)
                return {};
            return Error {Error::Code::NotFound,
                          QCoreApplication::translate("SessionStore", "there is no session %1").arg(sessionId)};
        }
    }
    return lastError();
}

qint64 SessionStore::totalBytes() const
{
    const QByteArray sql = QByteArray("SELECT COALESCE(SUM(") + storedBytesSql() + "), 0) FROM captures c";
    Statement statement(m_db, sql.constData());
    return statement && sqlite3_step(statement.get()) == SQLITE_ROW ? sqlite3_column_int64(statement.get(), 0) : 0;
}

qint64 SessionStore::reclaimSpace(int maxPages)
{
    if (!m_db)
        return 0;
    constexpr qint64 incremental = 2;
    if (maxPages > 0 && pragmaValue("PRAGMA auto_vacuum") == incremental) {
        // Each step moves pages and truncates the file in a write transaction of its own: a few hundred pages
        // at first, fewer after a step that held the lock too long.
        StoreSlices steps(*this, 256, maxPages);
        qint64 left = maxPages;
        qint64 free = pragmaValue("PRAGMA freelist_count");
        while (left > 0 && free > 0) {
            const qint64 pages = std::min(left, steps.rows());
            QElapsedTimer held;
            held.start();
            const Expected<void> vacuumed
                = exec(QByteArray("PRAGMA incremental_vacuum(" + QByteArray::number(pages) + ");").constData());
            steps.held(held.elapsed());
            const qint64 stillFree = pragmaValue("PRAGMA freelist_count");
            if (!vacuumed || stillFree >= free)
                break;
            left -= free - stillFree;
            free = stillFree;
        }
    }
    // Passive: never waits for the endpoint's writes or the window's reads.
    sqlite3_wal_checkpoint_v2(m_db, nullptr, SQLITE_CHECKPOINT_PASSIVE, nullptr, nullptr);
    return pragmaValue("PRAGMA freelist_count");
}

qint64 SessionStore::pragmaValue(const char* sql) const
{
    Statement statement(m_db, sql);
    return statement && sqlite3_step(statement.get()) == SQLITE_ROW ? sqlite3_column_int64(statement.get(), 0) : 0;
}

Expected<void> SessionStore::append(QList<Capture>& captures, const Completion& complete)
{
    if (!m_db)
        return lastError();
    if (captures.isEmpty())
        return {};
    // Not reported: a session another instance holds (the endpoint's own connection, which claimed it) is spared
    // all the same, and one that does not exist fails the commit below.
    lock(captures.constFirst().sessionId);
    // Large bodies go to their segment first (and are synced): the commit below refers to them.
    const BodyFiles::Mark mark = m_bodies->mark();
    QList<std::optional<BodyLocation>> locations; // sized only for a group with a large body
    for (qsizetype index = 0; index < captures.size(); ++index) {
        const Capture& capture = captures.at(index);
        if (capture.body.size() < BodyFiles::threshold)
            continue;
        if (locations.isEmpty())
            locations.resize(captures.size());
        Expected<BodyLocation> location = m_bodies->append(capture.sessionId, capture.body);
        if (!location) {
            m_bodies->rollback(mark);
            return location.error();
        }
        locations[index] = *location;
    }
    if (m_durability == Durability::Full) {
        if (Expected<void> synced = m_bodies->sync(); !synced) {
            m_bodies->rollback(mark);
            return synced;
        }
    }
    if (Expected<void> begun = exec("BEGIN IMMEDIATE"); !begun) {
        m_bodies->rollback(mark);
        return begun;
    }
    QElapsedTimer held; // from holding the write lock to releasing it
    held.start();
    sqlite3_stmt* insert = m_statements->insertCapture;
    // Ids are given here, in the write transaction, as SQLite would: one past the largest row id.
    qint64 nextId = pragmaValue("SELECT COALESCE(MAX(id), 0) FROM captures") + 1;
    const auto fail = [&](const Error& error) -> Expected<void> {
        for (Capture& capture : captures)
            capture.id = 0;
        exec("ROLLBACK");
        m_bodies->rollback(mark);
        return error;
    };
    for (qsizetype index = 0; index < captures.size(); ++index) {
        Capture& capture = captures[index];
        capture.id = nextId++;
        if (complete)
            complete(index, capture);
        sqlite3_reset(insert);
        sqlite3_clear_bindings(insert);
        sqlite3_bind_int64(insert, 1, capture.sessionId);
        sqlite3_bind_int64(insert, 2, toMs(capture.receivedAt));
        sqlite3_bind_int64(insert, 3, toMs(capture.completedAt));
        bindBytes(insert, 4, capture.method);
        bindBytes(insert, 5, capture.target);
        bindBytes(insert, 6, capture.httpVersion);
        bindBytes(insert, 7, encodeHeaders(capture.headers));
        bindBytes(insert, 8, encodeHeaders(capture.trailers));
        bindBorrowedBytes(insert, 9, capture.rawHead);
        const std::optional<BodyLocation> location = locations.value(index);
        bindBorrowedBytes(insert, 10, location ? QByteArray() : capture.body);
        sqlite3_bind_int64(insert, 11, capture.body.size());
        bindText(insert, 12, capture.peerAddress);
        sqlite3_bind_int(insert, 13, capture.peerPort);
        bindText(insert, 14, capture.malformedReason);
        sqlite3_bind_int(insert, 15, capture.responseStatus);
        bindText(insert, 16, capture.note);
        sqlite3_bind_int64(insert, 17, capture.id);
        bindBytes(insert, 18, encodeHeaders(capture.responseHeaders));
        bindBorrowedBytes(insert, 19, capture.responseBody);
        if (location) {
            const QByteArray file = location->file.toLatin1();
            sqlite3_bind_text64(insert, 20, file.constData(), sqlite3_uint64(file.size()), SQLITE_TRANSIENT,
                                SQLITE_UTF8);
            sqlite3_bind_int64(insert, 21, location->offset);
        } else {
            sqlite3_bind_int64(insert, 21, 0);
        }
        if (sqlite3_step(insert) != SQLITE_DONE) {
            const Error error = lastError();
            sqlite3_reset(insert);
            return fail(error);
        }
    }
    sqlite3_reset(insert);
    if (Expected<void> committed = exec("COMMIT"); !committed)
        return fail(committed.error());
    noteWrite(held.elapsed());
    return {};
}

std::optional<Capture> SessionStore::capture(qint64 id) const
{
    if (!m_statements)
        return std::nullopt;
    sqlite3_stmt*& select = m_statements->selectCapture;
    if (!select) {
        sqlite3_prepare_v3(m_db,
                           "SELECT id, session_id, received_at, completed_at, method, target, http_version, "
                           "headers, trailers, raw_head, body, peer_address, peer_port, malformed, "
                           "response_status, note, response_headers, response_body, body_file, body_offset, "
                           "body_size FROM captures WHERE id = ?",
                           -1, SQLITE_PREPARE_PERSISTENT, &select, nullptr);
        if (!select)
            return std::nullopt;
    }
    // Reset on every way out, so the statement never holds a read transaction open.
    const auto reset = qScopeGuard([select] { sqlite3_reset(select); });
    sqlite3_bind_int64(select, 1, id);
    if (sqlite3_step(select) != SQLITE_ROW)
        return std::nullopt;
    // In the order of the SELECT above.
    StoreColumns::Row row(select);
    Capture capture;
    row >> capture.id >> capture.sessionId >> capture.receivedAt >> capture.completedAt >> capture.method
        >> capture.target >> capture.httpVersion >> capture.headers >> capture.trailers >> capture.rawHead
        >> capture.body >> capture.peerAddress >> capture.peerPort >> capture.malformedReason >> capture.responseStatus
        >> capture.note >> capture.responseHeaders >> capture.responseBody;
    if (!row.nextIsNull()) {
        // A body that cannot be read back is shown empty; the warning says which segment failed.
        QString segment;
        qint64 offset = 0;
        qint64 size = 0;
        row >> segment >> offset >> size;
        capture.body = m_bodies->read(segment, offset, size).value_or(QByteArray());
    }
    return capture;
}

QList<CaptureSummary> SessionStore::summaries(qint64 sessionId) const
{
    QList<CaptureSummary> result;
    Statement statement(
        m_db,
        "SELECT id, received_at, method, target, body_size, response_status, malformed != '', peer_address "
        "FROM captures WHERE session_id = ? ORDER BY id");
    if (!statement)
        return result;
    sqlite3_bind_int64(statement.get(), 1, sessionId);
    TextPool<QByteArray> bytes; // rows share their repeated methods, paths and sources
    TextPool<QString> texts;
    while (sqlite3_step(statement.get()) == SQLITE_ROW) {
        sqlite3_stmt* row = statement.get();
        CaptureSummary summary;
        summary.id = sqlite3_column_int64(row, 0);
        summary.receivedAt = fromMs(sqlite3_column_int64(row, 1));
        summary.method = bytes.intern(columnBytes(row, 2));
        summary.target = bytes.intern(columnBytes(row, 3));
        summary.bodyBytes = sqlite3_column_int64(row, 4);
        summary.responseStatus = sqlite3_column_int(row, 5);
        summary.malformed = sqlite3_column_int(row, 6) != 0;
        summary.peerAddress = texts.intern(columnText(row, 7));
        result.append(summary);
    }
    return result;
}

QList<qint64> SessionStore::captureIds(qint64 sessionId) const
{
    QList<qint64> ids;
    Statement statement(m_db, "SELECT id FROM captures WHERE session_id = ? ORDER BY id");
    if (!statement)
        return ids;
    sqlite3_bind_int64(statement.get(), 1, sessionId);
    while (sqlite3_step(statement.get()) == SQLITE_ROW)
        ids.append(sqlite3_column_int64(statement.get(), 0));
    return ids;
}

qint64 SessionStore::captureCount(qint64 sessionId) const
{
    Statement statement(m_db, "SELECT COUNT(*) FROM captures WHERE session_id = ?");
    if (!statement)
        return 0;
    sqlite3_bind_int64(statement.get(), 1, sessionId);
    return sqlite3_step(statement.get()) == SQLITE_ROW ? sqlite3_column_int64(statement.get(), 0) : 0;
}

Expected<void> SessionStore::setNote(qint64 captureId, const QString& note)
{
    Statement statement(m_db, "UPDATE captures SET note = ? WHERE id = ?");
    if (statement) {
        bindText(statement.get(), 1, note);
        sqlite3_bind_int64(statement.get(), 2, captureId);
        if (sqlite3_step(statement.get()) == SQLITE_DONE)
            return {};
    }
    return lastError();
}

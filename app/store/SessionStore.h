// SPDX-License-Identifier: MIT
#pragma once

#include <QDateTime>
#include <QList>
#include <QString>
#include <functional>
#include <memory>
#include <optional>

#include "core/Capture.h"

struct sqlite3;

struct StoreError
{
    QString message;
};

struct SessionInfo
{
    qint64 id = 0;
    QString name;
    QDateTime createdAt;
    qint64 captureCount = 0;
    qint64 bodyBytes = 0;
    qint64 storedBytes = 0; // what the session takes in the store: bodies, raw heads, headers and trailers
    QDateTime lastActivityAt; // its latest capture, or its creation when it has none; what age is measured from
};

// How much the store may keep; 0 means no limit.
struct StoreBudget
{
    int maxAgeDays = 0;
    qint64 maxBytes = 0;
};

struct PruneResult
{
    QList<SessionInfo> removed; // oldest first
    qint64 bytesFreed = 0;
    qint64 bytesKept = 0; // still above maxBytes when the current session alone exceeds it
    std::optional<StoreError> error; // when set, nothing was removed
};

// The durable session store: one SQLite database (WAL) holding sessions and their captures.
// One instance per thread; the endpoint thread writes, the window reads through its own instance.
class SessionStore final
{
public:
    enum class Durability
    {
        Full,
        Normal
    };

    SessionStore();
    ~SessionStore();
    SessionStore(const SessionStore&) = delete;
    SessionStore& operator=(const SessionStore&) = delete;

    // Opens (creating when needed) the database at path and migrates an older schema forward (its version is
    // read first; a database from a newer Hookbench is refused). Returns an error message on failure.
    std::optional<StoreError> open(const QString& path, Durability durability = Durability::Full);
    void close();
    bool isOpen() const;
    QString path() const;

    // Starts a session and returns its id.
    std::optional<qint64> createSession(const QString& name, StoreError* error = nullptr);
    // Starts a session dated createdAt (an imported file's date, or a test's clock).
    std::optional<qint64> createSession(const QString& name, const QDateTime& createdAt, StoreError* error = nullptr);
    QList<SessionInfo> sessions() const; // newest first
    std::optional<qint64> latestSessionId() const;
    // Deletes the session and its captures, then returns a bounded slice of the freed space (reclaimSpace).
    bool deleteSession(qint64 sessionId, StoreError* error = nullptr);
    bool renameSession(qint64 sessionId, const QString& name, StoreError* error = nullptr);
    // The stored bytes of every capture (SessionInfo::storedBytes summed): what the budget is checked against.
    qint64 totalBytes() const;

    // Removes sessions, least recently used first, until none is older than budget.maxAgeDays (measured from
    // its last activity) and the store holds at most budget.maxBytes. Never removes currentSessionId.
    PruneResult prune(const StoreBudget& budget, qint64 currentSessionId, const QDateTime& now);

    // Gives at most maxPages free pages back to the file system (new databases use incremental auto-vacuum;
    // older ones reuse their free pages instead) and checkpoints the log without waiting for other
    // connections. Returns the pages still free, so that a caller can continue when idle.
    qint64 reclaimSpace(int maxPages = defaultReclaimPages);
    static constexpr int defaultReclaimPages = 2048;

    // Writes all captures in one transaction (group commit) and assigns their ids. All or nothing:
    // on failure no capture of the batch is stored and their ids stay 0. `complete`, when given, is called
    // for each capture (with its index in the list) once its id is set and before it is written, so that
    // what depends on the id (the answer sent) is stored with it.
    using Completion = std::function<void(qsizetype index, Capture& capture)>;
    std::optional<StoreError> append(QList<Capture>& captures, const Completion& complete = {});

    std::optional<Capture> capture(qint64 id) const;
    QList<CaptureSummary> summaries(qint64 sessionId) const;
    QList<qint64> captureIds(qint64 sessionId) const;
    qint64 captureCount(qint64 sessionId) const;
    bool setNote(qint64 captureId, const QString& note, StoreError* error = nullptr);

    // Where the session database lives by default: the user's data directory.
    static QString defaultPath();
    static constexpr int currentSchemaVersion
        = 3; // 2: replay attempts; 3: the answer's headers and body, hidden sessions for undo

private:
    friend class ReplayAttemptStore; // share the database connection
    friend class CaptureTrash;
    QString lastError() const;
    std::optional<StoreError> exec(const char* sql);
    qint64 pragmaValue(const char* sql) const;

    sqlite3* m_db = nullptr;
    QString m_path;
    struct Statements;
    std::unique_ptr<Statements> m_statements;
};

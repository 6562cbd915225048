// SPDX-License-Identifier: MIT
#pragma once

#include <QDateTime>
#include <QList>
#include <QString>
#include <functional>
#include <memory>
#include <optional>

#include "core/Capture.h"
#include "core/Expected.h"

struct sqlite3;
class BodyFiles;
class SessionClaims;

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
    QList<SessionInfo> inUse; // due for removal but in use by another Hookbench process: kept
    std::optional<Error> error; // when set, removal stopped there (removed says what went)
};

// The durable session store: one SQLite database (WAL) holding sessions and their captures, with bodies of
// BodyFiles::threshold and over in segment files beside it (written and synced before the commit that refers to them).
// One instance per thread; the endpoint thread writes, the window reads through its own instance.
// An instance claims the session it creates, is told to write (claim()) or last appended to (SessionClaims), so that
// no other process or instance prunes or deletes it meanwhile. Long work (deleting, pruning) runs in write
// transactions of about sliceTargetMs each, so the endpoint's commits wait at most that long.
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
    // read first; a database from a newer Hookbench is refused: StoreNewer).
    Expected<void> open(const QString& path, Durability durability = Durability::Full);
    void close();
    bool isOpen() const;
    QString path() const;
    Durability durability() const { return m_durability; }

    // Starts a session and returns its id.
    Expected<qint64> createSession(const QString& name);
    // Starts a session dated createdAt (an imported file's date, or a test's clock).
    Expected<qint64> createSession(const QString& name, const QDateTime& createdAt);
    QList<SessionInfo> sessions() const; // newest first
    std::optional<qint64> latestSessionId() const;
    // Deletes the session and its captures in slices (a crash part way leaves the session with fewer
    // captures), giving freed space back as it goes (reclaimSpace). Refused for a session in use elsewhere
    // (StoreInUse).
    Expected<void> deleteSession(qint64 sessionId);
    // Claims the session for this instance, letting go of the one it claimed before (an instance writes one
    // session at a time): while held, no other process or instance deletes or prunes it. The endpoint claims
    // the session it continues or switches to before any capture arrives. Fails, holding nothing, with NotFound
    // when there is no such session, StoreInUse when another process or instance holds it (which spares it
    // while it does), StoreReadOnly when the lock file cannot be written beside the store.
    Expected<void> claim(qint64 sessionId);
    // Gives up this instance's claim on the session (before another connection deletes it).
    void releaseClaim(qint64 sessionId);
    // Whether another process (or store instance) holds the session's claim.
    bool sessionInUseElsewhere(qint64 sessionId) const;
    // The longest write transaction this instance has run, in ms (for benchmarks and tests).
    qint64 longestWriteMs() const { return m_longestWriteMs; }
    // How long one slice of long work (StoreSlices: deleting, pruning, the trash, giving space back) aims to
    // hold the write lock.
    static constexpr qint64 sliceTargetMs = 50;
    Expected<void> renameSession(qint64 sessionId, const QString& name); // NotFound without that session
    // The stored bytes of every capture (SessionInfo::storedBytes summed): what the budget is checked against.
    qint64 totalBytes() const;

    // Removes sessions, least recently used first, until none is older than budget.maxAgeDays (measured from
    // its last activity) and the store holds at most budget.maxBytes. Never removes currentSessionId, nor a
    // session in use by another process (PruneResult::inUse).
    PruneResult prune(const StoreBudget& budget, qint64 currentSessionId, const QDateTime& now);

    // Gives at most maxPages free pages back to the file system (new databases use incremental auto-vacuum;
    // older ones reuse their free pages instead), in steps sized like StoreSlices' slices (each its own write
    // transaction), and checkpoints the log without waiting for other connections. Returns the pages still
    // free, so that a caller can continue when idle.
    qint64 reclaimSpace(int maxPages = defaultReclaimPages);
    static constexpr int defaultReclaimPages = 2048;
    // Removes the body segments (BodyFiles) that no capture refers to any more and no instance writes to;
    // returns the bytes given back. Deleting, pruning and purging call it when they are done.
    qint64 removeUnreferencedBodies();
    // What the body segments beside the database take on disk.
    qint64 bodyFileBytes() const;

    // Writes all captures in one transaction (group commit) and assigns their ids. All or nothing:
    // on failure no capture of the batch is stored and their ids stay 0. `complete`, when given, is called
    // for each capture (with its index in the list) once its id is set and before it is written, so that
    // what depends on the id (the answer sent) is stored with it.
    using Completion = std::function<void(qsizetype index, Capture& capture)>;
    Expected<void> append(QList<Capture>& captures, const Completion& complete = {});

    std::optional<Capture> capture(qint64 id) const;
    QList<CaptureSummary> summaries(qint64 sessionId) const;
    QList<qint64> captureIds(qint64 sessionId) const;
    qint64 captureCount(qint64 sessionId) const;
    Expected<void> setNote(qint64 captureId, const QString& note);

    // Where the session database lives by default: the user's data directory.
    static QString defaultPath();
    static constexpr int currentSchemaVersion
        = 4; // 2: replay attempts; 3: the answer's headers and body, hidden sessions for undo; 4: body files

private:
    friend class ReplayAttemptStore; // share the database connection
    friend class CaptureTrash;
    friend class StoreSlices;
    Error lastError() const;
    Expected<void> exec(const char* sql);
    qint64 pragmaValue(const char* sql) const;
    Expected<void> removeSession(qint64 sessionId);
    Expected<void> lock(qint64 sessionId); // claim() without asking whether the session exists
    void noteWrite(qint64 ms) { m_longestWriteMs = qMax(m_longestWriteMs, ms); }

    sqlite3* m_db = nullptr;
    QString m_path;
    Durability m_durability = Durability::Full;
    struct Statements;
    std::unique_ptr<Statements> m_statements;
    std::unique_ptr<SessionClaims> m_claims;
    std::unique_ptr<BodyFiles> m_bodies; // large bodies, beside the database
    qint64 m_longestWriteMs = 0;
};

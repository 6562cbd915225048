// SPDX-License-Identifier: MIT
#pragma once

#include <QHash>
#include <QLockFile>
#include <QString>
#include <memory>

// Which sessions a Hookbench process is using: one lock file per session beside the database
// (<store>.locks/session-<id>.lock), held with QLockFile while a store instance writes to the session.
// Another process (or store instance) does not prune or delete a session whose lock is held. A lock left
// by a process that died is stale and taken over. Where no lock file can be written (a read-only folder),
// sessions are simply not claimed.
class SessionClaims final
{
public:
    explicit SessionClaims(const QString& storePath);
    ~SessionClaims();
    SessionClaims(const SessionClaims&) = delete;
    SessionClaims& operator=(const SessionClaims&) = delete;

    // Holds the session's lock until release() or destruction. NoError when held (also when already held here),
    // LockFailedError when someone else holds it, another error when the lock file cannot be written.
    QLockFile::LockError claim(qint64 sessionId);
    void release(qint64 sessionId);
    void releaseAll() { m_locks.clear(); }
    bool holds(qint64 sessionId) const { return m_locks.contains(sessionId); }
    // Whether a lock on the session is held by someone other than this instance.
    bool inUseElsewhere(qint64 sessionId) const;

    static QString lockPath(const QString& storePath, qint64 sessionId);

private:
    QString m_storePath;
    QHash<qint64, std::shared_ptr<QLockFile>> m_locks;
};

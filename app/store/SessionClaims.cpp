// SPDX-License-Identifier: MIT
#include "store/SessionClaims.h"

#include <QDir>
#include <QFileInfo>

SessionClaims::SessionClaims(const QString& storePath)
    : m_storePath(storePath)
{ }

SessionClaims::~SessionClaims() = default;

QString SessionClaims::lockPath(const QString& storePath, qint64 sessionId)
{
    return storePath + QStringLiteral(".locks/session-") + QString::number(sessionId) + QStringLiteral(".lock");
}

QLockFile::LockError SessionClaims::claim(qint64 sessionId)
{
    if (m_locks.contains(sessionId))
        return QLockFile::NoError;
    const QString path = lockPath(m_storePath, sessionId);
    QDir().mkpath(QFileInfo(path).absolutePath());
    auto lock = std::make_shared<QLockFile>(path);
    lock->setStaleLockTime(0); // only a dead owner makes a lock stale, never its age
    if (!lock->tryLock(0))
        return lock->error();
    m_locks.insert(sessionId, std::move(lock));
    return QLockFile::NoError;
}

void SessionClaims::release(qint64 sessionId)
{
    m_locks.remove(sessionId);
}

bool SessionClaims::inUseElsewhere(qint64 sessionId) const
{
    if (m_locks.contains(sessionId))
        return false;
    const QString path = lockPath(m_storePath, sessionId);
    if (!QFileInfo::exists(path))
        return false;
    QLockFile probe(path);
    probe.setStaleLockTime(0);
    if (probe.tryLock(0)) {
        probe.unlock(); // removes the file: nobody held it
        return false;
    }
    return probe.error() == QLockFile::LockFailedError;
}

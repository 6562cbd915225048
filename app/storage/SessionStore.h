// SPDX-License-Identifier: MIT
#pragma once

#include <QDateTime>
#include <QList>
#include <QString>
#include <memory>
#include <optional>

#include "capture/Capture.h"

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

    // Opens (creating when needed) the database at path. Returns an error message on failure.
    std::optional<StoreError> open(const QString& path, Durability durability = Durability::Full);
    void close();
    bool isOpen() const;
    QString path() const;

    // Starts a session and returns its id.
    std::optional<qint64> createSession(const QString& name, StoreError* error = nullptr);
    QList<SessionInfo> sessions() const;
    std::optional<qint64> latestSessionId() const;
    bool deleteSession(qint64 sessionId, StoreError* error = nullptr);

    // Writes all captures in one transaction (group commit) and assigns their ids. All or nothing:
    // on failure no capture of the batch is stored and their ids stay 0.
    std::optional<StoreError> append(QList<Capture>& captures);

    std::optional<Capture> capture(qint64 id) const;
    QList<CaptureSummary> summaries(qint64 sessionId) const;
    QList<qint64> captureIds(qint64 sessionId) const;
    qint64 captureCount(qint64 sessionId) const;
    bool setNote(qint64 captureId, const QString& note, StoreError* error = nullptr);

    // Where the session database lives by default: the user's data directory.
    static QString defaultPath();

private:
    QString lastError() const;
    std::optional<StoreError> exec(const char* sql);

    sqlite3* m_db = nullptr;
    QString m_path;
    struct Statements;
    std::unique_ptr<Statements> m_statements;
};

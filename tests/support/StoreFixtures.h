// SPDX-License-Identifier: MIT
// Captures to store and a second connection to the database, for the store's tests.
#pragma once

#include <QDateTime>
#include <QFile>
#include <QTimeZone>

#include <sqlite3.h>

#include "core/Capture.h"

namespace StoreFixtures {

// A POST to target with body, as the endpoint would have captured it.
inline Capture post(qint64 sessionId, const QByteArray& target, const QByteArray& body = "{}")
{
    Capture capture;
    capture.sessionId = sessionId;
    capture.method = "POST";
    capture.target = target;
    capture.httpVersion = "HTTP/1.1";
    capture.headers = {{"Host", "127.0.0.1:8787"}, {"Content-Length", QByteArray::number(body.size())}};
    capture.rawHead = "POST " + target
        + " HTTP/1.1\r\nHost: 127.0.0.1:8787\r\nContent-Length: " + QByteArray::number(body.size()) + "\r\n\r\n";
    capture.body = body;
    capture.peerAddress = QStringLiteral("127.0.0.1");
    capture.peerPort = 40000;
    capture.receivedAt = QDateTime(QDate(2026, 11, 29), QTime(17, 30, 0, 250), QTimeZone::utc());
    capture.completedAt = capture.receivedAt.addMSecs(3);
    capture.responseStatus = 200;
    return capture;
}

// Runs one statement on its own connection to the database, as another process would, and returns the first
// column of its first row ("<error: ...>" when it fails).
inline QString query(const QString& path, const QByteArray& sql)
{
    sqlite3* db = nullptr;
    if (sqlite3_open_v2(QFile::encodeName(path).constData(), &db, SQLITE_OPEN_READWRITE, nullptr) != SQLITE_OK) {
        sqlite3_close(db);
        return QStringLiteral("<cannot open>");
    }
    sqlite3_busy_timeout(db, 5000);
    QString result;
    sqlite3_stmt* statement = nullptr;
    if (sqlite3_prepare_v2(db, sql.constData(), -1, &statement, nullptr) == SQLITE_OK) {
        const int rc = sqlite3_step(statement);
        if (rc == SQLITE_ROW)
            result = QString::fromUtf8(reinterpret_cast<const char*>(sqlite3_column_text(statement, 0)));
        else if (rc != SQLITE_DONE)
            result = QStringLiteral("<error: ") + QString::fromUtf8(sqlite3_errmsg(db)) + u'>';
    } else {
        result = QStringLiteral("<error: ") + QString::fromUtf8(sqlite3_errmsg(db)) + u'>';
    }
    sqlite3_finalize(statement);
    sqlite3_close(db);
    return result;
}

// Holds the database's write lock from a connection of its own, as another process's long write would, until
// release() or destruction: store work started meanwhile waits for it (up to the store's busy timeout, 5 s).
class WriteLock final
{
public:
    explicit WriteLock(const QString& path)
    {
        if (sqlite3_open_v2(QFile::encodeName(path).constData(), &m_db, SQLITE_OPEN_READWRITE, nullptr) == SQLITE_OK)
            m_held = sqlite3_exec(m_db, "BEGIN IMMEDIATE", nullptr, nullptr, nullptr) == SQLITE_OK;
    }
    ~WriteLock()
    {
        release();
        sqlite3_close(m_db);
    }
    WriteLock(const WriteLock&) = delete;
    WriteLock& operator=(const WriteLock&) = delete;
    bool isHeld() const { return m_held; }
    void release()
    {
        if (m_held)
            sqlite3_exec(m_db, "COMMIT", nullptr, nullptr, nullptr);
        m_held = false;
    }

private:
    sqlite3* m_db = nullptr;
    bool m_held = false;
};

} // namespace StoreFixtures

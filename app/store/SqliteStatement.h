// SPDX-License-Identifier: MIT
#pragma once

#include <sqlite3.h>

#include "core/Logging.h"

// Owns a prepared statement for one use.
class SqliteStatement final
{
public:
    // A statement that cannot be prepared is null (its caller answers as for no rows) and is logged.
    SqliteStatement(sqlite3* db, const char* sql)
    {
        if (db && sqlite3_prepare_v2(db, sql, -1, &m_statement, nullptr) != SQLITE_OK)
            qCWarning(lcStore) << "a query could not be prepared:" << sqlite3_errmsg(db);
    }
    ~SqliteStatement() { sqlite3_finalize(m_statement); }
    SqliteStatement(const SqliteStatement&) = delete;
    SqliteStatement& operator=(const SqliteStatement&) = delete;
    sqlite3_stmt* get() const { return m_statement; }
    explicit operator bool() const { return m_statement != nullptr; }

private:
    sqlite3_stmt* m_statement = nullptr;
};

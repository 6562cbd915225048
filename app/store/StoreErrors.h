// SPDX-License-Identifier: MIT
#pragma once

#include "core/Error.h"

struct sqlite3;

// The store's failures as Errors, with the code that says what kind of failure each is.
namespace StoreErrors {

// For an SQLite result code (primary or extended) and its message: full, read-only, busy, corrupt, ...
// systemErrno (sqlite3_system_errno) tells what an I/O error was; the message then ends with the system's words.
Error fromSqlite(int resultCode, const QString& message, int systemErrno = 0);
// The connection's last failure; "the store is not open" without a connection.
Error lastOf(sqlite3* db);
// The system's errno behind the connection's last failure: sqlite3_system_errno, or, where that is 0 (SQLite
// reports 0 for a write to the write-ahead log refused with EROFS), the last errno its log or database file saw.
int systemErrno(sqlite3* db);
// For a failed file operation (an errno value) and its message.
Error fromErrno(int errnoValue, const QString& message);
Error notOpen();

} // namespace StoreErrors

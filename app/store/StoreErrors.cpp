// SPDX-License-Identifier: MIT
#include "store/StoreErrors.h"

#include <QCoreApplication>
#include <cerrno>
#include <cstring>

#include <sqlite3.h>

namespace StoreErrors {

Error fromSqlite(int resultCode, const QString& message, int systemErrno)
{
    switch (resultCode & 0xff) {
    case SQLITE_FULL:
        return Error {Error::Code::StoreFull, message};
    case SQLITE_READONLY:
        return Error {Error::Code::StoreReadOnly, message};
    case SQLITE_CANTOPEN:
    case SQLITE_PERM:
    case SQLITE_AUTH:
        return Error {Error::Code::StoreCannotOpen, message};
    case SQLITE_CORRUPT:
    case SQLITE_NOTADB:
        return Error {Error::Code::StoreCorrupt, message};
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
        return Error {Error::Code::StoreBusy, message};
    case SQLITE_CONSTRAINT:
        return Error {Error::Code::StoreRefused, message};
    case SQLITE_IOERR:
        // An I/O error that is really a full disk or a read-only file system says so in the system's errno, and
        // the message names it: SQLite's own is only "disk I/O error".
        if (systemErrno == 0)
            return fromErrno(systemErrno, message);
        return fromErrno(systemErrno,
                         message + QStringLiteral(" (") + QString::fromLocal8Bit(std::strerror(systemErrno))
                             + QLatin1Char(')'));
    default:
        return Error {Error::Code::StoreFailed, message};
    }
}

Error lastOf(sqlite3* db)
{
    if (!db)
        return notOpen();
    return fromSqlite(sqlite3_extended_errcode(db), QString::fromUtf8(sqlite3_errmsg(db)), systemErrno(db));
}

int systemErrno(sqlite3* db)
{
    if (const int reported = sqlite3_system_errno(db); reported != 0 || !db)
        return reported;
    // Each file keeps the errno of its last failed call (a later success does not clear it): the log's first.
    int last = 0;
    sqlite3_file* log = nullptr;
    if (sqlite3_file_control(db, "main", SQLITE_FCNTL_JOURNAL_POINTER, &log) == SQLITE_OK && log && log->pMethods
        && log->pMethods->xFileControl(log, SQLITE_FCNTL_LAST_ERRNO, &last) == SQLITE_OK && last != 0)
        return last;
    last = 0;
    sqlite3_file_control(db, "main", SQLITE_FCNTL_LAST_ERRNO, &last);
    return last;
}

Error fromErrno(int errnoValue, const QString& message)
{
    switch (errnoValue) {
    case ENOSPC:
    case EDQUOT:
    case EFBIG:
        return Error {Error::Code::StoreFull, message};
    case EROFS:
    case EACCES:
    case EPERM:
        return Error {Error::Code::StoreReadOnly, message};
    default:
        return Error {Error::Code::StoreFailed, message};
    }
}

Error notOpen()
{
    return Error {Error::Code::StoreNotOpen, QCoreApplication::translate("SessionStore", "database is not open")};
}

} // namespace StoreErrors

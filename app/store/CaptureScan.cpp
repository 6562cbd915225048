// SPDX-License-Identifier: MIT
#include "store/CaptureScan.h"

#include <QCoreApplication>
#include <QFile>
#include <QFileInfo>
#include <QtEndian>

#include <sqlite3.h>

#include "store/BodyFiles.h"
#include "store/StoreErrors.h"

namespace {

QByteArrayView blobAt(sqlite3_stmt* statement, int column)
{
    const void* data = sqlite3_column_blob(statement, column);
    const int size = sqlite3_column_bytes(statement, column);
    return data ? QByteArrayView(static_cast<const char*>(data), size) : QByteArrayView();
}

QByteArrayView textAt(sqlite3_stmt* statement, int column)
{
    const unsigned char* text = sqlite3_column_text(statement, column);
    const int size = sqlite3_column_bytes(statement, column);
    return text ? QByteArrayView(reinterpret_cast<const char*>(text), size) : QByteArrayView();
}

// What a select reads for these columns: NULL stands in for the ones not asked for, so positions stay fixed.
QByteArray extraColumns(CaptureScan::Columns columns)
{
    QByteArray sql;
    sql += columns.testFlag(CaptureScan::Column::Peer) ? "peer_address" : "NULL";
    sql += columns.testFlag(CaptureScan::Column::Headers) ? ", headers" : ", NULL";
    // A body in a segment file (body_file set) is read from there.
    sql += columns.testFlag(CaptureScan::Column::Body) ? ", body, body_file, body_offset, body_size"
                                                       : ", NULL, NULL, 0, 0";
    return sql;
}

// QDataStream's QByteArray (version Qt_6_4): a big-endian 32-bit length, 0xFFFFFFFF for a null array, or
// 0xFFFFFFFE followed by a 64-bit length; then the bytes.
bool readBytes(QByteArrayView data, qsizetype& at, QByteArrayView& out)
{
    if (data.size() - at < 4)
        return false;
    quint64 length = qFromBigEndian<quint32>(data.data() + at);
    at += 4;
    if (length == 0xFFFFFFFFu) {
        out = {};
        return true;
    }
    if (length == 0xFFFFFFFEu) {
        if (data.size() - at < 8)
            return false;
        length = qFromBigEndian<quint64>(data.data() + at);
        at += 8;
    }
    if (length > quint64(data.size() - at))
        return false;
    out = data.sliced(at, qsizetype(length));
    at += qsizetype(length);
    return true;
}

} // namespace

CaptureScan::CaptureScan() = default;

void CaptureScan::readExtra(sqlite3_stmt* statement, int first, CaptureRow& row)
{
    row.peer = textAt(statement, first);
    row.headers = blobAt(statement, first + 1);
    row.body = blobAt(statement, first + 2);
    if (sqlite3_column_type(statement, first + 3) != SQLITE_NULL && m_bodies) {
        const QByteArrayView file = textAt(statement, first + 3);
        const bool read = m_bodies->readInto(QString::fromLatin1(file), sqlite3_column_int64(statement, first + 4),
                                             sqlite3_column_int64(statement, first + 5), m_body);
        row.body = read ? QByteArrayView(m_body) : QByteArrayView();
    }
}

CaptureScan::~CaptureScan()
{
    endRead();
    sqlite3_close_v2(m_db);
}

Error CaptureScan::lastError() const
{
    return StoreErrors::lastOf(m_db);
}

Expected<void> CaptureScan::open(const QString& storePath)
{
    if (!QFileInfo::exists(storePath))
        return Error {Error::Code::StoreCannotOpen,
                      QCoreApplication::translate("CaptureScan", "there is no store at %1").arg(storePath)};
    // Read-write without create: a read-only connection cannot always open a WAL database whose log is gone.
    // query_only then makes sure this connection never writes.
    if (sqlite3_open_v2(QFile::encodeName(storePath).constData(), &m_db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX,
                        nullptr)
        != SQLITE_OK) {
        Error error = lastError();
        error.message = QCoreApplication::translate("CaptureScan", "cannot open %1: %2").arg(storePath, error.message);
        sqlite3_close_v2(m_db);
        m_db = nullptr;
        return error;
    }
    sqlite3_busy_timeout(m_db, 5000);
    sqlite3_exec(m_db, "PRAGMA query_only=1", nullptr, nullptr, nullptr);
    m_bodies = std::make_unique<BodyFiles>(storePath);
    return {};
}

Expected<void> CaptureScan::beginRead()
{
    if (!m_db)
        return lastError();
    // A deferred transaction takes its snapshot at the first read, which follows at once.
    if (sqlite3_exec(m_db, "BEGIN", nullptr, nullptr, nullptr) != SQLITE_OK)
        return lastError();
    m_reading = true;
    return {};
}

void CaptureScan::endRead()
{
    sqlite3_finalize(m_load);
    m_load = nullptr;
    if (m_reading)
        sqlite3_exec(m_db, "COMMIT", nullptr, nullptr, nullptr);
    m_reading = false;
}

qint64 CaptureScan::count(qint64 sessionId, qint64 afterId) const
{
    sqlite3_stmt* statement = nullptr;
    qint64 result = 0;
    if (sqlite3_prepare_v2(m_db, "SELECT COUNT(*) FROM captures WHERE session_id = ? AND id > ?", -1, &statement,
                           nullptr)
        == SQLITE_OK) {
        sqlite3_bind_int64(statement, 1, sessionId);
        sqlite3_bind_int64(statement, 2, afterId);
        if (sqlite3_step(statement) == SQLITE_ROW)
            result = sqlite3_column_int64(statement, 0);
    }
    sqlite3_finalize(statement);
    return result;
}

Expected<void> CaptureScan::scan(qint64 sessionId, qint64 afterId, Columns columns, const Visit& visit)
{
    if (!m_db)
        return lastError();
    const QByteArray sql = "SELECT id, received_at, method, target, body_size, response_status, "
        + extraColumns(columns) + " FROM captures WHERE session_id = ? AND id > ? ORDER BY id";
    sqlite3_stmt* statement = nullptr;
    if (sqlite3_prepare_v2(m_db, sql.constData(), int(sql.size()), &statement, nullptr) != SQLITE_OK) {
        const Error error = lastError();
        sqlite3_finalize(statement);
        return error;
    }
    sqlite3_bind_int64(statement, 1, sessionId);
    sqlite3_bind_int64(statement, 2, afterId);
    Expected<void> result;
    CaptureRow row;
    for (;;) {
        const int rc = sqlite3_step(statement);
        if (rc == SQLITE_DONE)
            break;
        if (rc != SQLITE_ROW) {
            result = lastError();
            break;
        }
        row.id = sqlite3_column_int64(statement, 0);
        row.receivedAtMs = sqlite3_column_int64(statement, 1);
        row.method = blobAt(statement, 2);
        row.target = blobAt(statement, 3);
        row.bodyBytes = sqlite3_column_int64(statement, 4);
        row.responseStatus = sqlite3_column_int(statement, 5);
        readExtra(statement, 6, row);
        if (!visit(row))
            break;
    }
    sqlite3_finalize(statement);
    return result;
}

bool CaptureScan::load(Columns columns, CaptureRow& row)
{
    if (!m_db)
        return false;
    if (!m_load || m_loadColumns != columns) {
        sqlite3_finalize(m_load);
        m_load = nullptr;
        const QByteArray sql = "SELECT " + extraColumns(columns) + " FROM captures WHERE id = ?";
        if (sqlite3_prepare_v3(m_db, sql.constData(), int(sql.size()), SQLITE_PREPARE_PERSISTENT, &m_load, nullptr)
            != SQLITE_OK) {
            sqlite3_finalize(m_load);
            m_load = nullptr;
            return false;
        }
        m_loadColumns = columns;
    }
    sqlite3_reset(m_load);
    sqlite3_bind_int64(m_load, 1, row.id);
    if (sqlite3_step(m_load) != SQLITE_ROW)
        return false;
    readExtra(m_load, 0, row);
    return true;
}

bool CaptureScan::forEachHeader(QByteArrayView encoded,
                                const std::function<void(QByteArrayView name, QByteArrayView value)>& visit)
{
    if (encoded.size() < 4)
        return encoded.isEmpty();
    const qint32 count = qFromBigEndian<qint32>(encoded.data());
    qsizetype at = 4;
    for (qint32 i = 0; i < count; ++i) {
        QByteArrayView name;
        QByteArrayView value;
        if (!readBytes(encoded, at, name) || !readBytes(encoded, at, value))
            return false;
        visit(name, value);
    }
    return count >= 0;
}

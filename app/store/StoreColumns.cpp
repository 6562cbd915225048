// SPDX-License-Identifier: MIT
#include "store/StoreColumns.h"

#include <QDataStream>
#include <QIODevice>
#include <QTimeZone>

#include <sqlite3.h>

namespace StoreColumns {

QByteArray encodeHeaders(const HttpHeaders& headers)
{
    QByteArray out;
    QDataStream stream(&out, QIODevice::WriteOnly);
    stream.setVersion(QDataStream::Qt_6_4);
    stream << qint32(headers.size());
    for (const HttpHeader& header : headers)
        stream << header.first << header.second;
    return out;
}

HttpHeaders decodeHeaders(const QByteArray& data)
{
    HttpHeaders headers;
    QDataStream stream(data);
    stream.setVersion(QDataStream::Qt_6_4);
    qint32 count = 0;
    stream >> count;
    for (qint32 i = 0; i < count && stream.status() == QDataStream::Ok; ++i) {
        HttpHeader header;
        stream >> header.first >> header.second;
        headers.append(header);
    }
    return headers;
}

QByteArray columnBytes(sqlite3_stmt* statement, int column)
{
    const void* data = sqlite3_column_blob(statement, column);
    const int size = sqlite3_column_bytes(statement, column);
    return data ? QByteArray(static_cast<const char*>(data), size) : QByteArray("");
}

QString columnText(sqlite3_stmt* statement, int column)
{
    const auto* text = reinterpret_cast<const char*>(sqlite3_column_text(statement, column));
    return text ? QString::fromUtf8(text, sqlite3_column_bytes(statement, column)) : QString();
}

void bindBytes(sqlite3_stmt* statement, int index, const QByteArray& bytes)
{
    sqlite3_bind_blob64(statement, index, bytes.isEmpty() ? "" : bytes.constData(), sqlite3_uint64(bytes.size()),
                        SQLITE_TRANSIENT);
}

void bindText(sqlite3_stmt* statement, int index, const QString& text)
{
    const QByteArray utf8 = text.toUtf8();
    sqlite3_bind_text64(statement, index, utf8.constData(), sqlite3_uint64(utf8.size()), SQLITE_TRANSIENT, SQLITE_UTF8);
}

qint64 toMs(const QDateTime& time)
{
    return time.isValid() ? time.toMSecsSinceEpoch() : 0;
}

QDateTime fromMs(qint64 ms)
{
    return QDateTime::fromMSecsSinceEpoch(ms, QTimeZone::utc());
}

Row& Row::operator>>(qint64& value)
{
    value = sqlite3_column_int64(m_statement, m_column++);
    return *this;
}

Row& Row::operator>>(int& value)
{
    value = sqlite3_column_int(m_statement, m_column++);
    return *this;
}

Row& Row::operator>>(quint16& value)
{
    value = quint16(sqlite3_column_int(m_statement, m_column++));
    return *this;
}

Row& Row::operator>>(bool& value)
{
    value = sqlite3_column_int(m_statement, m_column++) != 0;
    return *this;
}

Row& Row::operator>>(QByteArray& value)
{
    value = columnBytes(m_statement, m_column++);
    return *this;
}

Row& Row::operator>>(QString& value)
{
    value = columnText(m_statement, m_column++);
    return *this;
}

Row& Row::operator>>(HttpHeaders& value)
{
    value = decodeHeaders(columnBytes(m_statement, m_column++));
    return *this;
}

Row& Row::operator>>(QDateTime& value)
{
    value = fromMs(sqlite3_column_int64(m_statement, m_column++));
    return *this;
}

bool Row::nextIsNull() const
{
    return sqlite3_column_type(m_statement, m_column) == SQLITE_NULL;
}

} // namespace StoreColumns

// SPDX-License-Identifier: MIT
#pragma once

#include <QByteArray>
#include <QDateTime>
#include <QString>

#include "core/Capture.h"

struct sqlite3_stmt;

// How the store's tables keep values: headers as one blob, times as UTC milliseconds, text as UTF-8.
namespace StoreColumns {

QByteArray encodeHeaders(const HttpHeaders& headers);
HttpHeaders decodeHeaders(const QByteArray& data);

// The bytes a capture's row holds beside its body, as an SQL expression over the captures table named `c`
// (length() of a blob reads no content). The size budget adds the body's size wherever it is kept; slicing
// long work adds what the body takes in the database.
inline constexpr char rowBytesSql[] = "length(c.raw_head) + length(c.headers) + length(c.trailers) "
                                      "+ length(c.response_headers) + length(c.response_body)";

// A column's blob; empty (not null) for NULL.
QByteArray columnBytes(sqlite3_stmt* statement, int column);
QString columnText(sqlite3_stmt* statement, int column);

// A zero-length blob (not NULL) so that NOT NULL holds for empty bodies.
void bindBytes(sqlite3_stmt* statement, int index, const QByteArray& bytes);
void bindText(sqlite3_stmt* statement, int index, const QString& text);

// 0 for an invalid time.
qint64 toMs(const QDateTime& time);
QDateTime fromMs(qint64 ms);

// A result row's columns read in order, by the type of what they are read into (times from UTC milliseconds,
// headers from their blob), as a QDataStream reads: a mapping names each field once and no column number.
class Row
{
public:
    explicit Row(sqlite3_stmt* statement)
        : m_statement(statement)
    { }
    Row& operator>>(qint64& value);
    Row& operator>>(int& value);
    Row& operator>>(quint16& value);
    Row& operator>>(bool& value);
    Row& operator>>(QByteArray& value);
    Row& operator>>(QString& value);
    Row& operator>>(HttpHeaders& value);
    Row& operator>>(QDateTime& value);
    bool nextIsNull() const;

private:
    sqlite3_stmt* m_statement;
    int m_column = 0;
};

} // namespace StoreColumns

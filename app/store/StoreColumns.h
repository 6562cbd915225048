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

// A column's blob; empty (not null) for NULL.
QByteArray columnBytes(sqlite3_stmt* statement, int column);
QString columnText(sqlite3_stmt* statement, int column);

// A zero-length blob (not NULL) so that NOT NULL holds for empty bodies.
void bindBytes(sqlite3_stmt* statement, int index, const QByteArray& bytes);
void bindText(sqlite3_stmt* statement, int index, const QString& text);

// 0 for an invalid time.
qint64 toMs(const QDateTime& time);
QDateTime fromMs(qint64 ms);

} // namespace StoreColumns

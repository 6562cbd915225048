// SPDX-License-Identifier: MIT
#pragma once

#include <QByteArrayView>
#include <QFlags>
#include <QString>
#include <functional>
#include <memory>
#include <optional>

#include "store/SessionStore.h"

struct sqlite3;
struct sqlite3_stmt;
class BodyFiles;

// One capture as a scan step sees it: views into the store's current row (a body kept in a segment file: into the
// scan's own buffer), valid only until the next row.
// peer, headers and body are empty unless their columns were asked for.
struct CaptureRow
{
    qint64 id = 0;
    qint64 receivedAtMs = 0;
    QByteArrayView method;
    QByteArrayView target;
    qint64 bodyBytes = 0;
    int responseStatus = 0;
    QByteArrayView peer; // UTF-8
    QByteArrayView headers; // as the store encodes them: see forEachHeader()
    QByteArrayView body;
};

// Reads many captures of a session quickly and only the columns asked for, through a connection of its own (so
// any thread can use it; one thread per instance). Never writes. Used by the filter engine.
class CaptureScan final
{
public:
    enum class Column : quint8
    {
        Peer = 1,
        Headers = 2,
        Body = 4
    };
    Q_DECLARE_FLAGS(Columns, Column)
    using Visit = std::function<bool(const CaptureRow& row)>; // return false to stop

    CaptureScan();
    ~CaptureScan();
    CaptureScan(const CaptureScan&) = delete;
    CaptureScan& operator=(const CaptureScan&) = delete;

    // Opens an existing store; nothing is created or migrated.
    Expected<void> open(const QString& storePath); // StoreCannotOpen when there is none
    // Everything read between these sees one snapshot of the store, whatever the endpoint commits meanwhile.
    Expected<void> beginRead();
    void endRead();

    qint64 count(qint64 sessionId, qint64 afterId = 0) const; // captures with an id above afterId
    // Visits the session's captures with an id above afterId, in id order: the summary columns and `columns`.
    Expected<void> scan(qint64 sessionId, qint64 afterId, Columns columns, const Visit& visit);
    // Reads `columns` of one capture into row (its id must be set); the views stay valid until the next load().
    bool load(Columns columns, CaptureRow& row);

    // Calls visit for each header of a store-encoded list, in order, with views into `encoded`. Returns false when
    // the list is damaged (the headers before the damage have been visited).
    static bool forEachHeader(QByteArrayView encoded,
                              const std::function<void(QByteArrayView name, QByteArrayView value)>& visit);

private:
    Error lastError() const;
    void readExtra(sqlite3_stmt* statement, int first, CaptureRow& row);

    sqlite3* m_db = nullptr;
    sqlite3_stmt* m_load = nullptr;
    Columns m_loadColumns;
    bool m_reading = false;
    std::unique_ptr<BodyFiles> m_bodies;
    QByteArray m_body; // a body read from its segment file, viewed by the row until the next one
};

Q_DECLARE_OPERATORS_FOR_FLAGS(CaptureScan::Columns)

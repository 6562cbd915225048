// SPDX-License-Identifier: MIT
#pragma once

#include <QtGlobal>
#include <functional>
#include <memory>

#include "core/Expected.h"

class SessionStore;
class SqliteStatement;

// Long store work (deleting and pruning sessions, moving captures to the trash and back, purging it, giving
// space back) in short write transactions, so that the endpoint's commits, on their own connection, wait at most
// one slice for the write lock. A slice covers at most rows() rows and, counting what the captures take in the
// database, ends once they reach sliceBytes (so it has at least one). The next slice's row count halves after
// one that held the write lock longer than SessionStore::sliceTargetMs and doubles after one that took under half
// of that. Every hold is noted in the store's longestWriteMs(). Uses the store's connection, on its thread.
class StoreSlices final
{
public:
    static constexpr qint64 sliceBytes = qint64(2) << 20;

    explicit StoreSlices(SessionStore& store, qint64 firstRows = 64, qint64 maxRows = 20000);
    ~StoreSlices();
    StoreSlices(const StoreSlices&) = delete;
    StoreSlices& operator=(const StoreSlices&) = delete;

    // One slice of work, run inside its write transaction: does at most `rows` rows and returns how many it
    // did; 0 means nothing is left.
    using Slice = std::function<Expected<qint64>(qint64 rows)>;
    // Runs slices, each in a write transaction of its own (BEGIN IMMEDIATE to COMMIT, rolled back when the
    // slice fails), until one does nothing. `between` runs after each slice that did something, outside any
    // transaction. A failure stops the work: what the slices before committed stays.
    Expected<void> run(const Slice& slice, const std::function<void()>& between = {});

    // The id of the last of the session's captures, in id order, that fit in a slice of `rows` rows (and
    // sliceBytes); 0 when the session has no captures. Called inside a slice.
    Expected<qint64> lastIdOfSlice(qint64 sessionId, qint64 rows);
    // What one of the session's captures takes in the database (a body kept in a file beside it not counted);
    // 0 when the session has no such capture.
    Expected<qint64> captureBytes(qint64 sessionId, qint64 captureId);

    qint64 rows() const { return m_rows; }
    // A write that held the lock `ms` long (a slice, or a statement that is a transaction by itself): noted
    // in the store's longestWriteMs(), and sizes the next slice.
    void held(qint64 ms);

private:
    SessionStore& m_store;
    qint64 m_rows;
    qint64 m_maxRows;
    std::unique_ptr<SqliteStatement> m_sliceRows; // prepared on first use, then reused slice after slice
    std::unique_ptr<SqliteStatement> m_captureBytes;
};

// SPDX-License-Identifier: MIT
#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QList>
#include <QSet>
#include <QString>
#include <functional>
#include <optional>

#include "core/Expected.h"

// Where a body kept beside the database lives: a segment file and the offset of its first byte.
struct BodyLocation
{
    QString file; // the segment's name inside the bodies folder
    qint64 offset = 0;
};

// Large bodies beside the database, in <store>.bodies/: they are appended to segment files, and the database keeps
// only where each one is (the commit that refers to a body follows its write and, for durable stores, its sync).
// A store instance appends to one segment of its own, locked with flock() while open, and starts another for each
// session and past segmentLimit bytes; a segment nobody holds and no capture refers to is removed.
// One instance per store instance (one thread); readers keep a few segments open.
class BodyFiles final
{
public:
    // With writeBack, a large append goes to the disk as it is written (see append()): for stores that sync.
    explicit BodyFiles(const QString& storePath, bool writeBack = false);
    ~BodyFiles();
    BodyFiles(const BodyFiles&) = delete;
    BodyFiles& operator=(const BodyFiles&) = delete;

    static constexpr qsizetype threshold = 16 * 1024; // bodies this large and over are kept in segments
    static constexpr qint64 segmentLimit = 64 * 1024 * 1024;
    static QString folderPath(const QString& storePath);

    // Appends bytes to the session's open segment (starting one when needed) and says where they are. With
    // writeBack, an append larger than writeBackSliceBytes is written a slice at a time, each handed to the disk as
    // soon as it is written while the slice before is waited for: the segment never holds more than two slices of dirty
    // pages, so a sync elsewhere on the file system (a small delivery's commit, whose journal flush writes out dirty
    // data it orders) does not wait behind a whole large body, and sync() finds the bytes already written.
    static constexpr qint64 writeBackSliceBytes = 1024 * 1024;
    Expected<BodyLocation> append(qint64 sessionId, QByteArrayView bytes);
    // Makes what append() wrote durable (fdatasync), before the commit that refers to it.
    Expected<void> sync();
    // Where the open segment ends: what a failed group truncates back to with rollback().
    struct Mark
    {
        QString file;
        qint64 end = 0;
    };
    Mark mark() const;
    void rollback(const Mark& mark);

    // Reads size bytes at a location; nullopt (and a warning) when the segment is missing or short.
    std::optional<QByteArray> read(const QString& file, qint64 offset, qint64 size);
    // Reads into buffer, reusing its capacity; false when the bytes cannot be read.
    bool readInto(const QString& file, qint64 offset, qint64 size, QByteArray& buffer);

    // Removes the segments that no capture refers to and no instance holds. referenced() is asked after the
    // unlocked segments have been locked, so that a segment being written is never taken for an orphan.
    // Returns the bytes given back.
    qint64 removeUnreferenced(const std::function<QSet<QString>()>& referenced);
    // The bytes the segments take on disk (for budgets and tests).
    qint64 diskBytes() const;

    static bool isSegmentName(const QString& name);

private:
    int openForRead(const QString& file);
    void closeSegment();

    QString m_folder;
    int m_segment = -1; // the segment this instance appends to, locked
    QString m_segmentName;
    qint64 m_segmentSession = 0;
    qint64 m_end = 0;
    bool m_unsynced = false;
    bool m_writeBack = false;
    struct OpenFile
    {
        QString name;
        int fd = -1;
    };
    QList<OpenFile> m_readers; // most recently used last
};

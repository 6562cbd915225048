// SPDX-License-Identifier: MIT
#include "store/BodyFiles.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QRandomGenerator>
#include <cerrno>
#include <cstring>
#include <limits>

#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/Logging.h"
#include "store/StoreErrors.h"

namespace {

constexpr qsizetype maxOpenReaders = 8;
const QString suffix = QStringLiteral(".body");

QString systemError(int code)
{
    return QString::fromLocal8Bit(std::strerror(code));
}

enum class Step
{
    Create,
    Write,
    Sync
};

Error fileError(Step step, const QString& path, int code)
{
    const char* text = step == Step::Create ? QT_TRANSLATE_NOOP("BodyFiles", "cannot create %1: %2")
        : step == Step::Write               ? QT_TRANSLATE_NOOP("BodyFiles", "cannot write to %1: %2")
                                            : QT_TRANSLATE_NOOP("BodyFiles", "cannot sync %1: %2");
    return StoreErrors::fromErrno(code, QCoreApplication::translate("BodyFiles", text).arg(path, systemError(code)));
}

// Makes a new directory entry durable: the folder holding it is synced.
void syncFolder(const QString& folder)
{
    const int fd = ::open(QFile::encodeName(folder).constData(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0)
        return;
    if (::fsync(fd) != 0)
        qCWarning(lcStore) << "cannot sync the folder" << folder << ":" << systemError(errno);
    ::close(fd);
}

bool writeAll(int fd, const char* data, qint64 size, qint64 at)
{
    while (size > 0) {
        const ssize_t written = ::pwrite(fd, data, size_t(size), off_t(at));
        if (written < 0 && errno == EINTR)
            continue;
        if (written <= 0) {
            if (written == 0)
                errno = ENOSPC;
            return false;
        }
        data += written;
        size -= written;
        at += written;
    }
    return true;
}

// writeAll(), handing each slice to the disk once written and waiting for the slice before it (BodyFiles::append).
bool writeBack(int fd, const char* data, qint64 size, qint64 at)
{
    constexpr qint64 slice = BodyFiles::writeBackSliceBytes;
    for (qint64 done = 0; done < size; done += slice) {
        const qint64 length = qMin(slice, size - done);
        if (!writeAll(fd, data + done, length, at + done))
            return false;
#ifdef Q_OS_LINUX
        // A wait reports a write-back error and marks it seen, so the fdatasync before the commit would not: it
        // fails the append here (errno kept), as a failed write does. A file system without the call is written
        // as by writeAll().
        const auto unsupported = [] {
            return errno == EINVAL || errno == ENOSYS || errno == EOPNOTSUPP;
        };
        if (::sync_file_range(fd, off_t(at + done), off_t(length), SYNC_FILE_RANGE_WRITE) != 0)
            return unsupported() && writeAll(fd, data + done + length, size - done - length, at + done + length);
        if (done > 0
            && ::sync_file_range(fd, off_t(at + done - slice), off_t(slice),
                                 SYNC_FILE_RANGE_WAIT_BEFORE | SYNC_FILE_RANGE_WRITE | SYNC_FILE_RANGE_WAIT_AFTER)
                != 0)
            return false;
#endif
    }
    return true;
}

bool readAll(int fd, char* data, qint64 size, qint64 at)
{
    while (size > 0) {
        const ssize_t got = ::pread(fd, data, size_t(size), off_t(at));
        if (got < 0 && errno == EINTR)
            continue;
        if (got <= 0)
            return false;
        data += got;
        size -= got;
        at += got;
    }
    return true;
}

bool sameFile(int fd, const QString& path)
{
    struct stat opened = {};
    struct stat named = {};
    return ::fstat(fd, &opened) == 0 && ::stat(QFile::encodeName(path).constData(), &named) == 0
        && opened.st_dev == named.st_dev && opened.st_ino == named.st_ino;
}

} // namespace

BodyFiles::BodyFiles(const QString& storePath, bool writeBack)
    : m_folder(folderPath(storePath))
    , m_writeBack(writeBack)
{ }

BodyFiles::~BodyFiles()
{
    closeSegment();
    for (const OpenFile& file : std::as_const(m_readers))
        ::close(file.fd);
}

QString BodyFiles::folderPath(const QString& storePath)
{
    return storePath + QStringLiteral(".bodies");
}

bool BodyFiles::isSegmentName(const QString& name)
{
    // What this class names segments: hex digits and dashes, then ".body"; nothing that could leave the folder.
    if (!name.endsWith(suffix) || name.size() == suffix.size() || name.size() > 64)
        return false;
    for (qsizetype i = 0; i < name.size() - suffix.size(); ++i) {
        const QChar c = name.at(i);
        if (!(c.isDigit() || (c >= u'a' && c <= u'f') || c == u'-'))
            return false;
    }
    return true;
}

Expected<BodyLocation> BodyFiles::append(qint64 sessionId, QByteArrayView bytes)
{
    if (m_segment >= 0 && (sessionId != m_segmentSession || (m_end > 0 && m_end + bytes.size() > segmentLimit)))
        closeSegment();
    if (m_segment < 0) {
        const bool created = !QFileInfo::exists(m_folder);
        if (!QDir().mkpath(m_folder))
            return fileError(Step::Create, m_folder, errno ? errno : EACCES);
        if (created)
            syncFolder(QFileInfo(m_folder).absolutePath());
        // A new name each time; the lock taken, the name is checked to still be this file (a cleanup elsewhere may
        // have locked and removed it between the create and the lock).
        for (int attempt = 0; attempt < 4 && m_segment < 0; ++attempt) {
            const QString name = QStringLiteral("%1-%2-%3")
                                     .arg(QDateTime::currentMSecsSinceEpoch(), 0, 16)
                                     .arg(qint64(::getpid()), 0, 16)
                                     .arg(QRandomGenerator::global()->generate(), 8, 16, QLatin1Char('0'))
                + suffix;
            const QString path = m_folder + u'/' + name;
            const int fd = ::open(QFile::encodeName(path).constData(), O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
            if (fd < 0) {
                if (errno == EEXIST)
                    continue;
                return fileError(Step::Create, path, errno);
            }
            if (::flock(fd, LOCK_EX | LOCK_NB) != 0 || !sameFile(fd, path)) {
                ::close(fd);
                continue;
            }
            syncFolder(m_folder);
            m_segment = fd;
            m_segmentName = name;
            m_segmentSession = sessionId;
            m_end = 0;
        }
        if (m_segment < 0)
            return fileError(Step::Create, m_folder, EEXIST);
    }
    const bool written = m_writeBack && bytes.size() > writeBackSliceBytes
        ? writeBack(m_segment, bytes.data(), bytes.size(), m_end)
        : writeAll(m_segment, bytes.data(), bytes.size(), m_end);
    if (!written) {
        const int code = errno;
        if (::ftruncate(m_segment, off_t(m_end)) != 0)
            qCWarning(lcStore) << "cannot truncate" << m_segmentName << ":" << systemError(errno);
        return fileError(Step::Write, m_folder + u'/' + m_segmentName, code);
    }
    BodyLocation location {m_segmentName, m_end};
    m_end += bytes.size();
    m_unsynced = true;
    return location;
}

Expected<void> BodyFiles::sync()
{
    if (m_segment < 0 || !m_unsynced)
        return {};
    if (::fdatasync(m_segment) != 0)
        return fileError(Step::Sync, m_folder + u'/' + m_segmentName, errno);
    m_unsynced = false;
    return {};
}

BodyFiles::Mark BodyFiles::mark() const
{
    return Mark {m_segmentName, m_end};
}

void BodyFiles::rollback(const Mark& mark)
{
    // Bytes of a failed group in an earlier segment stay there unreferenced; that segment goes once nothing refers to
    // it. In the open one they are cut off.
    if (m_segment < 0 || mark.file != m_segmentName || mark.end >= m_end)
        return;
    if (::ftruncate(m_segment, off_t(mark.end)) != 0)
        qCWarning(lcStore) << "cannot truncate" << m_segmentName << ":" << systemError(errno);
    m_end = mark.end;
}

void BodyFiles::closeSegment()
{
    if (m_segment < 0)
        return;
    // A segment left for the next one must not leave unsynced bytes behind a commit that waits on sync().
    if (m_unsynced && ::fdatasync(m_segment) != 0)
        qCWarning(lcStore) << "cannot sync" << m_segmentName << ":" << systemError(errno);
    ::close(m_segment); // releases the lock
    m_segment = -1;
    m_segmentName.clear();
    m_segmentSession = 0;
    m_end = 0;
    m_unsynced = false;
}

int BodyFiles::openForRead(const QString& file)
{
    for (qsizetype i = 0; i < m_readers.size(); ++i) {
        if (m_readers.at(i).name == file) {
            const OpenFile found = m_readers.takeAt(i);
            m_readers.append(found);
            return found.fd;
        }
    }
    if (!isSegmentName(file)) {
        qCWarning(lcStore) << "a capture names a body file that is not a segment:" << file;
        return -1;
    }
    const int fd = ::open(QFile::encodeName(m_folder + u'/' + file).constData(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
        qCWarning(lcStore) << "cannot open the body file" << file << ":" << systemError(errno);
        return -1;
    }
    if (m_readers.size() >= maxOpenReaders)
        ::close(m_readers.takeFirst().fd);
    m_readers.append(OpenFile {file, fd});
    return fd;
}

bool BodyFiles::readInto(const QString& file, qint64 offset, qint64 size, QByteArray& buffer)
{
    if (offset < 0 || size < 0 || size > std::numeric_limits<qsizetype>::max() / 2)
        return false;
    const int fd = openForRead(file);
    if (fd < 0)
        return false;
    buffer.resize(qsizetype(size));
    if (!readAll(fd, buffer.data(), size, offset)) {
        qCWarning(lcStore) << "the body file" << file << "is shorter than a capture says (" << offset << "+" << size
                           << ")";
        buffer.clear();
        return false;
    }
    return true;
}

std::optional<QByteArray> BodyFiles::read(const QString& file, qint64 offset, qint64 size)
{
    QByteArray bytes;
    if (!readInto(file, offset, size, bytes))
        return std::nullopt;
    return bytes;
}

qint64 BodyFiles::removeUnreferenced(const std::function<QSet<QString>()>& referenced)
{
    const QStringList names = QDir(m_folder).entryList({QStringLiteral("*.body")}, QDir::Files);
    if (names.isEmpty())
        return 0;
    struct Locked
    {
        QString name;
        int fd;
    };
    QList<Locked> locked;
    for (const QString& name : names) {
        if (!isSegmentName(name))
            continue;
        if (name == m_segmentName) {
            locked.append(Locked {name, -1}); // this instance's own: locked already, and nothing uncommitted in it
            continue;
        }
        const int fd = ::open(QFile::encodeName(m_folder + u'/' + name).constData(), O_RDONLY | O_CLOEXEC);
        if (fd < 0)
            continue;
        if (::flock(fd, LOCK_EX | LOCK_NB) != 0) {
            ::close(fd); // being written to
            continue;
        }
        locked.append(Locked {name, fd});
    }
    // Asked only now: a segment that was being written when listed is either locked above (its writer has
    // moved on, and what it committed is in the answer) or skipped. A segment of this instance's own that nothing
    // refers to is closed and removed too (its session was deleted).
    const QSet<QString> keep = locked.isEmpty() ? QSet<QString>() : referenced();
    qint64 freed = 0;
    for (const Locked& segment : std::as_const(locked)) {
        if (!keep.contains(segment.name)) {
            struct stat info = {};
            const QString path = m_folder + u'/' + segment.name;
            const QByteArray encoded = QFile::encodeName(path);
            if (segment.fd < 0) {
                closeSegment();
                ::stat(encoded.constData(), &info);
            }
            if ((segment.fd < 0 || ::fstat(segment.fd, &info) == 0) && ::unlink(encoded.constData()) == 0) {
                freed += info.st_blocks * 512;
                qCDebug(lcStore).noquote() << QStringLiteral("removed the body file %1").arg(segment.name);
            }
            for (qsizetype i = 0; i < m_readers.size(); ++i) {
                if (m_readers.at(i).name == segment.name) {
                    ::close(m_readers.takeAt(i).fd);
                    break;
                }
            }
        }
        if (segment.fd >= 0)
            ::close(segment.fd);
    }
    return freed;
}

qint64 BodyFiles::diskBytes() const
{
    qint64 total = 0;
    const QStringList names = QDir(m_folder).entryList({QStringLiteral("*.body")}, QDir::Files);
    for (const QString& name : names) {
        struct stat info = {};
        if (::stat(QFile::encodeName(m_folder + u'/' + name).constData(), &info) == 0)
            total += info.st_blocks * 512;
    }
    return total;
}

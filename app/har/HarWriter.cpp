// SPDX-License-Identifier: MIT
#include "har/HarWriter.h"

#include <QCoreApplication>
#include <QSaveFile>

#include "har/HarFormat.h"

namespace {

constexpr qsizetype flushBytes = 4 * 1024 * 1024;

} // namespace

HarWriter::HarWriter(const QString& path)
    : m_path(path)
{ }

HarWriter::~HarWriter()
{
    cancel();
}

HarExpected<void> HarWriter::open()
{
    m_file = std::make_unique<QSaveFile>(m_path);
    if (!m_file->open(QIODevice::WriteOnly)) {
        HarError error {
            HarErrorCode::FileOpen,
            QCoreApplication::translate("HarWriter", "cannot write %1: %2").arg(m_path, m_file->errorString())};
        m_file.reset();
        return error;
    }
    m_entryCount = 0;
    m_buffer.clear();
    m_buffer.reserve(size_t(flushBytes) + 64 * 1024);
    HarFormat::appendHead(m_buffer);
    return {};
}

HarExpected<void> HarWriter::add(const Capture& capture, const QList<ReplayAttempt>& attempts)
{
    if (!m_file)
        return HarError {HarErrorCode::FileWrite,
                         QCoreApplication::translate("HarWriter", "cannot write %1: the file is not open").arg(m_path)};
    HarFormat::appendEntry(m_buffer, capture, m_entryCount == 0, attempts);
    ++m_entryCount;
    if (qsizetype(m_buffer.size()) >= flushBytes)
        return flush();
    return {};
}

HarExpected<void> HarWriter::commit()
{
    if (!m_file)
        return HarError {HarErrorCode::FileWrite,
                         QCoreApplication::translate("HarWriter", "cannot write %1: the file is not open").arg(m_path)};
    HarFormat::appendTail(m_buffer, m_entryCount == 0);
    if (HarExpected<void> flushed = flush(); !flushed)
        return flushed;
    if (!m_file->commit()) {
        HarError error {
            HarErrorCode::FileCommit,
            QCoreApplication::translate("HarWriter", "cannot save %1: %2").arg(m_path, m_file->errorString())};
        m_file.reset();
        return error;
    }
    m_file.reset();
    return {};
}

void HarWriter::cancel()
{
    if (m_file) {
        m_file->cancelWriting();
        m_file.reset();
    }
    m_buffer.clear();
}

HarExpected<void> HarWriter::flush()
{
    if (m_buffer.empty())
        return {};
    const qint64 written = m_file->write(m_buffer.data(), qint64(m_buffer.size()));
    if (written != qint64(m_buffer.size())) {
        // QSaveFile stops at the first error and commit() would fail; the old file is untouched.
        HarError error {
            HarErrorCode::FileWrite,
            QCoreApplication::translate("HarWriter", "cannot save %1: %2 (the previous file, if any, is unchanged)")
                .arg(m_path, m_file->errorString())};
        cancel();
        return error;
    }
    m_buffer.clear();
    return {};
}

HarExpected<void> HarWriter::writeFile(const QString& path, const QList<Capture>& captures,
                                       const HarWriteOptions& options)
{
    HarWriter writer(path);
    if (HarExpected<void> opened = writer.open(); !opened)
        return opened;
    const qint64 total = captures.size();
    for (qint64 i = 0; i < total; ++i) {
        if (HarExpected<void> added = writer.add(captures[i]); !added)
            return added;
        if (options.progress && (i % 1024) == 1023 && !options.progress(i + 1, total)) {
            writer.cancel();
            return HarError {HarErrorCode::Canceled,
                             QCoreApplication::translate("HarWriter", "saving %1 was canceled").arg(path)};
        }
    }
    if (HarExpected<void> committed = writer.commit(); !committed)
        return committed;
    if (options.progress)
        options.progress(total, total);
    return {};
}

QByteArray HarWriter::toBytes(const QList<Capture>& captures)
{
    std::string out;
    HarFormat::appendHead(out);
    bool first = true;
    for (const Capture& capture : captures) {
        HarFormat::appendEntry(out, capture, first);
        first = false;
    }
    HarFormat::appendTail(out, captures.isEmpty());
    return QByteArray(out.data(), qsizetype(out.size()));
}

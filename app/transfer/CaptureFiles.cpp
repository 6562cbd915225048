// SPDX-License-Identifier: MIT
#include "transfer/CaptureFiles.h"

#include <QCoreApplication>
#include <QElapsedTimer>

#include "core/Logging.h"
#include "har/HarReader.h"
#include "har/HarWriter.h"
#include "store/ReplayAttemptStore.h"
#include "store/SessionStore.h"

namespace CaptureFiles {

namespace {

constexpr qsizetype maxSliceCaptures = 5000;
constexpr qsizetype minSliceCaptures = 16;

qint64 storedSize(const Capture& capture)
{
    qint64 size = capture.body.size() + capture.rawHead.size() + capture.target.size();
    for (const HttpHeader& header : capture.headers)
        size += header.first.size() + header.second.size();
    return size;
}

// Collects captures as the reader hands them over and commits them in bounded slices.
class SliceWriter final
{
public:
    SliceWriter(SessionStore& store, ImportResult& result, const QString& newSessionName)
        : m_store(store)
        , m_result(result)
        , m_newSessionName(newSessionName)
    { }

    bool add(HarEntry&& entry)
    {
        Capture capture = std::move(entry.capture);
        capture.id = 0;
        m_bytes += storedSize(capture);
        m_slice.append(std::move(capture));
        m_attempts.append(std::move(entry.replayAttempts));
        if (m_bytes >= sliceBytes || m_slice.size() >= m_sliceCaptures)
            return commit();
        return true;
    }

    bool commit()
    {
        if (m_slice.isEmpty())
            return true;
        if (m_result.sessionId == 0) {
            const Expected<qint64> id = m_store.createSession(m_newSessionName);
            if (!id) {
                m_result.storeFailure = id.error();
                return false;
            }
            m_result.sessionId = *id;
        }
        for (Capture& capture : m_slice)
            capture.sessionId = m_result.sessionId;
        QElapsedTimer timer;
        timer.start();
        if (Expected<void> appended = m_store.append(m_slice); !appended) {
            m_result.storeFailure = appended.error();
            return false;
        }
        const qint64 captureMs = timer.elapsed();
        // Attempts follow their captures, under the ids the store just gave them.
        QList<ReplayAttempt> sliceAttempts;
        for (qsizetype i = 0; i < m_slice.size(); ++i) {
            for (ReplayAttempt attempt : std::as_const(m_attempts[i])) {
                attempt.id = 0;
                attempt.captureId = m_slice.at(i).id;
                sliceAttempts.append(attempt);
            }
        }
        timer.restart();
        if (Expected<void> added = ReplayAttemptStore(m_store).add(sliceAttempts); !added) {
            m_result.storeFailure = added.error();
            return false;
        }
        const qint64 longest = qMax(captureMs, timer.elapsed());
        m_result.longestSliceMs = qMax(m_result.longestSliceMs, longest);
        ++m_result.slices;
        // Time bound: the next slice shrinks when this one held the write lock too long, grows when it was quick.
        if (longest > sliceTargetMs)
            m_sliceCaptures = qMax(minSliceCaptures, m_sliceCaptures / 2);
        else if (longest < sliceTargetMs / 2)
            m_sliceCaptures = qMin(maxSliceCaptures, m_sliceCaptures * 2);
        m_result.imported += m_slice.size();
        m_slice.clear();
        m_attempts.clear();
        m_bytes = 0;
        return true;
    }

private:
    SessionStore& m_store;
    ImportResult& m_result;
    QString m_newSessionName;
    QList<Capture> m_slice;
    QList<QList<ReplayAttempt>> m_attempts;
    qint64 m_bytes = 0;
    qsizetype m_sliceCaptures = 256;
};

void addProblem(ImportResult& result, const HarError& problem)
{
    if (result.problems.size() < maxProblems)
        result.problems.append(problem);
    else
        ++result.problemsOmitted;
}

} // namespace

ImportResult importHar(const QString& harPath, const QString& storePath, qint64 intoSession,
                       const QString& newSessionName, const Progress& progress)
{
    ImportResult result;
    SessionStore store;
    if (Expected<void> opened = store.open(storePath); !opened) {
        result.storeFailure = opened.error();
        return result;
    }
    result.sessionId = intoSession;
    SliceWriter writer(store, result, newSessionName);
    HarReadOptions options;
    options.maxErrors = maxProblems;
    options.progress = progress;
    options.onEntry = [&](HarEntry&& entry) {
        for (const HarError& warning : std::as_const(entry.warnings))
            addProblem(result, warning);
        return writer.add(std::move(entry));
    };
    HarExpected<HarLog> log = HarReader::readFile(harPath, options);
    if (result.storeFailure) // the store refused a slice
        return result;
    if (!log) {
        if (log.error().code == HarErrorCode::Canceled)
            writer.commit(); // what was read is kept, like what was stored
        result.failure = log.error();
        if (result.failure->code == HarErrorCode::Canceled && result.imported > 0)
            result.failure->message
                = QCoreApplication::translate("CaptureFiles", "canceled after %1 captures").arg(result.imported);
        return result;
    }
    if (!writer.commit())
        return result;
    for (const HarError& error : std::as_const(log->errors))
        addProblem(result, error);
    result.problemsOmitted += log->errorsOmitted;
    qCDebug(lcHar).noquote() << "imported" << result.imported << "capture(s) from" << harPath << "with"
                             << log->errors.size() + log->errorsOmitted << "problem(s)";
    if (result.sessionId == 0) {
        // A file without usable entries still opens, as an empty session.
        const Expected<qint64> id = store.createSession(newSessionName);
        if (!id) {
            result.storeFailure = id.error();
            return result;
        }
        result.sessionId = *id;
    }
    return result;
}

ExportResult exportHar(const QString& harPath, const QString& storePath, const QList<qint64>& ids,
                       const Progress& progress)
{
    ExportResult result;
    SessionStore store;
    if (Expected<void> opened = store.open(storePath); !opened) {
        result.storeFailure = opened.error();
        return result;
    }
    HarWriter writer(harPath);
    if (HarExpected<void> opened = writer.open(); !opened) {
        result.failure = opened.error();
        return result;
    }
    // Most captures were never replayed: their attempts are not asked for one by one. The list is taken once, so
    // a capture first replayed while the file is written goes without that attempt, as one replayed after.
    const ReplayAttemptStore attempts(store);
    const QSet<qint64> replayed = attempts.capturesWithAttempts();
    for (qsizetype i = 0; i < ids.size(); ++i) {
        const std::optional<Capture> capture = store.capture(ids.at(i));
        if (!capture) {
            qCWarning(lcHar) << "capture" << ids.at(i) << "is not in the store (deleted meanwhile?); not written";
            continue;
        }
        const QList<ReplayAttempt> captureAttempts
            = replayed.contains(capture->id) ? attempts.attempts(capture->id) : QList<ReplayAttempt>();
        if (HarExpected<void> added = writer.add(*capture, captureAttempts); !added) {
            result.failure = added.error();
            return result;
        }
        if (progress && (i % 256 == 0) && !progress(i, ids.size())) {
            result.failure
                = HarError(HarErrorCode::Canceled,
                           QCoreApplication::translate("CaptureFiles", "canceled; the file was not changed"));
            return result;
        }
    }
    if (HarExpected<void> committed = writer.commit(); !committed) {
        result.failure = committed.error();
        return result;
    }
    result.written = writer.entryCount();
    qCDebug(lcHar).noquote() << "wrote" << result.written << "capture(s) to" << harPath;
    return result;
}

} // namespace CaptureFiles

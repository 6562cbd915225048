// SPDX-License-Identifier: MIT
#include "har/CaptureFiles.h"

#include <QCoreApplication>

#include "har/HarReader.h"
#include "har/HarWriter.h"
#include "store/ReplayAttemptStore.h"
#include "store/SessionStore.h"

namespace CaptureFiles {

namespace {

constexpr qsizetype importSlice = 5000;

} // namespace

ImportResult importHar(const QString& harPath, const QString& storePath, qint64 intoSession,
                       const QString& newSessionName, const Progress& progress)
{
    ImportResult result;
    HarReadOptions options;
    // Reading is the first half of the work, storing the second.
    if (progress)
        options.progress = [&progress](qint64 done, qint64 total) {
            return progress(done, total * 2);
        };
    HarExpected<HarLog> log = HarReader::readFile(harPath, options);
    if (!log) {
        result.failure = log.error();
        return result;
    }
    for (const HarEntry& entry : log->entries)
        result.problems.append(entry.warnings);
    result.problems.append(log->errors);

    SessionStore store;
    if (auto error = store.open(storePath)) {
        result.failure = HarError(HarErrorCode::FileOpen, error->message);
        return result;
    }
    result.sessionId = intoSession;
    if (result.sessionId == 0) {
        StoreError error;
        const std::optional<qint64> id = store.createSession(newSessionName, &error);
        if (!id) {
            result.failure = HarError(HarErrorCode::FileWrite, error.message);
            return result;
        }
        result.sessionId = *id;
    }
    const qsizetype total = log->entries.size();
    for (qsizetype first = 0; first < total; first += importSlice) {
        QList<Capture> slice;
        QList<QList<ReplayAttempt>> attempts;
        slice.reserve(qMin(importSlice, total - first));
        for (qsizetype i = first; i < qMin(first + importSlice, total); ++i) {
            Capture capture = std::move(log->entries[i].capture);
            capture.id = 0;
            capture.sessionId = result.sessionId;
            slice.append(std::move(capture));
            attempts.append(std::move(log->entries[i].replayAttempts));
        }
        if (auto error = store.append(slice)) {
            result.failure
                = HarError(HarErrorCode::FileWrite,
                           QCoreApplication::translate("CaptureFiles", "the session store refused the captures: %1")
                               .arg(error->message));
            return result;
        }
        // Attempts follow their captures, under the ids the store just gave them.
        QList<ReplayAttempt> sliceAttempts;
        for (qsizetype i = 0; i < slice.size(); ++i) {
            for (ReplayAttempt attempt : std::as_const(attempts[i])) {
                attempt.id = 0;
                attempt.captureId = slice.at(i).id;
                sliceAttempts.append(attempt);
            }
        }
        if (auto error = ReplayAttemptStore(store).add(sliceAttempts)) {
            result.failure = HarError(
                HarErrorCode::FileWrite,
                QCoreApplication::translate("CaptureFiles", "the session store refused the replay attempts: %1")
                    .arg(error->message));
            return result;
        }
        result.imported += slice.size();
        if (progress && !progress(total + first + slice.size(), total * 2)) {
            result.failure = HarError(HarErrorCode::Canceled,
                                      QCoreApplication::translate("CaptureFiles", "canceled after %1 of %2 captures")
                                          .arg(result.imported)
                                          .arg(total));
            return result;
        }
    }
    return result;
}

ExportResult exportHar(const QString& harPath, const QString& storePath, const QList<qint64>& ids,
                       const Progress& progress)
{
    ExportResult result;
    SessionStore store;
    if (auto error = store.open(storePath)) {
        result.failure = HarError(HarErrorCode::FileOpen, error->message);
        return result;
    }
    HarWriter writer(harPath);
    if (auto error = writer.open()) {
        result.failure = error;
        return result;
    }
    for (qsizetype i = 0; i < ids.size(); ++i) {
        const std::optional<Capture> capture = store.capture(ids.at(i));
        if (!capture)
            continue; // deleted meanwhile
        if (auto error = writer.add(*capture, ReplayAttemptStore(store).attempts(capture->id))) {
            result.failure = error;
            return result;
        }
        if (progress && (i % 256 == 0) && !progress(i, ids.size())) {
            result.failure
                = HarError(HarErrorCode::Canceled,
                           QCoreApplication::translate("CaptureFiles", "canceled; the file was not changed"));
            return result;
        }
    }
    if (auto error = writer.commit()) {
        result.failure = error;
        return result;
    }
    result.written = writer.entryCount();
    return result;
}

} // namespace CaptureFiles

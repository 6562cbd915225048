// SPDX-License-Identifier: MIT
#pragma once

#include <QByteArray>
#include <QList>
#include <QString>
#include <functional>
#include <memory>
#include <optional>
#include <string>

#include "core/Capture.h"
#include "core/ReplayAttempt.h"
#include "har/HarError.h"

class QSaveFile;

struct HarWriteOptions
{
    // Called now and then with (entries written, entries in total); return false to cancel.
    std::function<bool(qint64 done, qint64 total)> progress;
};

// Writes captures as HAR 1.2, streaming: entries are formatted one by one into a small buffer that
// is flushed to a QSaveFile, so the whole file is never held in memory, and the old file is only
// replaced when commit() succeeds.
//
// Exactness (docs/ARCHITECTURE.md, Capture files): a request body that is valid UTF-8 without NUL goes into
// postData.text; any other body goes base64 into request._content {text, size, encoding} with
// _requestBodyStatus "discarded:not-representable" (HTTP Toolkit's convention) and no postData.text.
// A method, header name or value that is not valid UTF-8 is written readable (Latin-1) and exactly
// (base64) in a "_hookbench" member beside it. Everything else Hookbench knows goes in entry._hookbench.
class HarWriter final
{
public:
    explicit HarWriter(const QString& path);
    ~HarWriter(); // cancels an uncommitted file: the old one stays
    HarWriter(const HarWriter&) = delete;
    HarWriter& operator=(const HarWriter&) = delete;

    HarExpected<void> open();
    HarExpected<void> add(const Capture& capture, const QList<ReplayAttempt>& attempts = {});
    // Finishes the JSON and atomically replaces the file at path.
    HarExpected<void> commit();
    void cancel();
    qint64 entryCount() const { return m_entryCount; }

    // open() + add() for each capture + commit().
    static HarExpected<void> writeFile(const QString& path, const QList<Capture>& captures,
                                       const HarWriteOptions& options = {});
    // The whole file in memory (tests, small exports).
    static QByteArray toBytes(const QList<Capture>& captures);

private:
    HarExpected<void> flush();

    QString m_path;
    std::unique_ptr<QSaveFile> m_file;
    std::string m_buffer;
    qint64 m_entryCount = 0;
};

// SPDX-License-Identifier: MIT
#pragma once

#include <QByteArrayView>
#include <QList>
#include <QString>
#include <functional>

#include "core/Capture.h"
#include "core/ReplayAttempt.h"
#include "har/HarError.h"
#include "har/HarJsonParser.h"

// One imported entry. warnings say what the file could not give exactly (e.g. a body that the tool
// which wrote the file did not keep); they never drop the entry.
struct HarEntry
{
    int index = 0; // position in log.entries
    Capture capture;
    bool bodyKept = true; // false: the file says there was a body but does not hold its bytes
    qint64 declaredBodySize = -1; // request.bodySize as written, -1 when absent
    bool fromHookbench = false; // has entry._hookbench (exact target, peer, times, ...)
    QList<ReplayAttempt> replayAttempts; // _hookbench.replays; captureId is the file's capture id
    QList<HarError> warnings;
};

struct HarLog
{
    QString creatorName;
    QString creatorVersion;
    QList<HarEntry> entries; // the usable entries, in file order (empty when HarReadOptions::onEntry is set)
    QList<HarError> errors; // entries that could not be read, and file damage after the last good entry
    int errorsOmitted = 0; // errors past HarReadOptions::maxErrors, counted but not kept
    int entriesSeen = 0;
    int entriesRead = 0; // usable entries, also those handed to HarReadOptions::onEntry
};

struct HarReadOptions
{
    // Files above this size are refused before anything is read. A file is mapped and the pages already read are
    // given back as it goes, so memory does not grow with the file; what is read whole into memory (readBytes(),
    // or a file that cannot be mapped) is refused above maxInMemoryBytes.
    qint64 maxFileBytes = qint64(64) << 30;
    qint64 maxInMemoryBytes = qint64(1) << 30;
    // One entry with more JSON values or more bytes than these is reported as an EntryTooLarge error and
    // skipped; the entries after it are read. Nesting deeper than HarJsonParser::maxDepth is skipped likewise.
    qsizetype maxEntryNodes = HarJsonParser::defaultMaxNodes;
    qsizetype maxEntryBytes = HarJsonParser::defaultMaxBytes;
    // Errors kept in HarLog::errors; the rest are only counted (HarLog::errorsOmitted).
    int maxErrors = 1000;
    // Called now and then with (bytes read, file size); return false to cancel.
    std::function<bool(qint64 done, qint64 total)> progress;
    // When set, each usable entry is handed over as soon as it is read instead of being collected in
    // HarLog::entries (import into the session store, `hookbench show`), so memory stays flat.
    // Return false to stop reading (the result is then a Canceled error).
    std::function<bool(HarEntry&& entry)> onEntry;
};

// Reads HAR files written by Hookbench and by other tools (Chromium, Playwright, Firefox, HTTP Toolkit,
// Charles, mitmproxy, webhook.site). The file is mapped and walked entry by entry; each entry is
// checked on its own, so one bad entry is reported (with its index and field) while the others load.
// Hookbench files come back exactly as written: method, target, version, headers and body bytes.
class HarReader final
{
public:
    // Fails as a whole only when nothing usable can come out of the file (cannot open, too large,
    // not a HAR file, canceled); damage after some entries is reported in HarLog::errors.
    static HarExpected<HarLog> readFile(const QString& path, const HarReadOptions& options = {});
    static HarExpected<HarLog> readBytes(QByteArrayView data, const HarReadOptions& options = {});
};

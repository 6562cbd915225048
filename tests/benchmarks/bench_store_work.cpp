// SPDX-License-Identifier: MIT
// Long store work: importing a HAR file into the session store and deleting the imported session.
// Prints, per file size, the importer's peak memory (VmHWM, each import in its own child process) and the
// longest write transaction, for the streaming, sliced import and for the way imports worked before
// (whole file read first, 5,000 captures per transaction), then the longest transaction of deleting the
// session in slices and in one statement (as before). Target (issue 11): no transaction over 200 ms;
// peak memory flat in the file size (issue 7).
//   bench_store_work [--counts 10000,30000,90000]
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QTemporaryDir>
#include <cstdio>

#include <sqlite3.h>

#include "har/HarReader.h"
#include "har/HarWriter.h"
#include "store/SessionStore.h"
#include "transfer/CaptureFiles.h"

using namespace Qt::StringLiterals;

namespace {

qint64 peakKiB()
{
    QFile status(u"/proc/self/status"_s);
    if (!status.open(QIODevice::ReadOnly))
        return -1;
    for (const QByteArray& line : status.readAll().split('\n')) {
        if (line.startsWith("VmHWM:"))
            return line.mid(6).trimmed().split(' ').first().toLongLong();
    }
    return -1;
}

Capture makeCapture(int i)
{
    Capture capture;
    capture.id = i + 1;
    capture.method = "POST";
    capture.target = "/hooks/firm?delivery=" + QByteArray::number(i);
    capture.httpVersion = "HTTP/1.1";
    capture.headers = {{"Host", "127.0.0.1:8787"},
                       {"Content-Type", "application/json"},
                       {"User-Agent", "FirmApp-Hookshot/2.1"},
                       {"X-Delivery", QByteArray::number(i)}};
    // About 1 KB, with a 1 MiB body every 1,000 captures.
    capture.body = QByteArray(i % 1000 == 999 ? (1 << 20) : 900, char('a' + i % 26));
    capture.receivedAt = QDateTime::fromMSecsSinceEpoch(1700000000000 + i, Qt::UTC);
    capture.completedAt = capture.receivedAt;
    capture.responseStatus = 200;
    return capture;
}

// What importHar did before: the whole file read into memory, then 5,000 captures per transaction.
qint64 importAsBefore(const QString& har, const QString& storePath)
{
    HarExpected<HarLog> log = HarReader::readFile(har);
    SessionStore store;
    if (!log || !store.open(storePath))
        return -1;
    const qint64 session = *store.createSession(u"before"_s);
    for (qsizetype first = 0; first < log->entries.size(); first += 5000) {
        QList<Capture> slice;
        for (qsizetype i = first; i < qMin(first + 5000, log->entries.size()); ++i) {
            slice.append(std::move(log->entries[i].capture));
            slice.last().id = 0;
            slice.last().sessionId = session;
        }
        if (!store.append(slice))
            return -1;
    }
    return store.longestWriteMs();
}

int child(const QStringList& args)
{
    const bool before = args.at(2) == u"before"_s; // --child MODE HAR STORE
    const QString har = args.at(3);
    const QString storePath = args.at(4);
    qint64 longest = 0;
    qint64 sessionId = 0;
    if (before) {
        longest = importAsBefore(har, storePath);
    } else {
        const CaptureFiles::ImportResult result = CaptureFiles::importHar(har, storePath, 0, u"after"_s);
        if (result.failure)
            return 1;
        longest = result.longestSliceMs;
        sessionId = result.sessionId;
    }
    std::printf("%lld %lld %lld\n", peakKiB(), longest, sessionId);
    return 0;
}

// Deletes the session as before: one statement, one transaction (the captures go by ON DELETE CASCADE).
qint64 deleteAsBefore(const QString& storePath, qint64 sessionId)
{
    sqlite3* db = nullptr;
    sqlite3_open(QFile::encodeName(storePath).constData(), &db);
    sqlite3_busy_timeout(db, 5000);
    sqlite3_exec(db, "PRAGMA foreign_keys=ON", nullptr, nullptr, nullptr);
    QElapsedTimer timer;
    timer.start();
    const QByteArray sql = "DELETE FROM sessions WHERE id = " + QByteArray::number(sessionId);
    const int rc = sqlite3_exec(db, sql.constData(), nullptr, nullptr, nullptr);
    const qint64 ms = timer.elapsed();
    sqlite3_close(db);
    return rc == SQLITE_OK ? ms : -1;
}

} // namespace

int main(int argc, char** argv)
{
    QCoreApplication app(argc, argv);
    const QStringList args = app.arguments();
    if (args.size() >= 5 && args.at(1) == u"--child"_s)
        return child(args);
    QList<int> counts {10000, 30000, 90000};
    if (const qsizetype at = args.indexOf(u"--counts"_s); at >= 0 && at + 1 < args.size()) {
        counts.clear();
        for (const QString& n : args.at(at + 1).split(u','))
            counts.append(n.toInt());
    }
    QTemporaryDir dir;
    std::printf("%9s %9s | %18s %18s | %18s %18s | %16s %16s\n", "captures", "file MB", "peak MB before",
                "longest ms before", "peak MB after", "longest ms after", "delete ms before", "delete ms after");
    for (const int count : std::as_const(counts)) {
        const QString har = dir.filePath(u"bench-%1.har"_s.arg(count));
        {
            HarWriter writer(har);
            if (!writer.open())
                return 1;
            for (int i = 0; i < count; ++i)
                writer.add(makeCapture(i));
            if (!writer.commit())
                return 1;
        }
        qint64 figures[2][3] = {};
        for (int mode = 0; mode < 2; ++mode) {
            const QString storePath = dir.filePath(u"store-%1-%2.sqlite"_s.arg(count).arg(mode));
            QProcess process;
            process.start(app.applicationFilePath(),
                          {u"--child"_s, mode == 0 ? u"before"_s : u"after"_s, har, storePath});
            process.waitForFinished(-1);
            const QList<QByteArray> out = process.readAllStandardOutput().trimmed().split(' ');
            if (process.exitCode() != 0 || out.size() != 3) {
                std::fprintf(stderr, "import failed (%s)\n", mode == 0 ? "before" : "after");
                return 1;
            }
            for (int k = 0; k < 3; ++k)
                figures[mode][k] = out.at(k).toLongLong();
        }
        // The session imported the new way, deleted both ways (a copy of the store for the old way).
        const QString storePath = dir.filePath(u"store-%1-1.sqlite"_s.arg(count));
        const QString copyPath = dir.filePath(u"copy-%1.sqlite"_s.arg(count));
        QFile::copy(storePath, copyPath);
        const qint64 deleteBefore = deleteAsBefore(copyPath, figures[1][2]);
        SessionStore store;
        if (!store.open(storePath))
            return 1;
        if (!store.deleteSession(figures[1][2]))
            return 1;
        std::printf("%9d %9.1f | %18.1f %18lld | %18.1f %18lld | %16lld %16lld\n", count,
                    double(QFileInfo(har).size()) / 1e6, double(figures[0][0]) / 1024.0, figures[0][1],
                    double(figures[1][0]) / 1024.0, figures[1][1], deleteBefore, store.longestWriteMs());
        std::fflush(stdout);
        QFile::remove(har);
    }
    return 0;
}

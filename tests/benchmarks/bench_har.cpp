// SPDX-License-Identifier: MIT
// Save and open of 100,000 captures of about 1 KB as HAR. Each phase runs in a child process so its
// peak memory (VmHWM) is its own; the median of several runs is printed.
// Target (issue 4): under 2 s each, peak memory under 3x the file size.
//   bench_har [--count N] [--runs R] [--dir DIR]
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QTemporaryDir>
#include <algorithm>
#include <cstdio>

#include "Statistics.h"
#include "har/HarReader.h"
#include "har/HarWriter.h"

using namespace Qt::StringLiterals;

namespace {

qint64 statusKiB(const char* field)
{
    QFile status(u"/proc/self/status"_s);
    if (!status.open(QIODevice::ReadOnly))
        return -1;
    for (const QByteArray& line : status.readAll().split('\n')) {
        if (line.startsWith(field))
            return line.mid(qsizetype(qstrlen(field))).trimmed().split(' ').first().toLongLong();
    }
    return -1;
}

// A webhook-like capture of about 1 KB: 9 headers and a ~700-byte JSON body; one in ten has a binary body.
Capture makeCapture(int i)
{
    Capture capture;
    capture.id = i + 1;
    capture.method = "POST";
    capture.target = "/hooks/firm?delivery=" + QByteArray::number(i);
    capture.httpVersion = "HTTP/1.1";
    QByteArray body;
    if (i % 10 == 9) {
        body.resize(700);
        for (int k = 0; k < body.size(); ++k)
            body[k] = char((i * 31 + k * 7) & 0xFF);
    } else {
        body = "{\"id\":\"evt_" + QByteArray::number(i) + "\",\"type\":\"document.updated\",\"created\":"
            + QByteArray::number(1700000000 + i) + ",\"data\":{\"object\":{\"id\":\"doc_" + QByteArray::number(i * 7)
            + "\",\"title\":\"Quarterly report \\u00e9\",\"owner\":\"user_42\",\"fields\":[";
        while (body.size() < 660)
            body += "{\"k\":\"field" + QByteArray::number(body.size()) + "\",\"v\":" + QByteArray::number(i % 997)
                + "},";
        body += "{\"k\":\"end\",\"v\":0}]}}}";
    }
    capture.headers
        = {{"Host", "127.0.0.1:8787"},
           {"User-Agent", "FirmApp-Hookshot/2.1"},
           {"Content-Type", i % 10 == 9 ? QByteArray("application/octet-stream") : QByteArray("application/json")},
           {"Content-Length", QByteArray::number(body.size())},
           {"X-Firm-Event", "document.updated"},
           {"X-Firm-Delivery", QByteArray::number(i)},
           {"X-Firm-Signature", "t=1700000000,v1=5257a869e7ecebeda32affa62cdca3fa51cad7e77a0e56ff536d0ce8e108d8bd"},
           {"Accept-Encoding", "gzip"},
           {"Connection", "keep-alive"}};
    capture.body = body;
    capture.rawHead = "POST " + capture.target + " HTTP/1.1\r\n";
    for (const HttpHeader& header : capture.headers)
        capture.rawHead += header.first + ": " + header.second + "\r\n";
    capture.rawHead += "\r\n";
    capture.peerAddress = u"127.0.0.1"_s;
    capture.peerPort = quint16(40000 + i % 20000);
    capture.receivedAt = QDateTime::fromMSecsSinceEpoch(1764400000000 + i * 10, Qt::UTC);
    capture.completedAt = capture.receivedAt.addMSecs(1);
    capture.responseStatus = 200;
    return capture;
}

int childWrite(const QString& path, int count)
{
    QList<Capture> captures;
    captures.reserve(count);
    for (int i = 0; i < count; ++i)
        captures.append(makeCapture(i));
    const qint64 before = statusKiB("VmRSS:");
    QElapsedTimer timer;
    timer.start();
    const auto error = HarWriter::writeFile(path, captures);
    const qint64 ms = timer.elapsed();
    if (!error) {
        std::fprintf(stderr, "%s\n", qPrintable(error.error().text()));
        return 1;
    }
    std::printf("%lld %lld %lld\n", ms, statusKiB("VmHWM:"), before);
    return 0;
}

int childRead(const QString& path, int count)
{
    const qint64 before = statusKiB("VmRSS:");
    QElapsedTimer timer;
    timer.start();
    const HarExpected<HarLog> log = HarReader::readFile(path);
    const qint64 ms = timer.elapsed();
    if (!log.has_value() || log->entries.size() != count || !log->errors.isEmpty()) {
        std::fprintf(stderr, "read failed: %s\n",
                     qPrintable(log.has_value() ? log->errors.value(0).text() : log.error().text()));
        return 1;
    }
    std::printf("%lld %lld %lld\n", ms, statusKiB("VmHWM:"), before);
    return 0;
}

struct Run
{
    qint64 ms = 0;
    qint64 peakKiB = 0;
    qint64 startKiB = 0;
};

bool runChild(const QString& phase, const QString& path, int count, Run& run)
{
    QProcess child;
    child.setProcessChannelMode(QProcess::ForwardedErrorChannel);
    child.start(QCoreApplication::applicationFilePath(), {u"--child"_s, phase, path, QString::number(count)});
    if (!child.waitForFinished(600000) || child.exitCode() != 0)
        return false;
    const QList<QByteArray> fields = child.readAllStandardOutput().trimmed().split(' ');
    if (fields.size() != 3)
        return false;
    run = {fields[0].toLongLong(), fields[1].toLongLong(), fields[2].toLongLong()};
    return true;
}

} // namespace

int main(int argc, char** argv)
{
    QCoreApplication app(argc, argv);
    const QStringList args = app.arguments();
    if (args.size() == 5 && args[1] == u"--child")
        return args[2] == u"write" ? childWrite(args[3], args[4].toInt()) : childRead(args[3], args[4].toInt());

    int count = 100000;
    int runs = 5;
    QString dirPath;
    for (qsizetype i = 1; i + 1 < args.size(); i += 2) {
        if (args[i] == u"--count")
            count = args[i + 1].toInt();
        else if (args[i] == u"--runs")
            runs = args[i + 1].toInt();
        else if (args[i] == u"--dir")
            dirPath = args[i + 1];
    }
    QTemporaryDir temporary(dirPath.isEmpty() ? QString() : dirPath + u"/bench_har-XXXXXX");
    const QString path = temporary.filePath(u"bench.har"_s);

    QList<qint64> writeMs, writePeak, writeStart, readMs, readPeak;
    for (int r = 0; r < runs; ++r) {
        Run write;
        Run read;
        if (!runChild(u"write"_s, path, count, write) || !runChild(u"read"_s, path, count, read)) {
            std::fprintf(stderr, "bench_har: a phase failed\n");
            return 1;
        }
        writeMs << write.ms;
        writePeak << write.peakKiB;
        writeStart << write.startKiB;
        readMs << read.ms;
        readPeak << read.peakKiB;
        std::printf("run %d: write %lld ms (peak %lld MiB), read %lld ms (peak %lld MiB)\n", r + 1, write.ms,
                    write.peakKiB / 1024, read.ms, read.peakKiB / 1024);
    }
    const double fileMiB = double(QFileInfo(path).size()) / (1024.0 * 1024.0);
    const double writePeakMiB = double(median(writePeak)) / 1024.0;
    const double capturesMiB = double(median(writeStart)) / 1024.0;
    const double readPeakMiB = double(median(readPeak)) / 1024.0;
    std::printf("captures: %d of about 1 KB; HAR file: %.1f MiB\n", count, fileMiB);
    std::printf("save: median %lld ms over %d runs; peak RSS %.1f MiB = %.2fx the file (of which %.1f MiB are the "
                "captures being saved; the writer's own share is %.1f MiB)\n",
                median(writeMs), runs, writePeakMiB, writePeakMiB / fileMiB, capturesMiB, writePeakMiB - capturesMiB);
    std::printf("open: median %lld ms over %d runs; peak RSS %.1f MiB = %.2fx the file (the captures read included)\n",
                median(readMs), runs, readPeakMiB, readPeakMiB / fileMiB);
    const bool ok
        = median(writeMs) < 2000 && median(readMs) < 2000 && writePeakMiB < 3 * fileMiB && readPeakMiB < 3 * fileMiB;
    std::printf("target (under 2 s each, peak under 3x the file): %s\n", ok ? "met" : "NOT met");
    return 0;
}

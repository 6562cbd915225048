// SPDX-License-Identifier: MIT
// The window's path for Save and Open: 100,000 captures (or the count given) of about 1 KB from the session
// store to a HAR file, and from the HAR file back into the store as a new session. Medians of 3 runs; one run
// above 100,000 captures (1,000,000 make a HAR file of about 2.5 GB: check the free space of the temporary folder).
// Usage: bench_capture_files [count]
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QTemporaryDir>
#include <algorithm>
#include <cstdio>
#include <vector>

#include "Statistics.h"
#include "store/SessionStore.h"
#include "transfer/CaptureFiles.h"

int main(int argc, char** argv)
{
    QCoreApplication app(argc, argv);
    const int count = argc > 1 ? QByteArray(argv[1]).toInt() : 100000;
    const int runs = count > 100000 ? 1 : 3;
    QTemporaryDir dir;
    const QString storePath = dir.filePath(QStringLiteral("sessions.sqlite"));
    SessionStore store;
    if (const Expected<void> opened = store.open(storePath); !opened) {
        std::fprintf(stderr, "%s\n", qPrintable(opened.error().message));
        return 1;
    }
    const qint64 session = *store.createSession(QStringLiteral("bench"));
    QList<Capture> batch;
    for (int i = 0; i < count; ++i) {
        Capture capture;
        capture.sessionId = session;
        capture.method = "POST";
        capture.target = "/hooks/firm?n=" + QByteArray::number(i);
        capture.httpVersion = "HTTP/1.1";
        capture.headers = {{"Host", "127.0.0.1:8787"}, {"Content-Type", "application/json"}, {"User-Agent", "FirmApp"}};
        capture.body = R"({"payload":{"date":"2024-11-08T21:49:46.733Z","events":[{"action":"update","docId":"us)"
            + QByteArray::number(i) + "\"," + "\"diff\":{\"note\":\"" + QByteArray(820, 'x') + "\"}}]},"
            + "\"signature\":\"1821e17f3bb302b589c5a3a04e91766642e90713d99aa83cf047425f15e45d69\"}";
        capture.rawHead = "POST " + capture.target + " HTTP/1.1\r\nHost: 127.0.0.1:8787\r\n\r\n";
        capture.receivedAt = capture.completedAt = QDateTime::currentDateTimeUtc();
        capture.responseStatus = 200;
        batch.append(capture);
        if (batch.size() == 5000) {
            store.append(batch);
            batch.clear();
        }
    }
    const QList<qint64> ids = store.captureIds(session);
    const QString har = dir.filePath(QStringLiteral("session.har"));
    std::vector<double> saves;
    std::vector<double> opens;
    for (int run = 0; run < runs; ++run) {
        QElapsedTimer timer;
        timer.start();
        const CaptureFiles::ExportResult saved = CaptureFiles::exportHar(har, storePath, ids);
        saves.push_back(timer.elapsed());
        if (saved.failure || saved.written != count) {
            std::fprintf(stderr, "save failed\n");
            return 1;
        }
        timer.restart();
        const CaptureFiles::ImportResult opened = CaptureFiles::importHar(har, storePath, 0, QStringLiteral("opened"));
        opens.push_back(timer.elapsed());
        if (opened.failure || opened.imported != count) {
            std::fprintf(stderr, "open failed: %s\n",
                         opened.failure ? qPrintable(opened.failure->message) : "not every capture was imported");
            return 1;
        }
        store.deleteSession(opened.sessionId);
    }
    if (runs == 1)
        std::printf("window path, %d captures of about 1 KB, HAR file %.1f MiB, 1 run\n", count,
                    QFileInfo(har).size() / 1048576.0);
    else
        std::printf("window path, %d captures of about 1 KB, HAR file %.1f MiB, median of %d runs\n", count,
                    QFileInfo(har).size() / 1048576.0, runs);
    std::printf("  save (store -> HAR):             %7.0f ms\n", median(saves));
    std::printf("  open (HAR -> new session store): %7.0f ms\n", median(opens));
    return 0;
}

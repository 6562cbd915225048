// SPDX-License-Identifier: MIT
// The filter engine over a session of 1,000,000 small captures in the store: a query on the summary columns
// only, one on headers, free text (path, headers and body), a body term behind a selective summary term, the
// Firm App event keys and a signature term. Medians of 3 runs.
// Usage: bench_filter [count [query...]]
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QTemporaryDir>
#include <algorithm>
#include <cstdio>
#include <ctime>
#include <vector>

#include "Statistics.h"
#include "filter/FilterEngine.h"
#include "filter/FilterParser.h"
#include "store/SessionStore.h"

namespace {

// The process's CPU time (std::clock on Linux and macOS; the engine runs on one thread): a figure that other
// load on the machine changes less than the elapsed time.
double cpuMs()
{
    return double(std::clock()) * 1000.0 / CLOCKS_PER_SEC;
}

const char* const schemas[] = {"user", "invoice", "contact"};
const char* const actions[] = {"create", "update", "delete"};

Capture makeCapture(qint64 session, int i, const QDateTime& start)
{
    Capture capture;
    capture.sessionId = session;
    capture.method = i % 10 == 0 ? "GET" : "POST";
    capture.target = i % 4 == 0 ? QByteArray("/hooks/github") : "/hooks/firm?n=" + QByteArray::number(i);
    capture.httpVersion = "HTTP/1.1";
    capture.headers = {{"Host", "127.0.0.1:8787"},
                       {"Content-Type", "application/json"},
                       {"User-Agent", "FirmApp/1.0"},
                       {"X-Delivery", "d-" + QByteArray::number(i)}};
    capture.body = R"({"payload":{"date":"2024-11-08T21:49:46.733Z","events":[{"action":")" + QByteArray(actions[i % 3])
        + R"(","schema":")" + schemas[(i / 3) % 3] + R"(","docId":"us)" + QByteArray::number(i)
        + R"("}]},"signature":"1821e17f3bb302b589c5a3a04e91766642e90713d99aa83cf047425f"})";
    capture.rawHead = "POST " + capture.target + " HTTP/1.1\r\nHost: 127.0.0.1:8787\r\n\r\n";
    capture.receivedAt = capture.completedAt = start.addMSecs(i);
    capture.peerAddress = QStringLiteral("127.0.0.1");
    capture.peerPort = 40000;
    capture.responseStatus = i % 50 == 7 ? 500 : (i % 20 == 3 ? 404 : 200);
    return capture;
}

} // namespace

int main(int argc, char** argv)
{
    QCoreApplication app(argc, argv);
    const int count = argc > 1 ? QByteArray(argv[1]).toInt() : 1000000;
    const int runs = 3;
    QTemporaryDir dir;
    const QString storePath = dir.filePath(QStringLiteral("sessions.sqlite"));
    QHash<qint64, FilterSignature> signatures;
    qint64 session = 0;
    QElapsedTimer timer;
    timer.start();
    {
        SessionStore store;
        if (const Expected<void> opened = store.open(storePath, SessionStore::Durability::Normal); !opened) {
            std::fprintf(stderr, "%s\n", qPrintable(opened.error().message));
            return 1;
        }
        session = *store.createSession(QStringLiteral("bench"));
        const QDateTime start = QDateTime::currentDateTimeUtc().addDays(-1);
        QList<Capture> batch;
        for (int i = 0; i < count; ++i) {
            batch.append(makeCapture(session, i, start));
            if (batch.size() == 10000 || i + 1 == count) {
                if (const Expected<void> appended = store.append(batch); !appended) {
                    std::fprintf(stderr, "%s\n", qPrintable(appended.error().message));
                    return 1;
                }
                for (const Capture& capture : std::as_const(batch))
                    signatures.insert(capture.id,
                                      {capture.id % 3 ? FilterSignatureState::Valid : FilterSignatureState::Invalid,
                                       SignatureScheme::FirmApp});
                batch.clear();
            }
        }
    }
    std::printf("filter engine, %d captures of about %d bytes in one session (store %.0f MiB, built in %.1f s), "
                "median of %d runs\n",
                count, int(makeCapture(session, count / 2, QDateTime::currentDateTimeUtc()).body.size()),
                QFileInfo(storePath).size() / 1048576.0, timer.elapsed() / 1000.0, runs);

    QList<std::pair<QByteArray, QByteArray>> queries = {
        {"summary only", "method:post path:/hooks/firm status:>=400"},
        {"header", "header:x-delivery=d-12345*"},
        {"free text (path, headers, body)", "us123456"},
        {"body key", "body:us123456"},
        {"body behind a summary term", "method:get body:invoice"},
        {"Firm App events (JSON read)", "schema:invoice action:delete"},
        {"signature", "sig:invalid method:post"},
    };
    // Queries given after the count replace the standard set.
    if (argc > 2) {
        queries.clear();
        for (int i = 2; i < argc; ++i)
            queries.append({"given", argv[i]});
    }
    for (const auto& [label, text] : std::as_const(queries)) {
        const FilterParseResult parsed = FilterParser::parse(QString::fromUtf8(text));
        if (!parsed.ok()) {
            std::fprintf(stderr, "%s: %s\n", text.constData(), qPrintable(parsed.error->toString()));
            return 1;
        }
        std::vector<double> times;
        std::vector<double> cpuTimes;
        FilterRunResult result;
        for (int run = 0; run < runs; ++run) {
            timer.restart();
            const double cpuStart = cpuMs();
            result = FilterEngine::matchingIds(storePath, session, parsed.query, signatures);
            cpuTimes.push_back(cpuMs() - cpuStart);
            times.push_back(double(timer.nsecsElapsed()) / 1e6);
            if (result.error) {
                std::fprintf(stderr, "%s: %s\n", text.constData(), qPrintable(result.error->message));
                return 1;
            }
        }
        std::printf("  %-32s %-43s %6.0f ms (CPU %6.0f ms) %7lld matches, %7lld contents read%s\n", label.constData(),
                    text.constData(), median(times), median(cpuTimes), static_cast<long long>(result.ids.size()),
                    static_cast<long long>(result.contentReads), result.bulkContent ? " (with the scan)" : "");
    }
    return 0;
}

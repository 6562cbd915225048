// SPDX-License-Identifier: MIT
// Prints how long re-verifying 100,000 captures (or the count given) takes when the secret changes (median
// of several runs): once with the right secret (all valid) and once with a wrong one (every capture goes
// through forensics). 5 runs; 3 above 100,000 captures (a run with forensics over 1,000,000 takes about 20 s).
// Usage: bench_reverify [count]
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QTemporaryDir>
#include <algorithm>
#include <cstdio>
#include <vector>

#include "signature/Hmac.h"
#include "signature/ReverificationService.h"
#include "store/SessionStore.h"
#include "store/StoredCaptures.h"

namespace {

QList<Capture> makeCaptures(const QByteArray& secret, int count)
{
    QList<Capture> captures;
    captures.reserve(count);
    const QDateTime received = QDateTime::fromSecsSinceEpoch(1700000000, Qt::UTC);
    for (int i = 0; i < count; ++i) {
        Capture capture;
        capture.id = i + 1;
        capture.method = "POST";
        capture.receivedAt = received;
        const QByteArray n = QByteArray::number(i);
        switch (i % 4) {
        case 0: { // Firm App as sent: compact, the raw bytes match
            const QByteArray payload
                = R"({"date":"2024-11-08T21:49:46.733Z","events":[{"action":"update","schema":"user",)"
                  R"("docId":"us)"
                + n + R"(","diff":{"name":"Sam Smith"}}]})";
            capture.body = "{\"payload\":" + payload + ",\"signature\":\""
                + Hmac::compute(HmacAlgorithm::Sha256, secret, payload).toHex() + "\"}";
            break;
        }
        case 1: { // Firm App pretty-printed by a relay: matches after re-serialization
            const QByteArray payload = "{\"n\":" + n + ",\"name\":\"caf\xc3\xa9\",\"list\":[1,2,3]}";
            capture.body = "{\n  \"payload\": {\n    \"n\": " + n
                + ",\n    \"name\": \"caf\\u00e9\",\n    \"list\": [1, 2, 3]\n  },\n  \"signature\": \""
                + Hmac::compute(HmacAlgorithm::Sha256, secret, payload).toHex() + "\"\n}";
            break;
        }
        case 2:
            capture.body = R"({"action":"opened","number":)" + n + R"(,"repository":{"full_name":"o/r"}})";
            capture.headers = {HttpHeader(
                "X-Hub-Signature-256", "sha256=" + Hmac::compute(HmacAlgorithm::Sha256, secret, capture.body).toHex())};
            break;
        default: {
            capture.body = R"({"id":"evt_)" + n + R"(","object":"event"})";
            const QByteArray signedContent = "1700000000." + capture.body;
            capture.headers = {
                HttpHeader("Stripe-Signature",
                           "t=1700000000,v1=" + Hmac::compute(HmacAlgorithm::Sha256, secret, signedContent).toHex())};
            break;
        }
        }
        captures.append(capture);
    }
    return captures;
}

double runOnce(ReverificationService& service, const SecretSet& secrets, const SignatureOptions& options,
               qsizetype expected, int* valid)
{
    QEventLoop loop;
    qsizetype delivered = 0;
    *valid = 0;
    const auto connection = QObject::connect(&service, &ReverificationService::reverified, &loop,
                                             [&](quint64, const ReverificationBatch& batch) {
                                                 delivered = batch.size();
                                                 for (const ReverifiedCapture& item : batch)
                                                     *valid += item.result.isValid();
                                                 loop.quit();
                                             });
    QElapsedTimer timer;
    timer.start();
    service.reverify(secrets, options);
    loop.exec();
    const double ms = double(timer.nsecsElapsed()) / 1e6;
    QObject::disconnect(connection);
    if (delivered != expected)
        std::fprintf(stderr, "expected %lld results, got %lld\n", static_cast<long long>(expected),
                     static_cast<long long>(delivered));
    return ms;
}

} // namespace

int main(int argc, char** argv)
{
    QCoreApplication app(argc, argv);
    const int count = argc > 1 ? QByteArray(argv[1]).toInt() : 100000;
    const int runs = count > 100000 ? 3 : 5;
    const QList<Capture> captures = makeCaptures("bench-secret", count);
    ReverificationService service;
    service.setCaptures(captures);

    struct Scenario
    {
        const char* label;
        QByteArray secret;
        bool forensics;
    };
    const Scenario scenarios[] = {{"right secret", "bench-secret", true},
                                  {"wrong secret, forensics on", "other-secret", true},
                                  {"wrong secret, forensics off", "other-secret", false}};
    for (const Scenario& scenario : scenarios) {
        SecretSet secrets;
        secrets.add(QStringLiteral("bench"), scenario.secret);
        SignatureOptions options;
        options.forensics = scenario.forensics;
        std::vector<double> times;
        int valid = 0;
        for (int i = 0; i < runs; ++i)
            times.push_back(runOnce(service, secrets, options, count, &valid));
        std::sort(times.begin(), times.end());
        std::printf("reverify %d captures in memory, %s: median %.1f ms (min %.1f, max %.1f, %d runs, %d threads), "
                    "%d valid\n",
                    count, scenario.label, times[runs / 2], times.front(), times.back(), runs,
                    QThreadPool::globalInstance()->maxThreadCount(), valid);
        std::fflush(stdout);
    }

    // The window's path: captures read from the session store by the pool's own connections.
    QTemporaryDir dir;
    SessionStore store;
    if (dir.isValid() && store.open(dir.filePath(QStringLiteral("bench.sqlite")), SessionStore::Durability::Normal)) {
        const Expected<qint64> session = store.createSession(QStringLiteral("bench"));
        QList<Capture> stored = captures;
        for (Capture& capture : stored) {
            capture.id = 0;
            capture.sessionId = session.value_or(0);
        }
        if (session && store.append(stored)) {
            store.close();
            ReverificationService fromStore;
            fromStore.setSource(
                std::make_shared<StoredCaptures>(dir.filePath(QStringLiteral("bench.sqlite")), *session));
            SecretSet secrets;
            secrets.add(QStringLiteral("bench"), "bench-secret");
            std::vector<double> times;
            int valid = 0;
            for (int i = 0; i < runs; ++i)
                times.push_back(runOnce(fromStore, secrets, SignatureOptions(), count, &valid));
            std::sort(times.begin(), times.end());
            std::printf("reverify %d captures from the session store, right secret: median %.1f ms (min %.1f, max "
                        "%.1f, %d runs), %d valid\n",
                        count, times[runs / 2], times.front(), times.back(), runs, valid);
        }
    }
    return 0;
}

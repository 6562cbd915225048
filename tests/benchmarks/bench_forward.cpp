// SPDX-License-Identifier: MIT
// Prints the senders' answer latency (median and 99th percentile) of the capture endpoint with and without
// live forwarding of every capture to a local target, and how long the forwards took to drain. Forwarding
// runs after the capture is stored and answered, so the senders should see no difference.
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QTemporaryDir>
#include <QThread>
#include <cstdio>
#include <future>

#include "../support/BurstSender.h"
#include "../support/ReplayReceiver.h"
#include "endpoint/Endpoint.h"
#include "replay/LiveForwarder.h"

namespace {

constexpr int senders = 4;
constexpr int requestsEach = 1000;

// The target on its own thread, as a separate receiving program would be.
class ReceiverThread final : public QThread
{
public:
    std::promise<quint16> port;
    void run() override
    {
        ReplayReceiver receiver;
        receiver.answer = "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok";
        receiver.listenLocal();
        port.set_value(receiver.serverPort());
        exec();
    }
};

double percentile(std::vector<double> values, double p)
{
    if (values.empty())
        return 0;
    std::sort(values.begin(), values.end());
    return values[std::min(values.size() - 1, size_t(double(values.size()) * p))];
}

struct Run
{
    BurstResult burst;
    qint64 drainedMs = 0; // from the first request until the last forward ended
    qint64 forwarded = 0;
};

Run measure(bool forward, quint16 targetPort, const QString& storePath)
{
    Endpoint endpoint;
    EndpointConfig config;
    config.server.port = 0;
    config.storePath = storePath;
    if (const Expected<void> started = endpoint.start(config); !started.has_value()) {
        std::fprintf(stderr, "cannot start the endpoint: %s\n", qPrintable(started.error().message));
        std::exit(1);
    }
    LiveForwarder forwarder;
    ReplayTarget target;
    target.url = QUrl(QStringLiteral("http://127.0.0.1:%1/in").arg(targetPort));
    forwarder.setTarget(target);
    forwarder.setEnabled(forward);
    Run run;
    QObject::connect(&endpoint, &Endpoint::capturesStored, &forwarder, &LiveForwarder::enqueue);
    QObject::connect(&forwarder, &LiveForwarder::attemptFinished, &forwarder,
                     [&run](const Capture&, const ReplayAttempt&) { ++run.forwarded; });
    QElapsedTimer clock;
    clock.start();
    auto burst = std::async(std::launch::async, [&endpoint] {
        return sendBurst(endpoint.port(), senders, requestsEach, R"({"payload":{"n":1},"signature":"00"})");
    });
    while (burst.wait_for(std::chrono::milliseconds(0)) != std::future_status::ready)
        QCoreApplication::processEvents(QEventLoop::AllEvents, 5);
    run.burst = burst.get();
    const qint64 expected = forward ? qint64(run.burst.latenciesMs.size()) : 0;
    while (run.forwarded < expected && clock.elapsed() < 300000)
        QCoreApplication::processEvents(QEventLoop::AllEvents, 5);
    run.drainedMs = clock.elapsed();
    endpoint.stop();
    return run;
}

} // namespace

int main(int argc, char** argv)
{
    QCoreApplication app(argc, argv);
    QTemporaryDir dir;
    ReceiverThread receiver;
    receiver.start();
    const quint16 targetPort = receiver.port.get_future().get();
    std::printf("%d senders x %d requests each, keep-alive, durable store (synchronous=FULL)\n", senders, requestsEach);
    for (int round = 0; round < 2; ++round) {
        for (const bool forward : {false, true}) {
            const Run run
                = measure(forward, targetPort, dir.filePath(QStringLiteral("s%1%2.sqlite").arg(round).arg(forward)));
            std::printf("%-18s answers %zu (failed %d): median %.3f ms, p99 %.3f ms; %s\n",
                        forward ? "with forwarding" : "without forwarding", run.burst.latenciesMs.size(),
                        run.burst.failures, median(run.burst.latenciesMs), percentile(run.burst.latenciesMs, 0.99),
                        forward ? qPrintable(
                            QStringLiteral("%1 forwarded, all done after %2 ms").arg(run.forwarded).arg(run.drainedMs))
                                : "nothing forwarded");
        }
    }
    receiver.quit();
    receiver.wait();
    return 0;
}

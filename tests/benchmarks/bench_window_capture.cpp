// SPDX-License-Identifier: MIT
// The window under load: the real MainWindow (offscreen) listening on a port with a signing secret set through
// its secrets panel, so every arrival is checked as in use. It prints "ready" once listening; load comes from
// outside (tests/benchmarks/capture_bench.py drives it with wrk). On SIGTERM, SIGINT or after --seconds it
// prints the longest UI-thread stall and the median and p99 of the timer gaps (beyond the 2 ms interval),
// then how many rows the table showed then and once it caught up with the store, how many verified, and quits.
//   bench_window_capture --port N --store FILE --secret S [--seconds N]
#include <QApplication>
#include <QCommandLineParser>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QSocketNotifier>
#include <QTemporaryDir>
#include <QTimer>
#include <csignal>
#include <cstdio>

#include <sys/socket.h>
#include <unistd.h>

#include "StallMeter.h"
#include "session/CaptureTableModel.h"
#include "session/SessionController.h"
#include "settings/Settings.h"
#include "widgets/SecretsPanel.h"
#include "window/MainWindow.h"

namespace {

int signalPipe[2] = {-1, -1};

void onSignal(int)
{
    const char byte = 1;
    [[maybe_unused]] const ssize_t written = ::write(signalPipe[1], &byte, 1);
}

// Turns the event loop until done() or the time is up; false when the time ran out.
template<typename Done>
bool waitFor(Done done, int msecs)
{
    QElapsedTimer clock;
    clock.start();
    while (!done()) {
        if (clock.elapsed() >= msecs)
            return false;
        QCoreApplication::processEvents(QEventLoop::AllEvents, 5);
    }
    return true;
}

} // namespace

int main(int argc, char** argv)
{
    qputenv("QT_QPA_PLATFORM", qgetenv("QT_QPA_PLATFORM").isEmpty() ? "offscreen" : qgetenv("QT_QPA_PLATFORM"));
    QApplication app(argc, argv);
    QCommandLineParser parser;
    const QCommandLineOption port(QStringLiteral("port"), QStringLiteral("Port to listen on."), QStringLiteral("N"));
    const QCommandLineOption store(QStringLiteral("store"), QStringLiteral("Session database."),
                                   QStringLiteral("FILE"));
    const QCommandLineOption secret(QStringLiteral("secret"), QStringLiteral("Signing secret, set in the window."),
                                    QStringLiteral("S"));
    const QCommandLineOption seconds(QStringLiteral("seconds"), QStringLiteral("Quit after this long (default 600)."),
                                     QStringLiteral("N"), QStringLiteral("600"));
    parser.addOptions({port, store, secret, seconds});
    parser.process(app);
    bool portOk = false;
    const uint portNumber = parser.value(port).toUInt(&portOk);
    bool secondsOk = false;
    const double runSeconds = parser.value(seconds).toDouble(&secondsOk);
    if (!portOk || portNumber == 0 || portNumber > 65535 || !parser.isSet(store) || !parser.isSet(secret) || !secondsOk
        || runSeconds <= 0) {
        std::fprintf(stderr, "usage: bench_window_capture --port N --store FILE --secret S [--seconds N]\n");
        return 2;
    }

    QTemporaryDir dir;
    auto settings = Settings::createTemporary(dir.filePath(QStringLiteral("settings.ini")));
    WindowOptions options;
    options.endpoint.server.port = quint16(portNumber);
    options.endpoint.storePath = parser.value(store);
    options.continueLastSession = false;
    MainWindow window(options, settings.get());
    window.resize(1400, 900);
    window.show();
    if (!waitFor([&] { return window.controller()->isReady(); }, 60000)) {
        std::fprintf(stderr, "the window did not get ready in 60 s\n");
        return 1;
    }
    auto* secrets = window.findChild<SecretsPanel*>();
    if (!secrets) {
        std::fprintf(stderr, "no secrets panel in the window\n");
        return 1;
    }
    secrets->setFirstSecret(parser.value(secret));
    if (!waitFor([&] { return !window.controller()->secrets().isEmpty(); }, 5000) || !window.endpoint()->isRunning()
        || window.endpoint()->port() != portNumber) {
        std::fprintf(stderr, "the window is not listening on port %u with the secret set\n", portNumber);
        return 1;
    }

    if (::socketpair(AF_UNIX, SOCK_STREAM, 0, signalPipe) != 0) {
        std::fprintf(stderr, "cannot watch for signals\n");
        return 1;
    }
    // A loop of its own, not QApplication::exec(): once exec() has returned the application is closing, and
    // the work that follows (the table and the checks catching up) would not be that of a running window.
    QEventLoop loop;
    QSocketNotifier notifier(signalPipe[0], QSocketNotifier::Read);
    QObject::connect(&notifier, &QSocketNotifier::activated, &loop, &QEventLoop::quit);
    struct sigaction action = {};
    action.sa_handler = onSignal;
    sigemptyset(&action.sa_mask);
    action.sa_flags = SA_RESTART;
    sigaction(SIGINT, &action, nullptr);
    sigaction(SIGTERM, &action, nullptr);
    QTimer::singleShot(int(runSeconds * 1000), &loop, &QEventLoop::quit);

    StallMeter meter(2);
    meter.start();
    std::printf("ready\n");
    std::fflush(stdout);
    loop.exec();
    meter.stop();
    std::printf("longest stall %.1f ms, gaps median %.2f ms, p99 %.2f ms (%lld ticks of 2 ms, %lld over 50 ms)\n",
                meter.longest(), meter.percentile(0.5), meter.percentile(0.99), static_cast<long long>(meter.gaps()),
                static_cast<long long>(meter.over(50)));
    std::printf("stall_ms=%.3f gap_median_ms=%.3f gap_p99_ms=%.3f ticks=%lld\n", meter.longest(), meter.percentile(0.5),
                meter.percentile(0.99), static_cast<long long>(meter.gaps()));

    // The table and the checks may lag behind the store: the time they take to catch up is reported, not hidden.
    // Stopping the endpoint delivers the captures it stored last; then every row is waited for, and its check.
    CaptureTableModel* model = window.captureModel();
    const int rowsAtStop = model->rowCount();
    QElapsedTimer drain;
    drain.start();
    window.controller()->stopEndpoint();
    const bool caughtUp = waitFor(
        [&] {
            return model->rowCount() >= window.controller()->captureCount()
                && model->validCount() + model->invalidCount() >= model->rowCount();
        },
        15000);
    const qint64 caughtUpMs = drain.elapsed();
    int states[4] = {}; // unknown (not checked), valid, invalid, neutral
    int firstUnchecked = -1;
    int lastUnchecked = -1;
    for (int row = 0; row < model->rowCount(); ++row) {
        const int state = qBound(0, model->index(row, 0).data(CaptureTableModel::SignatureStateRole).toInt(), 3);
        ++states[state];
        if (state == 0) {
            firstUnchecked = firstUnchecked < 0 ? row : firstUnchecked;
            lastUnchecked = row;
        }
    }
    std::printf("rows_at_stop=%d rows=%d valid=%d invalid=%d unchecked=%d neutral=%d caught_up=%s caught_up_ms=%lld\n",
                rowsAtStop, model->rowCount(), model->validCount(), model->invalidCount(), states[0], states[3],
                caughtUp ? "yes" : "no", static_cast<long long>(caughtUpMs));
    // Where the unchecked rows are (table rows in arrival order, 0 first): -1 when there are none.
    std::printf("unchecked_first_row=%d unchecked_last_row=%d\n", firstUnchecked, lastUnchecked);
    std::fflush(stdout);
    window.close();
    ::close(signalPipe[0]);
    ::close(signalPipe[1]);
    return 0;
}

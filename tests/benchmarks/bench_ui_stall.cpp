// SPDX-License-Identifier: MIT
// Stall probe: the longest time the window's UI thread does not turn its event loop, while
//   1. a session of 100,000 captures loads and 200 deliveries a second arrive through the real endpoint, and
//   2. a capture with a 50 MiB body is selected (its body, JSON tree and analysis load).
// A 2 ms timer on the UI thread measures the gaps between its ticks; a stall is a gap beyond the interval.
// Target: under 50 ms. Run offscreen:  QT_QPA_PLATFORM=offscreen bench_ui_stall [CAPTURES]
#include <QApplication>
#include <QElapsedTimer>
#include <QTabWidget>
#include <QTableView>
#include <QTemporaryDir>
#include <QTimer>
#include <algorithm>
#include <atomic>
#include <cstdio>
#include <thread>

#include "RawHttp.h"
#include "StallMeter.h"
#include "session/CaptureTableModel.h"
#include "session/SessionController.h"
#include "settings/Settings.h"
#include "store/SessionStore.h"
#include "window/MainWindow.h"

namespace {

Capture jsonCapture(qint64 session, const QByteArray& target, const QByteArray& body)
{
    Capture capture;
    capture.sessionId = session;
    capture.method = "POST";
    capture.target = target;
    capture.httpVersion = "HTTP/1.1";
    capture.headers = {{"Content-Type", "application/json"}};
    capture.body = body;
    capture.receivedAt = capture.completedAt = QDateTime::currentDateTimeUtc();
    capture.responseStatus = 200;
    capture.peerAddress = QStringLiteral("127.0.0.1");
    return capture;
}

void runFor(int msecs)
{
    QElapsedTimer clock;
    clock.start();
    while (clock.elapsed() < msecs)
        QCoreApplication::processEvents(QEventLoop::AllEvents, 5);
}

void report(const char* phase, const StallMeter& meter)
{
    std::printf("%-46s longest stall %7.1f ms   p99 %5.1f ms   gaps over 50 ms: %lld\n", phase, meter.longest(),
                meter.percentile(0.99), static_cast<long long>(meter.over(50)));
}

} // namespace

int main(int argc, char** argv)
{
    qputenv("QT_QPA_PLATFORM", qgetenv("QT_QPA_PLATFORM").isEmpty() ? "offscreen" : qgetenv("QT_QPA_PLATFORM"));
    QApplication app(argc, argv);
    const int count = argc > 1 ? std::max(1, std::atoi(argv[1])) : 100000;
    QTemporaryDir dir;
    const QString storePath = dir.filePath(QStringLiteral("sessions.sqlite"));

    // A session of `count` Firm App-sized captures, and one with a 50 MiB JSON body.
    qint64 bigId = 0;
    {
        SessionStore store;
        if (!store.open(storePath))
            return 2;
        const qint64 session = store.createSession(QStringLiteral("stall probe")).value_or(0);
        const QByteArray body
            = R"({"payload":{"events":[{"action":"update","doc":{"id":"d1","v":1}}]},"signature":"00"})";
        QList<Capture> batch;
        for (int i = 0; i < count; ++i) {
            batch.append(jsonCapture(session, "/hooks/firm", body));
            if (batch.size() == 5000 || i == count - 1) {
                if (!store.append(batch))
                    return 2;
                batch.clear();
            }
        }
        QByteArray big = "{\"items\":[";
        while (big.size() < 50 * 1024 * 1024)
            big += R"({"id":12345,"name":"an item with a name","tags":["a","b","c"],"ok":true},)";
        big.chop(1);
        big += "]}";
        QList<Capture> one {jsonCapture(session, "/hooks/big", big)};
        if (!store.append(one))
            return 2;
        bigId = one.first().id;
    }

    auto settings = Settings::createTemporary(dir.filePath(QStringLiteral("settings.ini")));
    WindowOptions options;
    options.endpoint.server.port = 0;
    options.endpoint.storePath = storePath;
    options.continueLastSession = true;
    StallMeter meter(2);

    // Phase 1: start, load the session, and take 200 deliveries a second meanwhile.
    meter.start();
    QElapsedTimer started;
    started.start();
    MainWindow window(options, settings.get());
    window.resize(1400, 900);
    window.show();
    while (!window.controller()->isReady() && started.elapsed() < 60000)
        QCoreApplication::processEvents(QEventLoop::AllEvents, 5);
    const quint16 port = window.endpoint()->port();
    std::atomic<bool> sending {true};
    std::atomic<int> sent {0};
    std::thread sender([port, &sending, &sent] {
        QElapsedTimer clock;
        clock.start();
        while (sending && clock.elapsed() < 60000) {
            const qint64 due = qint64(sent.load()) * 5; // 200 a second
            if (clock.elapsed() < due) {
                std::this_thread::sleep_for(std::chrono::milliseconds(1));
                continue;
            }
            postRaw(port, "/hooks/firm", R"({"payload":{"events":[]},"signature":"00"})");
            ++sent;
        }
    });
    while (window.captureModel()->rowCount() < count && started.elapsed() < 60000)
        QCoreApplication::processEvents(QEventLoop::AllEvents, 5);
    const qint64 loadedMs = started.elapsed();
    runFor(5000); // arrivals go on with the session loaded
    meter.stop();
    sending = false;
    sender.join();
    std::printf("%d captures loaded in %lld ms; %d deliveries sent at 200/s, %d rows in the table\n", count,
                static_cast<long long>(loadedMs), sent.load(), window.captureModel()->rowCount());
    report("load 100k + 200 arrivals/s:", meter);

    // Phase 2: select the 50 MiB capture and look at its tabs.
    auto* table = window.findChild<QTableView*>(QStringLiteral("captureTableView"));
    meter.start();
    started.restart();
    StallMeter step(2);
    step.start();
    const int source = window.captureModel()->rowOfId(bigId);
    for (int row = 0; row < table->model()->rowCount(); ++row) {
        if (table->model()->index(row, 0).data(CaptureTableModel::IdRole).toLongLong() == bigId) {
            table->selectRow(row);
            break;
        }
    }
    // Every tab in turn, a second each: Overview, Headers, Body, JSON tree, Raw, Signature, Events, Replay.
    runFor(1000);
    step.stop();
    report("  selected (Overview)", step);
    if (auto* tabs = window.findChild<QTabWidget*>()) {
        for (int tab = 1; tab < tabs->count(); ++tab) {
            step.start();
            if (qEnvironmentVariableIsSet("HOOKBENCH_STALL_TRACE"))
                std::printf("    tab %d at %lld ms\n", tab, static_cast<long long>(started.elapsed()));
            tabs->setCurrentIndex(tab);
            runFor(1000);
            step.stop();
            report(qPrintable(QStringLiteral("  tab ") + tabs->tabText(tab).remove(QLatin1Char('&'))), step);
        }
    }
    runFor(2000);
    meter.stop();
    std::printf("50 MiB capture (row %d in the model) selected\n", source);
    report("select a 50 MiB capture:", meter);
    std::printf("  (the longest stall ended %lld ms after the selection)\n",
                static_cast<long long>(meter.longestEndedAtMs()));
    return 0;
}

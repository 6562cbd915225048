// SPDX-License-Identifier: MIT
// Prints what the captures table costs the UI thread: loading a session of 300,000 summaries, and the
// per-turn cost of a burst arriving in batches (one beginInsertRows per event-loop turn), with a proxy
// sorting by time on top as in the window. Medians of several runs.
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QSet>
#include <QSortFilterProxyModel>
#include <algorithm>
#include <cstdio>
#include <vector>

#include "Statistics.h"
#include "session/CaptureTableModel.h"

namespace {

QList<CaptureSummary> make(qint64 firstId, int count)
{
    QList<CaptureSummary> list;
    list.reserve(count);
    const QDateTime now = QDateTime::currentDateTimeUtc();
    for (int i = 0; i < count; ++i) {
        CaptureSummary summary;
        summary.id = firstId + i;
        summary.method = "POST";
        summary.target = "/hooks/firm/" + QByteArray::number(firstId + i);
        summary.bodyBytes = 1000 + i % 500;
        summary.responseStatus = 200;
        summary.receivedAt = now;
        list.append(summary);
    }
    return list;
}

} // namespace

int main(int argc, char** argv)
{
    QCoreApplication app(argc, argv);
    const int total = 300000;
    const int runs = 5;
    const QList<CaptureSummary> session = make(1, total);

    std::vector<double> loads;
    std::vector<double> turns;
    std::vector<double> filters;
    for (int run = 0; run < runs; ++run) {
        CaptureTableModel model;
        QSortFilterProxyModel proxy;
        proxy.setSourceModel(&model);
        proxy.setSortRole(CaptureTableModel::SortRole);
        proxy.sort(CaptureTableModel::TimeColumn);

        QElapsedTimer timer;
        timer.start();
        model.reset(session);
        loads.push_back(timer.nsecsElapsed() / 1e6);

        // A burst of 10,000 arriving as 10 turns of 1,000.
        std::vector<double> perTurn;
        for (int turn = 0; turn < 10; ++turn) {
            model.enqueue(make(total + 1 + turn * 1000, 1000));
            timer.restart();
            model.flushQueued();
            perTurn.push_back(timer.nsecsElapsed() / 1e6);
        }
        turns.push_back(median(perTurn));

        // The window's filter runs this on a worker thread, then applies the matching ids.
        timer.restart();
        const QList<CaptureSummary> rows = model.summaries();
        QSet<qint64> matches;
        for (const CaptureSummary& row : rows) {
            if (CaptureTableModel::matches(row, QStringLiteral("/hooks/firm/12345")))
                matches.insert(row.id);
        }
        filters.push_back(timer.nsecsElapsed() / 1e6);
        if (matches.size() != 11)
            std::printf("unexpected match count %lld\n", static_cast<long long>(matches.size()));
    }
    std::printf("table model, %d captures, median of %d runs\n", total, runs);
    std::printf("  load a session (reset + sorted proxy): %8.1f ms\n", median(loads));
    std::printf("  one turn of 1,000 arrivals:            %8.2f ms\n", median(turns));
    std::printf("  filter by text (worker thread):        %8.1f ms\n", median(filters));
    return 0;
}

// SPDX-License-Identifier: MIT
#pragma once

// Test and benchmark helper: senders on their own threads (blocking sockets, no event loop), each posting
// requests one after another over a keep-alive connection to 127.0.0.1:port and timing every answer.

#include <QByteArray>
#include <QElapsedTimer>
#include <QHostAddress>
#include <QTcpSocket>
#include <algorithm>
#include <thread>
#include <vector>

#include "Statistics.h"

struct BurstResult
{
    std::vector<double> latenciesMs; // one per answered request
    int failures = 0;
};

inline BurstResult sendBurst(quint16 port, int senders, int requestsEach, const QByteArray& body)
{
    std::vector<BurstResult> parts(static_cast<size_t>(senders));
    std::vector<std::thread> threads;
    for (int s = 0; s < senders; ++s) {
        threads.emplace_back([&parts, s, port, requestsEach, body] {
            BurstResult& result = parts[size_t(s)];
            QTcpSocket socket;
            socket.connectToHost(QHostAddress::LocalHost, port);
            if (!socket.waitForConnected(5000)) {
                result.failures = requestsEach;
                return;
            }
            QByteArray pending;
            for (int i = 0; i < requestsEach; ++i) {
                const QByteArray request = "POST /burst/" + QByteArray::number(s) + '/' + QByteArray::number(i)
                    + " HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: "
                    + QByteArray::number(body.size()) + "\r\n\r\n" + body;
                QElapsedTimer clock;
                clock.start();
                socket.write(request);
                bool answered = false;
                while (socket.waitForReadyRead(10000)) {
                    pending += socket.readAll();
                    const qsizetype end = pending.indexOf("\r\n\r\n");
                    if (end < 0)
                        continue;
                    qint64 length = 0;
                    const qsizetype at = pending.toLower().indexOf("content-length:");
                    if (at >= 0 && at < end)
                        length = pending.mid(at + 15, pending.indexOf('\r', at) - at - 15).trimmed().toLongLong();
                    if (pending.size() < end + 4 + length)
                        continue;
                    answered = pending.startsWith("HTTP/1.1 2");
                    pending.remove(0, end + 4 + length);
                    break;
                }
                if (answered)
                    result.latenciesMs.push_back(double(clock.nsecsElapsed()) / 1e6);
                else
                    ++result.failures;
            }
        });
    }
    for (std::thread& thread : threads)
        thread.join();
    BurstResult all;
    for (const BurstResult& part : parts) {
        all.latenciesMs.insert(all.latenciesMs.end(), part.latenciesMs.begin(), part.latenciesMs.end());
        all.failures += part.failures;
    }
    return all;
}

// SPDX-License-Identifier: MIT
#pragma once

#include <QHostAddress>

#include "http/RequestParser.h"
#include "http/ResponseRules.h"

struct ServerConfig
{
    QHostAddress bindAddress = QHostAddress(QHostAddress::LocalHost);
    quint16 port = 8787; // 0 picks a free port
    HttpLimits limits;
    int maxConnections = 1024;
    int headerTimeoutMs = 10000; // a request head must be complete this long after it started
    int idleTimeoutMs = 120000; // a connection with nothing in flight closes after this long; mid-request,
                                // this long without a byte is 408
    int requestTimeoutMs = 300000; // a request (head, body, chunk framing, trailers) must be complete
                                   // this long after its first byte, else 408
    // Back-pressure: a connection stops reading while this many answers are pending or while more
    // than maxOutgoingBytes of answers wait for the client to read them.
    int maxPendingAnswers = 32;
    qint64 maxOutgoingBytes = 1024 * 1024;
    qint64 readChunkBytes = 64 * 1024; // what one connection reads from its socket at a time
    // Bodies in flight across all connections. Over it, only the connection holding the largest body
    // reads on (so one body always progresses); bodies under smallBodyBytes always proceed.
    qint64 bodyBudgetBytes = 256LL * 1024 * 1024;
    qint64 smallBodyBytes = 64 * 1024;
    ResponseRules rules;
};

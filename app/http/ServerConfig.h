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
    int idleTimeoutMs = 120000; // a connection with nothing in flight closes after this long
    ResponseRules rules;
};

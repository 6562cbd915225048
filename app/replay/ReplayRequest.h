// SPDX-License-Identifier: MIT
#pragma once

#include <QByteArray>
#include <QString>
#include <QUrl>
#include <functional>

#include "core/Capture.h"
#include "core/Expected.h"
#include "replay/ResponseParser.h"

// What is sent: exactly these headers in this order (the client sets Host and Content-Length for the
// target), and the body byte for byte.
struct ReplayRequest
{
    QByteArray method = "POST";
    QUrl url; // http or https
    HttpHeaders headers;
    QByteArray body;

    // The request target written on the request line: path and query as given, "/" when empty.
    QByteArray requestTarget() const;
    // The bytes the client writes: request line, Host for the target, the headers, Content-Length
    // (when there is a body, or the method normally has one), blank line, body.
    QByteArray serialize() const;

    // Headers that describe one connection, never forwarded (RFC 9110 section 7.6.1), plus Host,
    // Content-Length and Expect, which the client decides for the target.
    static bool isConnectionHeader(QByteArrayView name);
    // The capture's headers minus those, and minus every name listed in its Connection header.
    static HttpHeaders forwardableHeaders(const HttpHeaders& headers);
};

struct ClientOptions
{
    int timeoutMs = 30000; // the whole exchange: connect, TLS, send and answer
    bool verifyCertificates = true;
    QString caFile; // PEM certificates trusted besides the system's
    ResponseLimits limits;
    // Tests replace name resolution (which would leave the machine): the address to connect to, or NotFound
    // with the message to report.
    std::function<Expected<QString>(const QString& host)> resolve;

    // These options with the connection settings (timeout, certificate checks, CA file) of `connection`, such as
    // a target's; the limits and the resolver stay.
    ClientOptions withConnection(const ClientOptions& connection) const;
};

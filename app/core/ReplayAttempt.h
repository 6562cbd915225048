// SPDX-License-Identifier: MIT
#pragma once

#include <QByteArray>
#include <QDateTime>
#include <QString>

#include "core/Capture.h"

// Why an attempt got no (complete) answer. Stable names: store, HAR and --json use them.
enum class ReplayErrorKind
{
    None,
    InvalidUrl,
    ConnectionRefused,
    HostNotFound,
    Tls, // the certificate problem is named in the message
    Timeout,
    Closed, // the receiver closed the connection before the answer was complete
    TooLarge, // the answer went on past the read limit
    BadResponse, // not HTTP/1.x
    Canceled,
    QueueFull, // live forwarding: the capture arrived while the queue was full; not sent
    Resign, // re-signing was asked for and could not be done
    Network // any other socket error
};

// One replay or forward of a capture and what the target answered. Bodies are bounded: responseBody keeps
// at most the client's limit, responseBodyBytes counts every byte that arrived.
struct ReplayAttempt
{
    qint64 id = 0; // store row id; 0 until stored
    qint64 captureId = 0;
    QDateTime startedAt; // UTC
    QString targetUrl; // the URL the request went to
    QByteArray method;
    bool forwarded = false; // live forwarding rather than a replay asked for by hand
    QString resignedScheme; // the scheme name when re-signed, else empty
    int status = 0; // 0: no answer
    QByteArray reason;
    HttpHeaders responseHeaders;
    QByteArray responseBody;
    qint64 responseBodyBytes = 0;
    qint64 durationMs = 0;
    ReplayErrorKind errorKind = ReplayErrorKind::None;
    QString errorMessage;

    bool answered() const { return status > 0; }
    bool succeeded() const { return errorKind == ReplayErrorKind::None && status >= 200 && status < 300; }
    bool isRedirect() const { return status >= 300 && status < 400; }
    bool bodyTruncated() const { return responseBodyBytes > responseBody.size(); }
    // "201 Created", "302 -> /elsewhere", "timeout: no answer within 5 s"...
    QString summaryText() const;
};

class ReplayErrors final
{
public:
    static QString name(ReplayErrorKind kind); // "none", "connection_refused", ...
    static ReplayErrorKind fromName(QStringView name); // unknown names give Network
    static QString displayName(ReplayErrorKind kind); // "connection refused", ...
};

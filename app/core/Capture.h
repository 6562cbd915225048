// SPDX-License-Identifier: MIT
#pragma once

#include <QByteArray>
#include <QDateTime>
#include <QList>
#include <QPair>
#include <QString>

// One header line as received: original case, order and duplicates are kept by the list.
using HttpHeader = QPair<QByteArray, QByteArray>;
using HttpHeaders = QList<HttpHeader>;

// Case-insensitive lookup of the first header with this name; an empty value when there is none.
QByteArray headerValue(const HttpHeaders& headers, QByteArrayView name);
bool hasHeader(const HttpHeaders& headers, QByteArrayView name);

// A captured request, byte for byte. Value type: cheap to copy (implicitly shared byte arrays).
struct Capture
{
    qint64 id = 0; // store row id; 0 until stored
    qint64 sessionId = 0; // the session it belongs to
    QByteArray method; // e.g. "POST"
    QByteArray target; // the request target exactly as sent
    QByteArray httpVersion; // e.g. "HTTP/1.1"
    HttpHeaders headers; // in received order
    HttpHeaders trailers; // chunked trailers, in received order
    QByteArray body; // decoded (chunked framing removed)
    QByteArray rawHead; // the exact bytes of the request line and header section
    QString peerAddress;
    quint16 peerPort = 0;
    QDateTime receivedAt; // first byte of the request (UTC)
    QDateTime completedAt; // last byte of the request (UTC)
    QString malformedReason; // empty when the request parsed
    int responseStatus = 0; // what Hookbench answered; 0 when it closed without answering
    HttpHeaders responseHeaders; // the answer's header lines as sent (or as recorded in an imported file)
    QByteArray responseBody; // the answer's content as sent (none for HEAD, 1xx, 204, 304)
    QString note;
    QByteArray bodySha256; // hex, when computed ahead (off the UI thread); bodySha256Hex() computes it otherwise

    bool isMalformed() const { return !malformedReason.isEmpty(); }
    QByteArray path() const; // the target without its query
    QByteArray bodySha256Hex() const;
};

// What the table keeps per capture: small, no bodies.
struct CaptureSummary
{
    qint64 id = 0;
    QDateTime receivedAt;
    QByteArray method;
    QByteArray target;
    qint64 bodyBytes = 0;
    int responseStatus = 0;
    bool malformed = false;
    QString peerAddress;

    static CaptureSummary of(const Capture& capture);
};

// SPDX-License-Identifier: MIT
#pragma once

#include <QByteArray>
#include <QDateTime>
#include <string>

#include "core/Capture.h"
#include "core/ReplayAttempt.h"

// The HAR text of captures, without any file: shared by HarWriter and the tests.
//
// What Hookbench adds to HAR 1.2 (other tools ignore members starting with "_"):
//   entry._hookbench: id, target (exactly as received; targetBase64 when not UTF-8), methodBase64 and
//     httpVersionBase64 (only when not UTF-8), peer {address, port}, receivedAt, completedAt (ISO 8601
//     or null), responseStatus (what Hookbench answered, 0: none), malformedReason, note, trailers
//     [{name, value}], rawHead (base64; absent when it is exactly canonicalHead(), "" when unknown),
//     replays (the capture's replay attempts, see HarReplays).
//   request.headers[i]._hookbench: {nameBase64, valueBase64} when the name or value is not UTF-8
//     (name and value then hold the bytes read as Latin-1).
//   request._content {text, size, encoding: "base64"} and _requestBodyStatus
//     "discarded:not-representable" for a body that is not UTF-8 or holds NUL (HTTP Toolkit's way);
//     postData then has no text.
class HarFormat final
{
public:
    // {"log": {"version": "1.2", "creator": ..., "entries": [
    static void appendHead(std::string& out);
    // One entry object.
    // first says whether it is the first entry (no comma before it); attempts go into _hookbench.replays.
    static void appendEntry(std::string& out, const Capture& capture, bool first,
                            const QList<ReplayAttempt>& attempts = {});
    // ]}}
    static void appendTail(std::string& out, bool empty);

    // "2026-11-29T17:12:30.123Z": ISO 8601 with milliseconds and an offset.
    static QByteArray isoDate(const QDateTime& time);
    // ISO 8601 as HAR writers use it (any fraction of a second, Z or an offset); invalid when it is not.
    static QDateTime parseIsoDate(QByteArrayView text);
    // The request head as a well-formed parser would have received it: request line, "Name: value"
    // lines, blank line. Hookbench leaves _hookbench.rawHead out when the real head is exactly this.
    static QByteArray canonicalHead(const Capture& capture);
    // "http://<Host or 127.0.0.1><target>", percent-encoding what a URI cannot hold.
    static QByteArray absoluteUrl(const Capture& capture);
};

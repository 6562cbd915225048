// SPDX-License-Identifier: MIT
#pragma once

#include <QByteArray>
#include <QDateTime>

#include "capture/Capture.h"

// The HAR text of captures, without any file: shared by HarWriter and the tests.
class HarFormat final
{
public:
    // {"log": {"version": "1.2", "creator": ..., "entries": [
    static void appendHead(QByteArray& out);
    // One entry object; first says whether it is the first entry (no comma before it).
    static void appendEntry(QByteArray& out, const Capture& capture, bool first);
    // ]}}
    static void appendTail(QByteArray& out, bool empty);

    // "2026-11-29T17:12:30.123Z": ISO 8601 with milliseconds and an offset.
    static QByteArray isoDate(const QDateTime& time);
    // "http://<Host or 127.0.0.1><target>", percent-encoding what a URI cannot hold.
    static QByteArray absoluteUrl(const Capture& capture);
    static QByteArray reasonPhrase(int status);
};

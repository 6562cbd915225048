// SPDX-License-Identifier: MIT
#pragma once

#include <QCryptographicHash>
#include <QTest>

#include "core/Capture.h"

// Every byte value once, 0 to 255: a body no text decoding keeps.
inline QByteArray allBytes()
{
    QByteArray bytes;
    for (int i = 0; i < 256; ++i)
        bytes += char(i);
    return bytes;
}

// Two captures hold the same request, field by field: method, target, version, headers in order with their
// case and duplicates, trailers, body (its size, then its SHA-256, so a large body's mismatch prints briefly),
// raw head, peer, times and Hookbench's own fields. The session id is compared unless the capture went through
// a file, which does not keep it. Like QCOMPARE, it returns at the first difference: callers check
// QTest::currentTestFailed() when they go on.
enum class SameSession
{
    Compared,
    Ignored
};

inline void compareCaptures(const Capture& actual, const Capture& expected, SameSession session = SameSession::Compared)
{
    const auto sha256 = [](const QByteArray& bytes) {
        return QCryptographicHash::hash(bytes, QCryptographicHash::Sha256).toHex();
    };
    QCOMPARE(actual.id, expected.id);
    if (session == SameSession::Compared)
        QCOMPARE(actual.sessionId, expected.sessionId);
    QCOMPARE(actual.method, expected.method);
    QCOMPARE(actual.target, expected.target);
    QCOMPARE(actual.httpVersion, expected.httpVersion);
    QCOMPARE(actual.headers, expected.headers);
    QCOMPARE(actual.trailers, expected.trailers);
    QCOMPARE(actual.rawHead, expected.rawHead);
    QCOMPARE(actual.body.size(), expected.body.size());
    QCOMPARE(sha256(actual.body), sha256(expected.body));
    QCOMPARE(actual.peerAddress, expected.peerAddress);
    QCOMPARE(actual.peerPort, expected.peerPort);
    QCOMPARE(actual.receivedAt, expected.receivedAt);
    QCOMPARE(actual.completedAt, expected.completedAt);
    QCOMPARE(actual.malformedReason, expected.malformedReason);
    QCOMPARE(actual.responseStatus, expected.responseStatus);
    QCOMPARE(actual.note, expected.note);
}

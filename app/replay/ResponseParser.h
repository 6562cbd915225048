// SPDX-License-Identifier: MIT
#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QString>
#include <memory>

#include "core/Capture.h"

struct ResponseLimits
{
    qint64 maxHeaderBytes = 64 * 1024;
    qint64 maxStoredBodyBytes = 1024 * 1024; // kept; the rest is only counted
    qint64 maxBodyBytes = 64LL * 1024 * 1024; // read at all; past it the answer is refused as too large
};

// One HTTP/1.x answer read over llhttp in response mode: status line, headers in order, a body framed by
// Content-Length, chunked encoding or the end of the connection. Informational (1xx) answers are skipped.
// Bounded: the header section, the kept body and the bytes read have limits.
class ResponseParser final
{
public:
    enum class State
    {
        NeedMore,
        Complete,
        Failed
    };
    enum class Failure
    {
        None,
        Malformed,
        TooLarge,
        Truncated // the connection ended before the answer was complete
    };

    explicit ResponseParser(ResponseLimits limits = {}, bool headRequest = false);
    ~ResponseParser();
    ResponseParser(const ResponseParser&) = delete;
    ResponseParser& operator=(const ResponseParser&) = delete;

    State feed(QByteArrayView data);
    // The connection ended: completes an answer framed by the end of the connection, else fails it.
    State finish();

    State state() const;
    Failure failure() const;
    QString failureText() const;
    bool headersComplete() const;
    int status() const;
    QByteArray reason() const;
    const HttpHeaders& headers() const;
    const QByteArray& body() const; // at most maxStoredBodyBytes
    qint64 bodyBytes() const; // every body byte that arrived
    qint64 expectedBodyBytes() const; // Content-Length, or -1

private:
    struct Private;
    std::unique_ptr<Private> d;
};

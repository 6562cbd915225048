// SPDX-License-Identifier: MIT
#pragma once

#include <QByteArrayView>
#include <QDateTime>
#include <QList>
#include <functional>
#include <memory>

#include "core/Capture.h"

struct HttpLimits
{
    qint64 maxHeaderBytes = 64 * 1024;
    qint64 maxBodyBytes = 64LL * 1024 * 1024;
    qint64 maxChunkExtensionBytes = 16 * 1024; // all chunk extensions of one request; more get 400
};

struct ParserOptions
{
    std::function<QDateTime()> clock; // receivedAt and completedAt; empty: the system clock (UTC)
    // For tests: llhttp lets through what a lenient build would, and a second Content-Length, which it
    // refuses in any build, so that Hookbench's own checks decide.
    bool lenientLlhttp = false;
};

// A request the parser finished, or one it rejected (then capture.malformedReason says why and
// rejectStatus is the status to answer with before closing the connection).
struct ParsedRequest
{
    Capture capture;
    bool keepAlive = true;
    int rejectStatus = 0; // 0 = parsed; 400, 413 or 431 when rejected
    bool upgrade = false; // the client asked to switch protocols; answered, then closed
};

// Incremental HTTP/1.x request parser over llhttp. A function of the bytes fed to it and of the clock
// it is given: any split of the same stream gives the same requests. Keeps the exact bytes of each
// request head. Methods, framing (RFC 9112 section 6) and line endings are checked in Hookbench's own
// code, so a lenient llhttp build does not change what is accepted.
class RequestParser final
{
public:
    explicit RequestParser(HttpLimits limits = {}, ParserOptions options = {});
    ~RequestParser();
    RequestParser(const RequestParser&) = delete;
    RequestParser& operator=(const RequestParser&) = delete;

    // Parses what arrived. Finished (or rejected) requests are appended to the list takeRequests()
    // returns. After a rejection the parser ignores further input.
    void feed(QByteArrayView data);
    QList<ParsedRequest> takeRequests();

    // The peer closed its side. If a request was in progress it is returned as a rejected request
    // ("connection closed ...") so that the bytes that did arrive are not lost.
    std::optional<ParsedRequest> finish();

    bool failed() const;
    qint64 bodyBytesHeld() const; // memory of the body in progress (what the body budget counts)
    bool inHead() const; // a request has started and its header section is not complete
    bool inMessage() const; // a request has started and is not complete
    // The current request sent `Expect: 100-continue`, is within the limits and its body has not
    // arrived yet. Cleared by continueSent() or when the request completes.
    bool wantsContinue() const;
    void continueSent();

    // A rejected request built from what arrived so far, for timeouts decided outside the parser.
    ParsedRequest abort(int status, const QString& reason);

private:
    struct Private;
    std::unique_ptr<Private> d;
};

// SPDX-License-Identifier: MIT
// libFuzzer target for the request parser, which must be a pure function of the bytes: the input is
// parsed whole and split into pieces whose sizes come from its first byte, and both runs must give the
// same requests (abort() otherwise). It also checks what every result promises: limits respected,
// statuses from the documented set, a reason exactly when rejected.
#include <cstdint>
#include <cstdio>
#include <cstdlib>

#include "http/RequestParser.h"

namespace {

QByteArray fields(const HttpHeaders& list)
{
    QByteArray out;
    for (const HttpHeader& field : list)
        out += field.first.toPercentEncoding() + '=' + field.second.toPercentEncoding() + '\n';
    return out;
}

QByteArray describe(const ParsedRequest& request)
{
    const Capture& c = request.capture;
    return c.method.toPercentEncoding() + ' ' + c.target.toPercentEncoding() + ' ' + c.httpVersion.toPercentEncoding()
        + " keepAlive=" + QByteArray::number(request.keepAlive) + " upgrade=" + QByteArray::number(request.upgrade)
        + " reject=" + QByteArray::number(request.rejectStatus) + " reason=" + c.malformedReason.toUtf8() + '\n'
        + fields(c.headers) + "--\n" + fields(c.trailers) + "body=" + c.body.toPercentEncoding()
        + "\nrawHead=" + c.rawHead.toPercentEncoding() + '\n';
}

[[noreturn]] void fail(const char* what, const QByteArray& detail)
{
    std::fprintf(stderr, "request parser: %s\n%s\n", what, detail.constData());
    std::abort();
}

void checkPromises(const ParsedRequest& request, const HttpLimits& limits)
{
    const Capture& c = request.capture;
    const int status = request.rejectStatus;
    if (status != 0 && status != 400 && status != 413 && status != 431)
        fail("unexpected reject status", describe(request));
    if ((status != 0) != c.isMalformed())
        fail("a reason without a rejection or a rejection without a reason", describe(request));
    if (status != 0 && request.keepAlive)
        fail("a rejected request keeps the connection", describe(request));
    if (c.rawHead.size() > limits.maxHeaderBytes)
        fail("head kept beyond the header limit", describe(request));
    if (c.body.size() > limits.maxBodyBytes)
        fail("body kept beyond the body limit", describe(request));
    if (status == 0 && (c.method.isEmpty() || c.target.isEmpty() || !c.httpVersion.startsWith("HTTP/")))
        fail("accepted request without a full request line", describe(request));
    if (status == 0 && !c.rawHead.endsWith('\n'))
        fail("accepted request whose head does not end with a line", describe(request));
}

// Feeds the input in pieces of at most maxPiece bytes (0: whole), sizes drawn from a small generator.
QByteArray run(QByteArrayView input, const HttpLimits& limits, quint32 seed, qsizetype maxPiece)
{
    RequestParser parser(limits);
    QByteArray out;
    quint32 state = seed * 2654435761u + 1;
    qsizetype at = 0;
    while (at < input.size()) {
        qsizetype piece = input.size() - at;
        if (maxPiece > 0) {
            state = state * 1664525u + 1013904223u;
            piece = std::min<qsizetype>(piece, 1 + qsizetype((state >> 16) % quint32(maxPiece)));
        }
        parser.feed(input.sliced(at, piece));
        at += piece;
        for (const ParsedRequest& request : parser.takeRequests()) {
            checkPromises(request, limits);
            out += describe(request);
        }
    }
    out += "state failed=" + QByteArray::number(parser.failed()) + " inHead=" + QByteArray::number(parser.inHead())
        + " inMessage=" + QByteArray::number(parser.inMessage())
        + " wantsContinue=" + QByteArray::number(parser.wantsContinue()) + '\n';
    if (const std::optional<ParsedRequest> last = parser.finish()) {
        checkPromises(*last, limits);
        out += "finish " + describe(*last);
    }
    return out;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    if (size == 0)
        return 0;
    const quint32 seed = data[0];
    const QByteArrayView input(reinterpret_cast<const char*>(data) + 1, qsizetype(size - 1));
    // Small limits, also drawn from the first byte, so that 431 and 413 are reached.
    const HttpLimits limits {qint64(40 + (seed >> 4) * 24), qint64(8 + (seed & 0x0f) * 16)};
    // Pieces of 1 byte (seed % 8 == 0) up to 1..57 bytes.
    const qsizetype maxPiece = 1 + qsizetype(seed % 8) * 8;

    const QByteArray whole = run(input, limits, seed, 0);
    const QByteArray split = run(input, limits, seed, maxPiece);
    if (whole != split)
        fail("fed in pieces it parses differently than fed whole", "whole:\n" + whole + "split:\n" + split);
    return 0;
}

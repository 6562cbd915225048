// SPDX-License-Identifier: MIT
#include "core/Capture.h"

#include <QCryptographicHash>

QByteArray headerValue(const HttpHeaders& headers, QByteArrayView name)
{
    for (const HttpHeader& header : headers) {
        if (header.first.compare(name, Qt::CaseInsensitive) == 0)
            return header.second;
    }
    return {};
}

bool hasHeader(const HttpHeaders& headers, QByteArrayView name)
{
    for (const HttpHeader& header : headers) {
        if (header.first.compare(name, Qt::CaseInsensitive) == 0)
            return true;
    }
    return false;
}

QByteArray Capture::path() const
{
    const qsizetype query = target.indexOf('?');
    return query < 0 ? target : target.left(query);
}

QByteArray Capture::bodySha256Hex() const
{
    if (!bodySha256.isEmpty())
        return bodySha256;
    return QCryptographicHash::hash(body, QCryptographicHash::Sha256).toHex();
}

CaptureSummary CaptureSummary::of(const Capture& capture)
{
    return {.id = capture.id,
            .receivedAt = capture.receivedAt,
            .method = capture.method,
            .target = capture.target,
            .bodyBytes = capture.body.size(),
            .responseStatus = capture.responseStatus,
            .malformed = capture.isMalformed(),
            .peerAddress = capture.peerAddress};
}

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
    CaptureSummary summary;
    summary.id = capture.id;
    summary.receivedAt = capture.receivedAt;
    summary.method = capture.method;
    summary.target = capture.target;
    summary.bodyBytes = capture.body.size();
    summary.responseStatus = capture.responseStatus;
    summary.malformed = capture.isMalformed();
    summary.peerAddress = capture.peerAddress;
    return summary;
}

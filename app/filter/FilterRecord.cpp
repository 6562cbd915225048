// SPDX-License-Identifier: MIT
#include "filter/FilterRecord.h"

#include "core/Capture.h"

FilterRecord FilterRecord::of(const Capture& capture, FilterSignature signature)
{
    FilterRecord record;
    record.id = capture.id;
    record.method = capture.method;
    record.target = capture.target;
    record.responseStatus = capture.responseStatus;
    record.bodyBytes = capture.body.size();
    record.receivedAtMs = capture.receivedAt.isValid() ? capture.receivedAt.toMSecsSinceEpoch() : 0;
    record.peerStorage = capture.peerAddress.toUtf8();
    record.peer = record.peerStorage;
    record.signature = signature;
    record.hasContent = true;
    record.headers.reserve(size_t(capture.headers.size()));
    for (const HttpHeader& header : capture.headers)
        record.headers.push_back({header.first, header.second});
    record.body = capture.body;
    return record;
}

QByteArrayView FilterRecord::path() const
{
    const qsizetype query = target.indexOf('?');
    return query < 0 ? target : target.first(query);
}

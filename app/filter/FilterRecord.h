// SPDX-License-Identifier: MIT
#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <vector>

#include "filter/FilterSignature.h"

struct Capture;

struct FilterHeader
{
    QByteArrayView name;
    QByteArrayView value;
};

// What the evaluator sees of one capture. It holds views, never copies: the bytes belong to whoever built the
// record (a Capture, or the store's current row) and must outlive it. The summary members are always set; the
// headers and body only when hasContent is true, so that a caller can decide most captures without reading them.
struct FilterRecord
{
    qint64 id = 0;
    QByteArrayView method;
    QByteArrayView target; // as received, query included
    int responseStatus = 0; // what Hookbench answered; 0 when it closed without answering
    qint64 bodyBytes = 0;
    qint64 receivedAtMs = 0; // milliseconds since the epoch (UTC)
    QByteArrayView peer; // the sender's address, UTF-8
    FilterSignature signature;

    bool hasContent = false;
    std::vector<FilterHeader> headers; // in received order
    QByteArrayView body;

    QByteArray peerStorage; // the address `peer` shows, for a record made by of(); shared, so copies stay valid

    // A complete record over a capture's bytes (the capture must outlive it).
    static FilterRecord of(const Capture& capture, FilterSignature signature = {});
    QByteArrayView path() const; // the target without its query
};

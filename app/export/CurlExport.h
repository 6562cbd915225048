// SPDX-License-Identifier: MIT
#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QString>

#include "core/Capture.h"

// "Copy as curl": a bash command that sends a capture again, byte for byte: the same method, target,
// HTTP version, headers in their order (curl's own defaults are switched off when the capture had
// none) and body. The body is piped in (printf | curl --data-binary @-), as readable text when it is
// UTF-8 without control bytes, else through base64 -d, so any body survives a clipboard.
class CurlExport final
{
public:
    // baseUrl like "http://127.0.0.1:8787" (no trailing slash); empty: http:// + the Host header (or
    // 127.0.0.1). The capture's target is appended as it is.
    static QString command(const Capture& capture, const QString& baseUrl = {});

    // One bash word that stands for exactly these bytes (bare, '...' or $'...').
    static QByteArray shellQuote(QByteArrayView bytes);
};

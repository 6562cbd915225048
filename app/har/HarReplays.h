// SPDX-License-Identifier: MIT
#pragma once

#include <QByteArray>
#include <QList>

#include "core/ReplayAttempt.h"
#include "har/HarError.h"

class HarJsonParser;

// A capture's replay attempts in HAR, as entry._hookbench.replays: [{startedAt, target, method, forwarded,
// resignedScheme, status, statusText, headers [{name, value}], body | bodyBase64, bodyBytes, durationMs,
// error, errorMessage}]. Bodies are text when UTF-8 without NUL, else base64; other tools ignore the member.
class HarReplays final
{
public:
    static QByteArray toJson(const QList<ReplayAttempt>& attempts);
    // Reads the array node; errors name the field ("_hookbench.replays[1].status").
    static HarExpected<QList<ReplayAttempt>> read(const HarJsonParser& json, qint32 array, int entryIndex);
};

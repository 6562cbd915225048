// SPDX-License-Identifier: MIT
#pragma once

#include <QJsonObject>

#include "core/Capture.h"

// The stable one-line JSON shape of a capture shared by `listen --json` and `show --json`:
// id, receivedAt, method, target, httpVersion, headers, bodyBytes, bodySha256, responseStatus, malformed.
QJsonObject captureToJson(const Capture& capture);

// One human line: time, method, target, size, status sent.
QString captureToLine(const Capture& capture);

// SPDX-License-Identifier: MIT
#pragma once

#include <QByteArray>
#include <QString>

#include "core/Capture.h"
#include "core/Expected.h"
#include "replay/ReplayRequest.h"
#include "replay/ReplayTarget.h"

struct PreparedReplay
{
    ReplayRequest request;
    QString resignedScheme; // the scheme's name when re-signed
    Expected<void> resigning; // fails when re-signing was asked for and failed: nothing should be sent
};

// Turns a capture into the request for a target: the capture's method, headers (in order, case and
// duplicates, minus the connection's own) and body, then the target's header changes, then re-signing
// when the target asks for it. Nothing else is added.
class ReplayPreparer final
{
public:
    static QUrl targetUrl(const ReplayTarget& target, const Capture& capture);
    static ReplayRequest request(const Capture& capture, const ReplayTarget& target);
    static PreparedReplay prepare(const Capture& capture, const ReplayTarget& target, const QByteArray& secret,
                                  qint64 nowSecs);
    // An edited request as it is, re-signed when the target asks for it.
    static PreparedReplay prepareEdited(const ReplayRequest& request, const ReplayTarget& target,
                                        const QByteArray& secret, qint64 nowSecs);
    // Re-signs a request in place with the target's scheme settings; the scheme's name, or InvalidInput saying why
    // nothing was signed.
    static Expected<QString> resign(ReplayRequest& request, const ReplayTarget& target, const QByteArray& secret,
                                    qint64 nowSecs);
    static ClientOptions clientOptions(const ReplayTarget& target);
};

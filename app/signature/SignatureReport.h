// SPDX-License-Identifier: MIT
#pragma once

#include <QJsonObject>
#include <QString>

#include "signature/SignatureResult.h"

// Stable names and the two renderings the command line prints. Never includes a secret's value.
class SignatureReport final
{
public:
    static QString statusName(SignatureStatus status); // "valid", "invalid", "missing", "not_applicable", ...
    static QString matchName(SignatureMatch match); // "raw", "reserialized", "" for None
    static QString causeName(SignatureCause cause); // "wrong_secret", "stale_timestamp", ..., "" for None

    // {"scheme":"firm_app","status":"valid","matched":"raw"|"reserialized"|null,
    //  "cause":"wrong_secret"|null,"secret":"label"|null}
    static QJsonObject toJson(const SignatureResult& result);
    // "firm_app: valid (raw payload bytes, secret FIRM_SECRET)" / "github: invalid (hex_case): ..."
    static QString toText(const SignatureResult& result);
    // Several lines for a detail pane or `show`: scheme, status, cause, secret label, received and expected
    // values, timestamp, and the signed bytes (non-printable bytes escaped, cut after maxSignedBytes).
    static QString toDetailText(const SignatureResult& result, qsizetype maxSignedBytes = 4096);
    // Bytes as readable text: printable UTF-8 kept, other bytes as \xNN, CR/LF/tab as \r \n \t.
    static QString printable(const QByteArray& bytes, qsizetype maxBytes = -1);
};

// SPDX-License-Identifier: MIT
#pragma once

#include <QByteArray>
#include <QString>
#include <optional>

#include "json/JsonError.h"
#include "signature/SignatureScheme.h"

enum class SignatureStatus
{
    Valid,
    Invalid,
    Missing, // the scheme applies but the signature is absent
    NotApplicable, // no scheme recognised, or the chosen one does not fit this request
    UnreadableBody, // the body is not JSON (Firm App); see jsonError
    NoSecret
};

// Which bytes produced the matching signature (Firm App tries the raw payload bytes first).
enum class SignatureMatch
{
    None,
    Raw,
    Reserialized
};

// The most likely reason an invalid signature failed, found by trying variants.
enum class SignatureCause
{
    None,
    WrongSecret,
    BodyReserialized, // pretty-printed, minified, ASCII-escaped or sorted by something in between
    KeyOrderChanged,
    TrailingNewline,
    LineEndings, // CRLF <-> LF
    ByteOrderMark,
    HexCase,
    SignaturePrefix, // "sha256=", "v0=" ... added or missing
    SecretEncoding, // hex / base64 / whsec_ / surrounding whitespace
    StaleTimestamp,
    MalformedSignature
};

struct SignatureResult
{
    SignatureScheme scheme = SignatureScheme::None;
    SignatureStatus status = SignatureStatus::NotApplicable;
    SignatureMatch matched = SignatureMatch::None;
    SignatureCause cause = SignatureCause::None;
    QString detail; // one sentence for people: what was found
    QString secretLabel; // the secret that matched (also for a cause found with a variant); never its value
    QString algorithm; // "sha256"
    QByteArray signedBytes; // exactly what the expected signature is computed over
    QByteArray expected; // as the provider writes it, e.g. "sha256=1f2e..."; empty without a secret
    QByteArray received; // the signature as received (header value or body field)
    std::optional<qint64> timestamp; // the signed timestamp, for timestamped schemes
    std::optional<JsonError> jsonError; // UnreadableBody

    bool isValid() const { return status == SignatureStatus::Valid; }
};

// SPDX-License-Identifier: MIT
#pragma once

#include <QByteArray>
#include <QList>
#include <optional>

#include "json/JsonDocument.h"
#include "signature/GenericHmacProfile.h"
#include "signature/Hmac.h"
#include "signature/SignatureResult.h"

// Internal to the verifier and forensics: one scheme's recipe applied to one request.
struct SignatureCandidate
{
    SignatureMatch kind = SignatureMatch::Raw;
    QByteArray body; // the part of the signed content that comes from the request body
};

struct SignatureCheck
{
    SignatureScheme scheme = SignatureScheme::None;
    HmacAlgorithm algorithm = HmacAlgorithm::Sha256;
    SignatureEncoding encoding = SignatureEncoding::Hex;
    QByteArray prefix; // written before the encoded digest in `expected`
    QList<QByteArray> received; // encoded values to compare with (several for Stripe v1 / webhook-signature)
    QByteArray receivedDisplay;
    bool receivedHadNoPrefix = false; // a GitHub/Slack/generic value that lacked its prefix
    QByteArray head; // signed content = head + body + tail
    QByteArray tail;
    QList<SignatureCandidate> candidates; // raw first
    bool keyIsWhsecBase64 = false; // Standard Webhooks, Svix
    std::optional<qint64> timestamp;
    qint64 tolerance = 0; // 0: unchecked
    bool rejectFuture = true;
    bool payloadOnly = false; // Firm App: the candidates are the payload, not the whole body
    JsonDocument json; // parsed body (Firm App) for re-serialization variants
    JsonValue jsonValue; // the value whose serialization is signed (payload), or the body

    // Shares the body's bytes when nothing is added (a result keeps these for every capture).
    QByteArray content(const QByteArray& body) const;
    QByteArray key(const QByteArray& secret) const;
    QByteArray encode(const QByteArray& digest) const;
    QByteArray expected(const QByteArray& secret, QByteArrayView body) const; // encoded, without prefix
    bool matches(const QByteArray& encoded) const; // constant-time against every received value
};

// SPDX-License-Identifier: MIT
#pragma once

#include <QByteArray>

#include "signature/Hmac.h"

enum class SignatureEncoding
{
    Hex,
    Base64
};

// A provider Hookbench has no scheme for: where the signature is and how it is made.
struct GenericHmacProfile
{
    QByteArray header = "X-Signature"; // holds the signature (case-insensitive)
    HmacAlgorithm algorithm = HmacAlgorithm::Sha256;
    SignatureEncoding encoding = SignatureEncoding::Hex;
    QByteArray prefix; // written before the value, e.g. "sha256="
    QByteArray signedTemplate = "{body}"; // {body}, {timestamp}, {id} are replaced
    QByteArray timestampHeader; // the value for {timestamp}
    QByteArray idHeader; // the value for {id}
    qint64 toleranceSeconds = 0; // 0: the timestamp's age is not checked
};

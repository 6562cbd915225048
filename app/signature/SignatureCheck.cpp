// SPDX-License-Identifier: MIT
#include "signature/SignatureCheck.h"

QByteArray SignatureCheck::content(const QByteArray& body) const
{
    if (head.isEmpty() && tail.isEmpty())
        return body;
    return head + body + tail;
}

QByteArray SignatureCheck::key(const QByteArray& secret) const
{
    if (!keyIsWhsecBase64)
        return secret;
    const QByteArray encoded = secret.startsWith("whsec_") ? secret.mid(6) : secret;
    auto decoded = QByteArray::fromBase64Encoding(encoded, QByteArray::AbortOnBase64DecodingErrors);
    return decoded ? decoded.decoded : secret;
}

QByteArray SignatureCheck::encode(const QByteArray& digest) const
{
    return encoding == SignatureEncoding::Hex ? digest.toHex() : digest.toBase64();
}

QByteArray SignatureCheck::expected(const QByteArray& secret, QByteArrayView body) const
{
    return encode(Hmac::compute(algorithm, key(secret), {head, body, tail}));
}

bool SignatureCheck::matches(const QByteArray& encoded) const
{
    bool any = false;
    for (const QByteArray& value : received)
        any |= Hmac::equals(value, encoded);
    return any;
}

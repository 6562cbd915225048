// SPDX-License-Identifier: MIT
#include "signature/Hmac.h"

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>

namespace {

const EVP_MD* digestOf(HmacAlgorithm algorithm)
{
    switch (algorithm) {
    case HmacAlgorithm::Sha1:
        return EVP_sha1();
    case HmacAlgorithm::Sha256:
        return EVP_sha256();
    case HmacAlgorithm::Sha512:
        return EVP_sha512();
    }
    return EVP_sha256();
}

} // namespace

QByteArray Hmac::compute(HmacAlgorithm algorithm, QByteArrayView key, QByteArrayView data)
{
    unsigned char digest[EVP_MAX_MD_SIZE];
    unsigned int length = 0;
    // HMAC() accepts a null key only with length 0; keep a valid pointer for the empty key.
    static const unsigned char emptyKey = 0;
    const void* keyData = key.isEmpty() ? &emptyKey : static_cast<const void*>(key.data());
    const auto* input = reinterpret_cast<const unsigned char*>(data.isEmpty() ? "" : data.data());
    if (!HMAC(digestOf(algorithm), keyData, int(key.size()), input, size_t(data.size()), digest, &length))
        return {};
    return QByteArray(reinterpret_cast<const char*>(digest), qsizetype(length));
}

bool Hmac::equals(QByteArrayView a, QByteArrayView b)
{
    if (a.size() != b.size())
        return false;
    if (a.isEmpty())
        return true;
    return CRYPTO_memcmp(a.data(), b.data(), size_t(a.size())) == 0;
}

QString Hmac::name(HmacAlgorithm algorithm)
{
    switch (algorithm) {
    case HmacAlgorithm::Sha1:
        return QStringLiteral("sha1");
    case HmacAlgorithm::Sha256:
        return QStringLiteral("sha256");
    case HmacAlgorithm::Sha512:
        return QStringLiteral("sha512");
    }
    return {};
}

bool Hmac::fromName(QStringView name, HmacAlgorithm* algorithm)
{
    for (const HmacAlgorithm candidate : {HmacAlgorithm::Sha1, HmacAlgorithm::Sha256, HmacAlgorithm::Sha512}) {
        if (name.compare(Hmac::name(candidate), Qt::CaseInsensitive) == 0) {
            *algorithm = candidate;
            return true;
        }
    }
    return false;
}

// SPDX-License-Identifier: MIT
#include "signature/Hmac.h"

#include <array>

#include <openssl/core_names.h>
#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/params.h>

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
    return compute(algorithm, key, {data});
}

QByteArray Hmac::compute(HmacAlgorithm algorithm, QByteArrayView key, std::initializer_list<QByteArrayView> parts)
{
    // Fetching HMAC and the digest by name is most of the cost of a short message: done once per
    // algorithm, then each call duplicates the prepared context (EVP_MAC_CTX_dup only reads the source).
    static const std::array<EVP_MAC_CTX*, 3> prepared = [] {
        std::array<EVP_MAC_CTX*, 3> contexts {};
        EVP_MAC* mac = EVP_MAC_fetch(nullptr, "HMAC", nullptr);
        for (const HmacAlgorithm a : {HmacAlgorithm::Sha1, HmacAlgorithm::Sha256, HmacAlgorithm::Sha512}) {
            EVP_MAC_CTX* context = mac ? EVP_MAC_CTX_new(mac) : nullptr;
            char* digest = const_cast<char*>(EVP_MD_get0_name(digestOf(a)));
            const OSSL_PARAM params[]
                = {OSSL_PARAM_construct_utf8_string(OSSL_MAC_PARAM_DIGEST, digest, 0), OSSL_PARAM_construct_end()};
            if (context && EVP_MAC_CTX_set_params(context, params) != 1) {
                EVP_MAC_CTX_free(context);
                context = nullptr;
            }
            contexts[size_t(a)] = context;
        }
        EVP_MAC_free(mac); // the contexts keep their own reference
        return contexts;
    }();

    unsigned char digest[EVP_MAX_MD_SIZE];
    static const unsigned char empty = 0;
    const auto* keyData = key.isEmpty() ? &empty : reinterpret_cast<const unsigned char*>(key.data());
    if (EVP_MAC_CTX* source = prepared[size_t(algorithm)]) {
        EVP_MAC_CTX* context = EVP_MAC_CTX_dup(source);
        bool ok = context && EVP_MAC_init(context, keyData, size_t(key.size()), nullptr) == 1;
        for (const QByteArrayView part : parts) {
            if (ok && !part.isEmpty())
                ok = EVP_MAC_update(context, reinterpret_cast<const unsigned char*>(part.data()), size_t(part.size()))
                    == 1;
        }
        size_t length = 0;
        ok = ok && EVP_MAC_final(context, digest, &length, sizeof digest) == 1;
        EVP_MAC_CTX_free(context);
        if (ok)
            return QByteArray(reinterpret_cast<const char*>(digest), qsizetype(length));
    }
    QByteArray data;
    for (const QByteArrayView part : parts)
        data.append(part);
    const auto* input = data.isEmpty() ? &empty : reinterpret_cast<const unsigned char*>(data.constData());
    unsigned int length = 0;
    if (!HMAC(digestOf(algorithm), keyData, int(key.size()), input, size_t(data.size()), digest, &length))
        return {};
    return QByteArray(reinterpret_cast<const char*>(digest), qsizetype(length));
}

bool Hmac::equals(QByteArrayView a, QByteArrayView b, Case letterCase)
{
    if (a.size() != b.size())
        return false;
    if (a.isEmpty())
        return true;
    if (letterCase == Case::Sensitive)
        return CRYPTO_memcmp(a.data(), b.data(), size_t(a.size())) == 0;
    // Folds A-Z to a-z without branching on the contents, and accumulates every difference.
    const auto lower = [](unsigned char c) {
        const unsigned upper = unsigned(c - 'A') <= unsigned('Z' - 'A');
        return (unsigned(c) | (upper << 5)) & 0xFFu;
    };
    unsigned difference = 0;
    for (qsizetype i = 0; i < a.size(); ++i)
        difference |= lower(static_cast<unsigned char>(a[i])) ^ lower(static_cast<unsigned char>(b[i]));
    return difference == 0;
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

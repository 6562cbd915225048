// SPDX-License-Identifier: MIT
// Shopify: X-Shopify-Hmac-Sha256: <base64 HMAC-SHA256 of the raw body>
// (shopify.dev, "Deliver webhooks through HTTPS", verify the webhook).
#include <QCoreApplication>

#include "signature/schemes/SchemeHandler.h"

namespace {

class ShopifyScheme final : public SchemeHandler
{
public:
    SignatureScheme scheme() const override { return SignatureScheme::Shopify; }

    bool detects(const HttpHeaders& headers, const QByteArray&, const SignatureOptions&) const override
    {
        return hasHeader(headers, "X-Shopify-Hmac-Sha256");
    }

    SchemeBuild build(const HttpHeaders& headers, const QByteArray&, const SignatureOptions&, SignatureCheck& check,
                      SignatureResult&) const override
    {
        const QByteArray value = headerValue(headers, "X-Shopify-Hmac-Sha256");
        if (value.isEmpty())
            return SchemeEarly {SignatureStatus::Missing, SignatureCause::None,
                                QCoreApplication::translate("ShopifyScheme", "no X-Shopify-Hmac-Sha256 header")};
        check.encoding = SignatureEncoding::Base64;
        SchemeSupport::takePrefixed(check, value, {});
        return std::nullopt;
    }

    Expected<void> sign(SignTarget target, const QByteArray& secret, const SignOptions&) const override
    {
        if (!SchemeSupport::replaceHeader(target.headers, "X-Shopify-Hmac-Sha256",
                                          Hmac::compute(HmacAlgorithm::Sha256, secret, target.body).toBase64()))
            return Error {Error::Code::InvalidInput,
                          QCoreApplication::translate("ShopifyScheme", "no X-Shopify-Hmac-Sha256 header to replace")};
        return {};
    }
};

} // namespace

const SchemeHandler* shopifySchemeHandler()
{
    static const ShopifyScheme handler;
    return &handler;
}

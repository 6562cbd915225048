// SPDX-License-Identifier: MIT
// GitHub: X-Hub-Signature-256: sha256=<hex HMAC of the raw body> (older X-Hub-Signature: sha1=<hex>)
// (docs.github.com, "Validating webhook deliveries").
#include <QCoreApplication>

#include "signature/schemes/SchemeHandler.h"

namespace {

class GitHubScheme final : public SchemeHandler
{
public:
    SignatureScheme scheme() const override { return SignatureScheme::GitHub; }

    bool detects(const HttpHeaders& headers, const QByteArray&, const SignatureOptions&) const override
    {
        return hasHeader(headers, "X-Hub-Signature-256") || hasHeader(headers, "X-Hub-Signature");
    }

    SchemeBuild build(const HttpHeaders& headers, const QByteArray&, const SignatureOptions&, SignatureCheck& check,
                      SignatureResult&) const override
    {
        QByteArray value = headerValue(headers, "X-Hub-Signature-256");
        if (!value.isEmpty()) {
            check.algorithm = HmacAlgorithm::Sha256;
            SchemeSupport::takePrefixed(check, value, "sha256=");
        } else {
            value = headerValue(headers, "X-Hub-Signature");
            if (value.isEmpty())
                return SchemeEarly {
                    SignatureStatus::Missing, SignatureCause::None,
                    QCoreApplication::translate("GitHubScheme", "no X-Hub-Signature-256 or X-Hub-Signature header")};
            check.algorithm = HmacAlgorithm::Sha1;
            SchemeSupport::takePrefixed(check, value, "sha1=");
        }
        return std::nullopt;
    }

    Expected<void> sign(SignTarget target, const QByteArray& secret, const SignOptions&) const override
    {
        const bool has256 = hasHeader(target.headers, "X-Hub-Signature-256");
        const bool has1 = hasHeader(target.headers, "X-Hub-Signature");
        if (!has256 && !has1)
            return Error {Error::Code::InvalidInput,
                          QCoreApplication::translate("GitHubScheme",
                                                      "no X-Hub-Signature-256 or X-Hub-Signature header to replace")};
        if (has256)
            SchemeSupport::replaceHeader(target.headers, "X-Hub-Signature-256",
                                         "sha256=" + Hmac::compute(HmacAlgorithm::Sha256, secret, target.body).toHex());
        if (has1)
            SchemeSupport::replaceHeader(target.headers, "X-Hub-Signature",
                                         "sha1=" + Hmac::compute(HmacAlgorithm::Sha1, secret, target.body).toHex());
        return {};
    }

    QList<QByteArray> prefixes() const override { return {"sha256=", "sha1="}; }
};

} // namespace

const SchemeHandler* gitHubSchemeHandler()
{
    static const GitHubScheme handler;
    return &handler;
}

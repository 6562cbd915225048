// SPDX-License-Identifier: MIT
// Stripe: Stripe-Signature: t=<unix>,v1=<hex HMAC of "<t>.<raw body>">, keyed with the whole whsec_ string
// (docs.stripe.com/webhooks, "Verify signatures manually").
#include <QCoreApplication>

#include "signature/schemes/SchemeHandler.h"

namespace {

class StripeScheme final : public SchemeHandler
{
public:
    SignatureScheme scheme() const override { return SignatureScheme::Stripe; }

    bool detects(const HttpHeaders& headers, const QByteArray&, const SignatureOptions&) const override
    {
        return hasHeader(headers, "Stripe-Signature");
    }

    SchemeBuild build(const HttpHeaders& headers, const QByteArray&, const SignatureOptions& options,
                      SignatureCheck& check, SignatureResult&) const override
    {
        const QByteArray value = headerValue(headers, "Stripe-Signature");
        if (value.isEmpty())
            return SchemeEarly {SignatureStatus::Missing, SignatureCause::None,
                                QCoreApplication::translate("StripeScheme", "no Stripe-Signature header")};
        check.receivedDisplay = value;
        check.prefix = "v1=";
        for (const QByteArray& item : value.split(',')) {
            const qsizetype eq = item.indexOf('=');
            if (eq < 0)
                continue;
            const QByteArray name = item.left(eq).trimmed();
            const QByteArray content = item.mid(eq + 1).trimmed();
            if (name == "t")
                check.timestamp = SchemeSupport::parseTimestamp(content);
            else if (name == "v1")
                check.received.append(content);
        }
        if (!check.timestamp)
            return SchemeEarly {
                SignatureStatus::Invalid, SignatureCause::MalformedSignature,
                QCoreApplication::translate("StripeScheme", "the Stripe-Signature header has no t= timestamp")};
        if (check.received.isEmpty())
            return SchemeEarly {
                SignatureStatus::Invalid, SignatureCause::MalformedSignature,
                QCoreApplication::translate("StripeScheme", "the Stripe-Signature header has no v1= signature")};
        check.head = QByteArray::number(*check.timestamp) + '.';
        check.tolerance = options.stripeToleranceSeconds;
        check.rejectFuture = false; // Stripe's libraries only reject old timestamps
        return std::nullopt;
    }

    // A fresh timestamp and one v1 signature, as Stripe sends them.
    Expected<void> sign(SignTarget target, const QByteArray& secret, const SignOptions& options) const override
    {
        if (!hasHeader(target.headers, "Stripe-Signature"))
            return Error {Error::Code::InvalidInput,
                          QCoreApplication::translate("StripeScheme", "no Stripe-Signature header to replace")};
        const QByteArray t = QByteArray::number(options.now);
        const QByteArray v1 = Hmac::compute(HmacAlgorithm::Sha256, secret, {t, ".", target.body}).toHex();
        SchemeSupport::replaceHeader(target.headers, "Stripe-Signature", "t=" + t + ",v1=" + v1);
        return {};
    }

    QList<QByteArray> prefixes() const override { return {"v1="}; }
};

} // namespace

const SchemeHandler* stripeSchemeHandler()
{
    static const StripeScheme handler;
    return &handler;
}

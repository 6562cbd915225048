// SPDX-License-Identifier: MIT
// Standard Webhooks (and Svix, with the svix- prefix): webhook-id, webhook-timestamp and
// webhook-signature: v1,<base64 HMAC of "<id>.<timestamp>.<raw body>">, keyed with the base64-decoded part
// after whsec_ (github.com/standard-webhooks/standard-webhooks, spec/standard-webhooks.md).
#include <QCoreApplication>
#include <QRandomGenerator>

#include "signature/schemes/SchemeHandler.h"

namespace {

class StandardWebhooksScheme final : public SchemeHandler
{
public:
    StandardWebhooksScheme(SignatureScheme scheme, QByteArray prefix)
        : m_scheme(scheme)
        , m_prefix(std::move(prefix))
    { }

    SignatureScheme scheme() const override { return m_scheme; }

    bool detects(const HttpHeaders& headers, const QByteArray&, const SignatureOptions&) const override
    {
        return hasHeader(headers, QByteArray(m_prefix + "signature"));
    }

    SchemeBuild build(const HttpHeaders& headers, const QByteArray&, const SignatureOptions& options,
                      SignatureCheck& check, SignatureResult&) const override
    {
        const QByteArray signature = headerValue(headers, QByteArray(m_prefix + "signature"));
        if (signature.isEmpty())
            return SchemeEarly {SignatureStatus::Missing, SignatureCause::None,
                                QCoreApplication::translate("StandardWebhooksScheme", "no %1signature header")
                                    .arg(QLatin1String(m_prefix))};
        check.receivedDisplay = signature;
        check.encoding = SignatureEncoding::Base64;
        check.keyIsWhsecBase64 = true;
        check.prefix = "v1,";
        const QByteArray id = headerValue(headers, QByteArray(m_prefix + "id"));
        const QByteArray timestamp = headerValue(headers, QByteArray(m_prefix + "timestamp"));
        for (const QByteArray& entry : signature.split(' ')) {
            if (entry.startsWith("v1,"))
                check.received.append(entry.mid(3));
        }
        if (id.isEmpty() || timestamp.isEmpty())
            return SchemeEarly {
                SignatureStatus::Invalid, SignatureCause::MalformedSignature,
                QCoreApplication::translate("StandardWebhooksScheme", "the %1id or %1timestamp header is missing")
                    .arg(QLatin1String(m_prefix))};
        check.timestamp = SchemeSupport::parseTimestamp(timestamp);
        if (!check.timestamp)
            return SchemeEarly {
                SignatureStatus::Invalid, SignatureCause::MalformedSignature,
                QCoreApplication::translate("StandardWebhooksScheme", "the %1timestamp header is not a number")
                    .arg(QLatin1String(m_prefix))};
        if (check.received.isEmpty())
            return SchemeEarly {SignatureStatus::Invalid, SignatureCause::MalformedSignature,
                                QCoreApplication::translate("StandardWebhooksScheme",
                                                            "no v1 signature in %1signature (v1a is not supported)")
                                    .arg(QLatin1String(m_prefix))};
        check.head = id + '.' + timestamp.trimmed() + '.';
        check.tolerance = options.standardWebhooksToleranceSeconds;
        return std::nullopt;
    }

    // A fresh timestamp; the message id is kept (receivers that deduplicate by it then see the same
    // message) or renewed when asked.
    Expected<void> sign(SignTarget target, const QByteArray& secret, const SignOptions& options) const override
    {
        const QByteArray idName = m_prefix + "id";
        const QByteArray timestampName = m_prefix + "timestamp";
        const QByteArray signatureName = m_prefix + "signature";
        if (!hasHeader(target.headers, signatureName))
            return Error {Error::Code::InvalidInput,
                          QCoreApplication::translate("StandardWebhooksScheme", "no %1 header to replace")
                              .arg(QLatin1String(signatureName))};
        QByteArray id = headerValue(target.headers, idName).trimmed();
        if (options.renewMessageId || id.isEmpty()) {
            const quint64 random = QRandomGenerator::system()->generate64();
            id = "msg_" + QByteArray::number(random, 36) + QByteArray::number(options.now, 36);
        }
        if (!SchemeSupport::replaceHeader(target.headers, idName, id))
            target.headers.append({idName, id});
        const QByteArray t = QByteArray::number(options.now);
        if (!SchemeSupport::replaceHeader(target.headers, timestampName, t))
            target.headers.append({timestampName, t});
        SignatureCheck keying;
        keying.keyIsWhsecBase64 = true;
        const QByteArray digest
            = Hmac::compute(HmacAlgorithm::Sha256, keying.key(secret), {id, ".", t, ".", target.body});
        SchemeSupport::replaceHeader(target.headers, signatureName, "v1," + digest.toBase64());
        return {};
    }

    QList<QByteArray> prefixes() const override { return {"v1,"}; }

private:
    SignatureScheme m_scheme;
    QByteArray m_prefix;
};

} // namespace

const SchemeHandler* standardWebhooksSchemeHandler()
{
    static const StandardWebhooksScheme handler(SignatureScheme::StandardWebhooks, "webhook-");
    return &handler;
}

const SchemeHandler* svixSchemeHandler()
{
    static const StandardWebhooksScheme handler(SignatureScheme::Svix, "svix-");
    return &handler;
}

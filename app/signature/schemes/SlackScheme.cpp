// SPDX-License-Identifier: MIT
// Slack: X-Slack-Signature: v0=<hex HMAC-SHA256 of "v0:<ts>:<raw body>">, X-Slack-Request-Timestamp: <ts>
// (api.slack.com/authentication/verifying-requests-from-slack).
#include <QCoreApplication>

#include "signature/schemes/SchemeHandler.h"

namespace {

class SlackScheme final : public SchemeHandler
{
public:
    SignatureScheme scheme() const override { return SignatureScheme::Slack; }

    bool detects(const HttpHeaders& headers, const QByteArray&, const SignatureOptions&) const override
    {
        return hasHeader(headers, "X-Slack-Signature");
    }

    SchemeBuild build(const HttpHeaders& headers, const QByteArray&, const SignatureOptions& options,
                      SignatureCheck& check, SignatureResult&) const override
    {
        const QByteArray value = headerValue(headers, "X-Slack-Signature");
        if (value.isEmpty())
            return SchemeEarly {SignatureStatus::Missing, SignatureCause::None,
                                QCoreApplication::translate("SlackScheme", "no X-Slack-Signature header")};
        SchemeSupport::takePrefixed(check, value, "v0=");
        const QByteArray timestamp = headerValue(headers, "X-Slack-Request-Timestamp").trimmed();
        check.timestamp = SchemeSupport::parseTimestamp(timestamp);
        if (!check.timestamp)
            return SchemeEarly {
                SignatureStatus::Invalid, SignatureCause::MalformedSignature,
                QCoreApplication::translate("SlackScheme", "no valid X-Slack-Request-Timestamp header")};
        check.head = "v0:" + timestamp + ':';
        check.tolerance = options.slackToleranceSeconds;
        return std::nullopt;
    }

    Expected<void> sign(SignTarget target, const QByteArray& secret, const SignOptions& options) const override
    {
        if (!hasHeader(target.headers, "X-Slack-Signature"))
            return Error {Error::Code::InvalidInput,
                          QCoreApplication::translate("SlackScheme", "no X-Slack-Signature header to replace")};
        const QByteArray t = QByteArray::number(options.now);
        if (!SchemeSupport::replaceHeader(target.headers, "X-Slack-Request-Timestamp", t))
            target.headers.append({"X-Slack-Request-Timestamp", t});
        SchemeSupport::replaceHeader(
            target.headers, "X-Slack-Signature",
            "v0=" + Hmac::compute(HmacAlgorithm::Sha256, secret, {"v0:", t, ":", target.body}).toHex());
        return {};
    }

    QList<QByteArray> prefixes() const override { return {"v0="}; }
};

} // namespace

const SchemeHandler* slackSchemeHandler()
{
    static const SlackScheme handler;
    return &handler;
}

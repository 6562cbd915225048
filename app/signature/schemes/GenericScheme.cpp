// SPDX-License-Identifier: MIT
// A provider without a scheme of its own, described by a GenericHmacProfile (GenericHmacSpec reads it).
#include <QCoreApplication>

#include "signature/schemes/SchemeHandler.h"

namespace {

struct Signed
{
    QByteArray head;
    QByteArray tail;
    bool bodySigned = true;
};

Signed templateParts(const GenericHmacProfile& profile, const QByteArray& timestamp, const QByteArray& id)
{
    QByteArray templ = profile.signedTemplate;
    templ.replace("{timestamp}", timestamp).replace("{id}", id);
    const qsizetype at = templ.indexOf("{body}");
    if (at < 0)
        return Signed {templ, {}, false};
    return Signed {templ.left(at), templ.mid(at + 6), true};
}

class GenericScheme final : public SchemeHandler
{
public:
    SignatureScheme scheme() const override { return SignatureScheme::Generic; }

    bool detects(const HttpHeaders& headers, const QByteArray&, const SignatureOptions& options) const override
    {
        return options.generic && !options.generic->header.isEmpty() && hasHeader(headers, options.generic->header);
    }

    SchemeBuild build(const HttpHeaders& headers, const QByteArray&, const SignatureOptions& options,
                      SignatureCheck& check, SignatureResult&) const override
    {
        if (!options.generic)
            return SchemeEarly {SignatureStatus::NotApplicable, SignatureCause::None,
                                QCoreApplication::translate("GenericScheme", "no generic HMAC profile is set")};
        const GenericHmacProfile& profile = *options.generic;
        const QByteArray value = headerValue(headers, profile.header);
        if (value.isEmpty())
            return SchemeEarly {
                SignatureStatus::Missing, SignatureCause::None,
                QCoreApplication::translate("GenericScheme", "no %1 header").arg(QString::fromLatin1(profile.header))};
        check.algorithm = profile.algorithm;
        check.encoding = profile.encoding;
        SchemeSupport::takePrefixed(check, value, profile.prefix);
        QByteArray timestamp;
        if (!profile.timestampHeader.isEmpty()) {
            timestamp = headerValue(headers, profile.timestampHeader).trimmed();
            check.timestamp = SchemeSupport::parseTimestamp(timestamp);
            check.tolerance = profile.toleranceSeconds;
        }
        const QByteArray id
            = profile.idHeader.isEmpty() ? QByteArray() : headerValue(headers, profile.idHeader).trimmed();
        const Signed parts = templateParts(profile, timestamp, id);
        check.head = parts.head; // without {body}, the body is not signed
        check.tail = parts.tail;
        return std::nullopt;
    }

    // Recomputed with the profile; a timestamp header, when the profile has one, gets the current time.
    Expected<void> sign(SignTarget target, const QByteArray& secret, const SignOptions& options) const override
    {
        if (!options.generic)
            return Error {Error::Code::InvalidInput,
                          QCoreApplication::translate("GenericScheme", "no generic HMAC profile is set")};
        const GenericHmacProfile& profile = *options.generic;
        if (!hasHeader(target.headers, profile.header))
            return Error {Error::Code::InvalidInput,
                          QCoreApplication::translate("GenericScheme", "no %1 header to replace")
                              .arg(QString::fromLatin1(profile.header))};
        QByteArray timestamp;
        if (!profile.timestampHeader.isEmpty()) {
            timestamp = QByteArray::number(options.now);
            if (!SchemeSupport::replaceHeader(target.headers, profile.timestampHeader, timestamp))
                target.headers.append({profile.timestampHeader, timestamp});
        }
        const QByteArray id
            = profile.idHeader.isEmpty() ? QByteArray() : headerValue(target.headers, profile.idHeader).trimmed();
        const Signed parts = templateParts(profile, timestamp, id);
        const QByteArray digest = parts.bodySigned
            ? Hmac::compute(profile.algorithm, secret, {parts.head, target.body, parts.tail})
            : Hmac::compute(profile.algorithm, secret, parts.head);
        SchemeSupport::replaceHeader(target.headers, profile.header,
                                     profile.prefix + SchemeSupport::encode(profile.encoding, digest));
        return {};
    }
};

} // namespace

const SchemeHandler* genericSchemeHandler()
{
    static const GenericScheme handler;
    return &handler;
}

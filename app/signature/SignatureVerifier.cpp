// SPDX-License-Identifier: MIT
#include "signature/SignatureVerifier.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QList>

#include "core/Logging.h"
#include "json/JsonStringifier.h"
#include "signature/SignatureCheck.h"
#include "signature/SignatureForensics.h"
#include "signature/SignatureReport.h"
#include "signature/SignatureScheme.h"
#include "signature/schemes/SchemeHandler.h"

namespace {

// Firm App: adds JSON.stringify(payload) as the second candidate, unless it equals the raw bytes.
// Returns whether a candidate was added.
bool addReserialized(SignatureCheck& check)
{
    if (!check.payloadOnly || check.candidates.size() != 1)
        return false;
    QByteArray reserialized = JsonStringifier::stringify(check.jsonValue);
    if (reserialized == check.candidates.constFirst().body)
        return false;
    check.candidates.append(SignatureCandidate {SignatureMatch::Reserialized, std::move(reserialized)});
    return true;
}

QString ageText(qint64 seconds)
{
    return seconds >= 0 ? QCoreApplication::translate("SignatureVerifier", "%1 s old").arg(seconds)
                        : QCoreApplication::translate("SignatureVerifier", "%1 s in the future").arg(-seconds);
}

} // namespace

SignatureVerifier::SignatureVerifier(SecretSet secrets, SignatureOptions options)
    : m_secrets(std::move(secrets))
    , m_options(std::move(options))
{ }

qint64 SignatureVerifier::now() const
{
    return m_options.clock ? m_options.clock() : QDateTime::currentSecsSinceEpoch();
}

SignatureScheme SignatureVerifier::detect(const HttpHeaders& headers, const QByteArray& body,
                                          const std::optional<GenericHmacProfile>& generic)
{
    SignatureOptions options;
    options.generic = generic;
    for (const SchemeHandler* handler : SchemeHandler::detectionOrder()) {
        if (handler->detects(headers, body, options))
            return handler->scheme();
    }
    return SignatureScheme::None;
}

SignatureResult SignatureVerifier::verify(const Capture& capture) const
{
    std::optional<qint64> receivedAt;
    if (capture.receivedAt.isValid())
        receivedAt = capture.receivedAt.toSecsSinceEpoch();
    SignatureResult result = verify(capture.headers, capture.body, receivedAt);
    // The scheme, the status and its cause: never the secret, the expected value or the signed bytes.
    qCDebug(lcSignature).noquote() << "capture" << capture.id << SignatureSchemes::name(result.scheme)
                                   << SignatureReport::statusName(result.status)
                                   << SignatureReport::causeName(result.cause);
    return result;
}

SignatureResult SignatureVerifier::verify(const HttpHeaders& headers, const QByteArray& body,
                                          std::optional<qint64> receivedAtSecs) const
{
    SignatureResult result;
    result.scheme = m_options.scheme ? *m_options.scheme : detect(headers, body, m_options.generic);

    SignatureCheck check;
    check.scheme = result.scheme;
    check.candidates.append(SignatureCandidate {SignatureMatch::Raw, body});
    SchemeBuild early;
    if (const SchemeHandler* handler = SchemeHandler::forScheme(result.scheme))
        early = handler->build(headers, body, m_options, check, result);
    else
        early = SchemeEarly {SignatureStatus::NotApplicable, SignatureCause::None,
                             QCoreApplication::translate("SignatureVerifier", "no signature scheme recognised")};

    result.algorithm = Hmac::name(check.algorithm);
    result.received = check.receivedDisplay;
    result.timestamp = check.timestamp;
    if (early || m_secrets.isEmpty()) {
        addReserialized(check); // what the sender should have signed
        if (!check.candidates.isEmpty())
            result.signedBytes = check.content(check.candidates.constLast().body);
    }
    if (early) {
        result.status = early->status;
        result.cause = early->cause;
        result.detail = early->detail;
        if (result.status == SignatureStatus::NotApplicable || result.status == SignatureStatus::UnreadableBody)
            result.algorithm.clear();
        return result;
    }
    if (m_secrets.isEmpty()) {
        result.status = SignatureStatus::NoSecret;
        result.detail = QCoreApplication::translate("SignatureVerifier", "no secret is set");
        return result;
    }

    // Every secret on the raw bytes first, then on the re-serialization (computed only when needed).
    for (qsizetype c = 0; c < check.candidates.size() || (c == 1 && addReserialized(check)); ++c) {
        const SignatureCandidate candidate = check.candidates.at(c);
        for (const Secret& secret : m_secrets.secrets()) {
            const QByteArray encoded = check.expected(secret.value, candidate.body);
            if (!check.matches(encoded))
                continue;
            result.matched = candidate.kind;
            result.secretLabel = secret.label;
            result.signedBytes = check.content(candidate.body);
            result.expected = check.prefix + encoded;
            result.status = SignatureStatus::Valid;
            if (check.receivedHadNoPrefix) {
                result.status = SignatureStatus::Invalid;
                result.cause = SignatureCause::SignaturePrefix;
                result.detail
                    = QCoreApplication::translate("SignatureVerifier", "the value matches but lacks its \"%1\" prefix")
                          .arg(QString::fromLatin1(check.prefix));
                return result;
            }
            if (check.timestamp && check.tolerance > 0) {
                const qint64 age = (receivedAtSecs ? *receivedAtSecs : now()) - *check.timestamp;
                if (age > check.tolerance || (check.rejectFuture && -age > check.tolerance)) {
                    result.status = SignatureStatus::Invalid;
                    result.cause = SignatureCause::StaleTimestamp;
                    result.detail
                        = QCoreApplication::translate("SignatureVerifier",
                                                      "the signature is right but its timestamp is %1 (tolerance %2 s)")
                              .arg(ageText(age))
                              .arg(check.tolerance);
                    return result;
                }
            }
            result.detail = candidate.kind == SignatureMatch::Reserialized
                ? QCoreApplication::translate("SignatureVerifier",
                                              "valid: matches JSON.stringify of the payload (secret \"%1\")")
                      .arg(secret.label)
                : QCoreApplication::translate("SignatureVerifier", "valid (secret \"%1\")").arg(secret.label);
            return result;
        }
    }

    result.status = SignatureStatus::Invalid;
    result.signedBytes = check.content(check.candidates.constLast().body);
    result.expected
        = check.prefix + check.expected(m_secrets.secrets().constFirst().value, check.candidates.constLast().body);
    if (m_options.forensics) {
        SignatureForensics::diagnose(check, m_secrets, result);
    } else {
        result.cause = SignatureCause::None;
        result.detail = QCoreApplication::translate("SignatureVerifier", "the signature does not match");
    }
    return result;
}

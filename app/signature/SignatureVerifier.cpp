// SPDX-License-Identifier: MIT
#include "signature/SignatureVerifier.h"

#include <QDateTime>
#include <QList>

#include "json/JsonReader.h"
#include "json/JsonStringifier.h"
#include "signature/SignatureCheck.h"
#include "signature/SignatureForensics.h"

namespace {

bool startsLikeJsonObject(const QByteArray& body)
{
    for (const char c : body) {
        if (c == ' ' || c == '\t' || c == '\n' || c == '\r')
            continue;
        return c == '{';
    }
    return false;
}

std::optional<qint64> parseTimestamp(QByteArrayView text)
{
    bool ok = false;
    const qint64 value = text.trimmed().toLongLong(&ok);
    return ok ? std::optional<qint64>(value) : std::nullopt;
}

// A result that needs no HMAC: missing, malformed, not applicable.
struct Early
{
    SignatureStatus status;
    SignatureCause cause;
    QString detail;
};

using BuildOutcome = std::optional<Early>;

BuildOutcome buildFirmApp(const QByteArray& body, SignatureCheck& check, SignatureResult& result)
{
    JsonReadOptions readOptions;
    readOptions.skipByteOrderMark = true; // body parsers drop a BOM before JSON.parse
    JsonReadResult read = JsonReader::read(body, readOptions);
    if (!read.ok()) {
        result.jsonError = read.error;
        return Early {SignatureStatus::UnreadableBody, SignatureCause::None,
                      QStringLiteral("the body is not JSON: ") + read.error->toString()};
    }
    const JsonValue root = read.document.root();
    const JsonValue payload = root.member(QStringLiteral("payload"));
    if (!payload.isValid())
        return Early {SignatureStatus::NotApplicable, SignatureCause::None,
                      QStringLiteral("the body has no \"payload\" field")};
    const JsonValue signature = root.member(QStringLiteral("signature"));
    check.algorithm = HmacAlgorithm::Sha256;
    check.encoding = SignatureEncoding::Hex;
    check.payloadOnly = true;
    check.json = read.document;
    check.jsonValue = payload;
    // The re-serialization is added when the raw bytes do not match (addReserialized).
    check.candidates.append(SignatureCandidate {SignatureMatch::Raw, payload.raw().toByteArray()});
    if (!signature.isValid())
        return Early {SignatureStatus::Missing, SignatureCause::None,
                      QStringLiteral("the body has no \"signature\" field")};
    check.receivedDisplay = signature.raw().toByteArray();
    if (!signature.isString())
        return Early {SignatureStatus::Invalid, SignatureCause::MalformedSignature,
                      QStringLiteral("the \"signature\" field is not a string")};
    check.receivedDisplay = signature.toString().toUtf8();
    check.received.append(check.receivedDisplay);
    return std::nullopt;
}

// Splits a value into (prefix stripped?, rest): GitHub "sha256=...", Slack "v0=...".
void takePrefixed(SignatureCheck& check, const QByteArray& value, const QByteArray& prefix)
{
    check.prefix = prefix;
    check.receivedDisplay = value;
    const QByteArray trimmed = value.trimmed();
    if (prefix.isEmpty() || trimmed.startsWith(prefix)) {
        check.received.append(trimmed.mid(prefix.size()));
    } else {
        check.received.append(trimmed);
        check.receivedHadNoPrefix = true;
    }
}

BuildOutcome buildGitHub(const HttpHeaders& headers, SignatureCheck& check)
{
    QByteArray value = headerValue(headers, "X-Hub-Signature-256");
    if (!value.isEmpty()) {
        check.algorithm = HmacAlgorithm::Sha256;
        takePrefixed(check, value, "sha256=");
    } else {
        value = headerValue(headers, "X-Hub-Signature");
        if (value.isEmpty())
            return Early {SignatureStatus::Missing, SignatureCause::None,
                          QStringLiteral("no X-Hub-Signature-256 or X-Hub-Signature header")};
        check.algorithm = HmacAlgorithm::Sha1;
        takePrefixed(check, value, "sha1=");
    }
    return std::nullopt;
}

BuildOutcome buildStripe(const HttpHeaders& headers, SignatureCheck& check, qint64 tolerance)
{
    const QByteArray value = headerValue(headers, "Stripe-Signature");
    if (value.isEmpty())
        return Early {SignatureStatus::Missing, SignatureCause::None, QStringLiteral("no Stripe-Signature header")};
    check.receivedDisplay = value;
    check.prefix = "v1=";
    for (const QByteArray& item : value.split(',')) {
        const qsizetype eq = item.indexOf('=');
        if (eq < 0)
            continue;
        const QByteArray name = item.left(eq).trimmed();
        const QByteArray content = item.mid(eq + 1).trimmed();
        if (name == "t")
            check.timestamp = parseTimestamp(content);
        else if (name == "v1")
            check.received.append(content);
    }
    if (!check.timestamp)
        return Early {SignatureStatus::Invalid, SignatureCause::MalformedSignature,
                      QStringLiteral("the Stripe-Signature header has no t= timestamp")};
    if (check.received.isEmpty())
        return Early {SignatureStatus::Invalid, SignatureCause::MalformedSignature,
                      QStringLiteral("the Stripe-Signature header has no v1= signature")};
    check.head = QByteArray::number(*check.timestamp) + '.';
    check.tolerance = tolerance;
    check.rejectFuture = false; // Stripe's libraries only reject old timestamps
    return std::nullopt;
}

BuildOutcome buildStandardWebhooks(const HttpHeaders& headers, SignatureCheck& check, const QByteArray& prefix,
                                   qint64 tolerance)
{
    const QByteArray signature = headerValue(headers, QByteArray(prefix + "signature"));
    if (signature.isEmpty())
        return Early {SignatureStatus::Missing, SignatureCause::None,
                      QStringLiteral("no %1signature header").arg(QLatin1String(prefix))};
    check.receivedDisplay = signature;
    check.encoding = SignatureEncoding::Base64;
    check.keyIsWhsecBase64 = true;
    check.prefix = "v1,";
    const QByteArray id = headerValue(headers, QByteArray(prefix + "id"));
    const QByteArray timestamp = headerValue(headers, QByteArray(prefix + "timestamp"));
    for (const QByteArray& entry : signature.split(' ')) {
        if (entry.startsWith("v1,"))
            check.received.append(entry.mid(3));
    }
    if (id.isEmpty() || timestamp.isEmpty())
        return Early {SignatureStatus::Invalid, SignatureCause::MalformedSignature,
                      QStringLiteral("the %1id or %1timestamp header is missing").arg(QLatin1String(prefix))};
    check.timestamp = parseTimestamp(timestamp);
    if (!check.timestamp)
        return Early {SignatureStatus::Invalid, SignatureCause::MalformedSignature,
                      QStringLiteral("the %1timestamp header is not a number").arg(QLatin1String(prefix))};
    if (check.received.isEmpty())
        return Early {
            SignatureStatus::Invalid, SignatureCause::MalformedSignature,
            QStringLiteral("no v1 signature in %1signature (v1a is not supported)").arg(QLatin1String(prefix))};
    check.head = id + '.' + timestamp.trimmed() + '.';
    check.tolerance = tolerance;
    return std::nullopt;
}

BuildOutcome buildShopify(const HttpHeaders& headers, SignatureCheck& check)
{
    const QByteArray value = headerValue(headers, "X-Shopify-Hmac-Sha256");
    if (value.isEmpty())
        return Early {SignatureStatus::Missing, SignatureCause::None,
                      QStringLiteral("no X-Shopify-Hmac-Sha256 header")};
    check.encoding = SignatureEncoding::Base64;
    takePrefixed(check, value, {});
    return std::nullopt;
}

BuildOutcome buildSlack(const HttpHeaders& headers, SignatureCheck& check, qint64 tolerance)
{
    const QByteArray value = headerValue(headers, "X-Slack-Signature");
    if (value.isEmpty())
        return Early {SignatureStatus::Missing, SignatureCause::None, QStringLiteral("no X-Slack-Signature header")};
    takePrefixed(check, value, "v0=");
    const QByteArray timestamp = headerValue(headers, "X-Slack-Request-Timestamp").trimmed();
    check.timestamp = parseTimestamp(timestamp);
    if (!check.timestamp)
        return Early {SignatureStatus::Invalid, SignatureCause::MalformedSignature,
                      QStringLiteral("no valid X-Slack-Request-Timestamp header")};
    check.head = "v0:" + timestamp + ':';
    check.tolerance = tolerance;
    return std::nullopt;
}

BuildOutcome buildGeneric(const HttpHeaders& headers, SignatureCheck& check, const GenericHmacProfile& profile)
{
    const QByteArray value = headerValue(headers, profile.header);
    if (value.isEmpty())
        return Early {SignatureStatus::Missing, SignatureCause::None,
                      QStringLiteral("no %1 header").arg(QString::fromLatin1(profile.header))};
    check.algorithm = profile.algorithm;
    check.encoding = profile.encoding;
    takePrefixed(check, value, profile.prefix);
    QByteArray timestamp;
    if (!profile.timestampHeader.isEmpty()) {
        timestamp = headerValue(headers, profile.timestampHeader).trimmed();
        check.timestamp = parseTimestamp(timestamp);
        check.tolerance = profile.toleranceSeconds;
    }
    const QByteArray id = profile.idHeader.isEmpty() ? QByteArray() : headerValue(headers, profile.idHeader).trimmed();
    QByteArray templ = profile.signedTemplate;
    templ.replace("{timestamp}", timestamp).replace("{id}", id);
    const qsizetype at = templ.indexOf("{body}");
    if (at < 0) {
        check.head = templ; // the body is not signed
        return std::nullopt;
    }
    check.head = templ.left(at);
    check.tail = templ.mid(at + 6);
    return std::nullopt;
}

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
    return seconds >= 0 ? QStringLiteral("%1 s old").arg(seconds) : QStringLiteral("%1 s in the future").arg(-seconds);
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
    if (generic && !generic->header.isEmpty() && hasHeader(headers, generic->header))
        return SignatureScheme::Generic;
    if (hasHeader(headers, "X-Hub-Signature-256") || hasHeader(headers, "X-Hub-Signature"))
        return SignatureScheme::GitHub;
    if (hasHeader(headers, "Stripe-Signature"))
        return SignatureScheme::Stripe;
    if (hasHeader(headers, "webhook-signature"))
        return SignatureScheme::StandardWebhooks;
    if (hasHeader(headers, "svix-signature"))
        return SignatureScheme::Svix;
    if (hasHeader(headers, "X-Shopify-Hmac-Sha256"))
        return SignatureScheme::Shopify;
    if (hasHeader(headers, "X-Slack-Signature"))
        return SignatureScheme::Slack;
    if (startsLikeJsonObject(body)) {
        if (body.contains("\"payload\""))
            return SignatureScheme::FirmApp; // even when unreadable: then the status says why
        // The key may be written with escapes ("\u0070ayload"): only then is a parse needed.
        if (body.contains("\\u")) {
            JsonReadOptions options;
            options.skipByteOrderMark = true;
            const JsonReadResult read = JsonReader::read(body, options);
            if (read.ok() && read.document.root().member(QStringLiteral("payload")).isValid())
                return SignatureScheme::FirmApp;
        }
    }
    return SignatureScheme::None;
}

SignatureResult SignatureVerifier::verify(const Capture& capture) const
{
    std::optional<qint64> receivedAt;
    if (capture.receivedAt.isValid())
        receivedAt = capture.receivedAt.toSecsSinceEpoch();
    return verify(capture.headers, capture.body, receivedAt);
}

SignatureResult SignatureVerifier::verify(const HttpHeaders& headers, const QByteArray& body,
                                          std::optional<qint64> receivedAtSecs) const
{
    SignatureResult result;
    result.scheme = m_options.scheme ? *m_options.scheme : detect(headers, body, m_options.generic);

    SignatureCheck check;
    check.scheme = result.scheme;
    check.candidates.append(SignatureCandidate {SignatureMatch::Raw, body});
    BuildOutcome early;
    switch (result.scheme) {
    case SignatureScheme::None:
        early = Early {SignatureStatus::NotApplicable, SignatureCause::None,
                       QStringLiteral("no signature scheme recognised")};
        break;
    case SignatureScheme::FirmApp:
        check.candidates.clear();
        early = buildFirmApp(body, check, result);
        break;
    case SignatureScheme::GitHub:
        early = buildGitHub(headers, check);
        break;
    case SignatureScheme::Stripe:
        early = buildStripe(headers, check, m_options.stripeToleranceSeconds);
        break;
    case SignatureScheme::StandardWebhooks:
        early = buildStandardWebhooks(headers, check, "webhook-", m_options.standardWebhooksToleranceSeconds);
        break;
    case SignatureScheme::Svix:
        early = buildStandardWebhooks(headers, check, "svix-", m_options.standardWebhooksToleranceSeconds);
        break;
    case SignatureScheme::Shopify:
        early = buildShopify(headers, check);
        break;
    case SignatureScheme::Slack:
        early = buildSlack(headers, check, m_options.slackToleranceSeconds);
        break;
    case SignatureScheme::Generic:
        if (!m_options.generic)
            early = Early {SignatureStatus::NotApplicable, SignatureCause::None,
                           QStringLiteral("no generic HMAC profile is set")};
        else
            early = buildGeneric(headers, check, *m_options.generic);
        break;
    }

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
        result.detail = QStringLiteral("no secret is set");
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
                result.detail = QStringLiteral("the value matches but lacks its \"%1\" prefix")
                                    .arg(QString::fromLatin1(check.prefix));
                return result;
            }
            if (check.timestamp && check.tolerance > 0) {
                const qint64 age = (receivedAtSecs ? *receivedAtSecs : now()) - *check.timestamp;
                if (age > check.tolerance || (check.rejectFuture && -age > check.tolerance)) {
                    result.status = SignatureStatus::Invalid;
                    result.cause = SignatureCause::StaleTimestamp;
                    result.detail = QStringLiteral("the signature is right but its timestamp is %1 (tolerance %2 s)")
                                        .arg(ageText(age))
                                        .arg(check.tolerance);
                    return result;
                }
            }
            result.detail = candidate.kind == SignatureMatch::Reserialized
                ? QStringLiteral("valid: matches JSON.stringify of the payload (secret \"%1\")").arg(secret.label)
                : QStringLiteral("valid (secret \"%1\")").arg(secret.label);
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
        result.detail = QStringLiteral("the signature does not match");
    }
    return result;
}

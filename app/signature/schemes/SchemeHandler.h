// SPDX-License-Identifier: MIT
#pragma once

#include <QByteArray>
#include <QList>
#include <QString>
#include <optional>

#include "core/Capture.h"
#include "core/Expected.h"
#include "signature/SignatureCheck.h"
#include "signature/SignatureOptions.h"
#include "signature/SignatureResult.h"

// A result that needs no HMAC: missing, malformed, not applicable.
struct SchemeEarly
{
    SignatureStatus status;
    SignatureCause cause;
    QString detail;
};
using SchemeBuild = std::optional<SchemeEarly>;

// What re-signing may change besides the signature.
struct SignOptions
{
    qint64 now = 0; // seconds since the epoch, for the fresh timestamp of timestamped schemes
    bool renewMessageId = false; // Standard Webhooks / Svix: a new webhook-id instead of the original
    std::optional<GenericHmacProfile> generic;
};

// The request being re-signed: edited in place (header values keep their position and name case).
struct SignTarget
{
    HttpHeaders& headers;
    QByteArray& body;
};

// Everything Hookbench knows about one signature scheme, in one place: how to recognise it, how to
// build the check that verifies it, the prefixes its values carry (for forensics), and how to sign.
class SchemeHandler
{
public:
    virtual ~SchemeHandler() = default;
    virtual SignatureScheme scheme() const = 0;
    // Whether the headers or body carry this scheme's signature (detection tries schemes in a fixed order).
    virtual bool detects(const HttpHeaders& headers, const QByteArray& body, const SignatureOptions& options) const = 0;
    // Fills check (recipe, received values) for verification, or says why no HMAC is needed.
    virtual SchemeBuild build(const HttpHeaders& headers, const QByteArray& body, const SignatureOptions& options,
                              SignatureCheck& check, SignatureResult& result) const = 0;
    // Replaces the signature (and, for timestamped schemes, the timestamp) with one made with secret.
    // InvalidInput, saying why, when it cannot: e.g. the request has no signature to replace.
    virtual Expected<void> sign(SignTarget target, const QByteArray& secret, const SignOptions& options) const = 0;
    // Prefixes this scheme writes before a digest ("sha256=", "v1,"...).
    virtual QList<QByteArray> prefixes() const { return {}; }

    // The handler for a scheme (nullptr for None); schemes in detection order.
    static const SchemeHandler* forScheme(SignatureScheme scheme);
    static const QList<const SchemeHandler*>& detectionOrder();
    static QList<QByteArray> allPrefixes();
};

// Shared by the handlers.
namespace SchemeSupport {
std::optional<qint64> parseTimestamp(QByteArrayView text);
// Splits a value into (prefix stripped?, rest): GitHub "sha256=...", Slack "v0=...".
void takePrefixed(SignatureCheck& check, const QByteArray& value, const QByteArray& prefix);
// Sets the value of the first header with this name (keeping its position and case); false when absent.
bool replaceHeader(HttpHeaders& headers, QByteArrayView name, const QByteArray& value);
QByteArray encode(SignatureEncoding encoding, const QByteArray& digest);
} // namespace SchemeSupport

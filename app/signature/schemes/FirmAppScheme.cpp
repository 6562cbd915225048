// SPDX-License-Identifier: MIT
// Firm App: HMAC-SHA256 (hex) of JSON.stringify(body.payload), in body.signature
// (reference/firm-app-webhooks.txt).
#include <QCoreApplication>

#include "json/JsonReader.h"
#include "json/JsonStringifier.h"
#include "signature/schemes/SchemeHandler.h"

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

JsonReadResult readBody(const QByteArray& body)
{
    JsonReadOptions options;
    options.skipByteOrderMark = true; // body parsers drop a BOM before JSON.parse
    return JsonReader::read(body, options);
}

class FirmAppScheme final : public SchemeHandler
{
public:
    SignatureScheme scheme() const override { return SignatureScheme::FirmApp; }

    bool detects(const HttpHeaders&, const QByteArray& body, const SignatureOptions&) const override
    {
        if (!startsLikeJsonObject(body))
            return false;
        if (body.contains("\"payload\""))
            return true; // even when unreadable: then the status says why
        // The key may be written with escapes ("\u0070ayload"): only then is a parse needed.
        if (body.contains("\\u")) {
            const JsonReadResult read = readBody(body);
            return read.ok() && read.document.root().member(QStringLiteral("payload")).isValid();
        }
        return false;
    }

    SchemeBuild build(const HttpHeaders&, const QByteArray& body, const SignatureOptions&, SignatureCheck& check,
                      SignatureResult& result) const override
    {
        check.candidates.clear();
        JsonReadResult read = readBody(body);
        if (!read.ok()) {
            result.jsonError = read.error;
            return SchemeEarly {SignatureStatus::UnreadableBody, SignatureCause::None,
                                QCoreApplication::translate("FirmAppScheme", "the body is not JSON: ")
                                    + read.error->toString()};
        }
        const JsonValue root = read.document.root();
        const JsonValue payload = root.member(QStringLiteral("payload"));
        if (!payload.isValid())
            return SchemeEarly {SignatureStatus::NotApplicable, SignatureCause::None,
                                QCoreApplication::translate("FirmAppScheme", "the body has no \"payload\" field")};
        const JsonValue signature = root.member(QStringLiteral("signature"));
        check.algorithm = HmacAlgorithm::Sha256;
        check.encoding = SignatureEncoding::Hex;
        check.payloadOnly = true;
        check.json = read.document;
        check.jsonValue = payload;
        // The re-serialization is added when the raw bytes do not match (addReserialized).
        check.candidates.append(SignatureCandidate {SignatureMatch::Raw, payload.raw().toByteArray()});
        if (!signature.isValid())
            return SchemeEarly {SignatureStatus::Missing, SignatureCause::None,
                                QCoreApplication::translate("FirmAppScheme", "the body has no \"signature\" field")};
        check.receivedDisplay = signature.raw().toByteArray();
        if (!signature.isString())
            return SchemeEarly {
                SignatureStatus::Invalid, SignatureCause::MalformedSignature,
                QCoreApplication::translate("FirmAppScheme", "the \"signature\" field is not a string")};
        check.receivedDisplay = signature.toString().toUtf8();
        check.received.append(check.receivedDisplay);
        return std::nullopt;
    }

    // The receiver signs JSON.stringify(payload) again, so that is what is signed; the new value replaces
    // the old one's bytes in place and every other byte of the body stays as it was.
    Expected<void> sign(SignTarget target, const QByteArray& secret, const SignOptions&) const override
    {
        const JsonReadResult read = readBody(target.body);
        if (!read.ok())
            return Error {Error::Code::InvalidInput,
                          QCoreApplication::translate("FirmAppScheme", "the body is not JSON: ")
                              + read.error->toString()};
        const JsonValue root = read.document.root();
        const JsonValue payload = root.member(QStringLiteral("payload"));
        if (!payload.isValid())
            return Error {Error::Code::InvalidInput,
                          QCoreApplication::translate("FirmAppScheme", "the body has no \"payload\" field to sign")};
        const JsonValue signature = root.member(QStringLiteral("signature"));
        if (!signature.isString())
            return Error {
                Error::Code::InvalidInput,
                QCoreApplication::translate("FirmAppScheme", "the body has no \"signature\" string to replace")};
        const QByteArray digest
            = Hmac::compute(HmacAlgorithm::Sha256, secret, JsonStringifier::stringify(payload)).toHex();
        // Spans are offsets in the body itself (a skipped byte order mark included).
        QByteArray spliced = target.body.left(signature.begin());
        spliced += '"' + digest + '"';
        spliced += target.body.mid(signature.end());
        target.body = spliced;
        return {};
    }
};

} // namespace

const SchemeHandler* firmAppSchemeHandler()
{
    static const FirmAppScheme handler;
    return &handler;
}

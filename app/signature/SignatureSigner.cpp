// SPDX-License-Identifier: MIT
#include "signature/SignatureSigner.h"

#include <QCoreApplication>

#include "signature/SignatureVerifier.h"

SignOutcome SignatureSigner::sign(HttpHeaders& headers, QByteArray& body, const QByteArray& secret,
                                  std::optional<SignatureScheme> scheme, const SignOptions& options)
{
    SignOutcome outcome;
    outcome.scheme = scheme ? *scheme : SignatureVerifier::detect(headers, body, options.generic);
    const SchemeHandler* handler = SchemeHandler::forScheme(outcome.scheme);
    if (!handler) {
        outcome.error
            = QCoreApplication::translate("SignatureSigner", "no signature scheme recognised in this request");
        return outcome;
    }
    if (secret.isEmpty()) {
        outcome.error = QCoreApplication::translate("SignatureSigner", "no secret to sign with");
        return outcome;
    }
    // Sign a copy, so that a refusal leaves the request as it was.
    HttpHeaders signedHeaders = headers;
    QByteArray signedBody = body;
    if (std::optional<QString> error = handler->sign(SignTarget {signedHeaders, signedBody}, secret, options)) {
        outcome.error = SignatureSchemes::displayName(outcome.scheme) + QStringLiteral(": ") + *error;
        return outcome;
    }
    headers = signedHeaders;
    body = signedBody;
    return outcome;
}

// SPDX-License-Identifier: MIT
#include "signature/SignatureSigner.h"

#include <QCoreApplication>

#include "signature/SignatureVerifier.h"

Expected<SignatureScheme> SignatureSigner::sign(HttpHeaders& headers, QByteArray& body, const QByteArray& secret,
                                                std::optional<SignatureScheme> scheme, const SignOptions& options)
{
    const SignatureScheme signing = scheme ? *scheme : SignatureVerifier::detect(headers, body, options.generic);
    const SchemeHandler* handler = SchemeHandler::forScheme(signing);
    if (!handler)
        return Error {Error::Code::InvalidInput,
                      QCoreApplication::translate("SignatureSigner", "no signature scheme recognised in this request")};
    if (secret.isEmpty())
        return Error {Error::Code::InvalidInput,
                      QCoreApplication::translate("SignatureSigner", "no secret to sign with")};
    // Sign a copy, so that a refusal leaves the request as it was.
    HttpHeaders signedHeaders = headers;
    QByteArray signedBody = body;
    if (const Expected<void> done = handler->sign(SignTarget {signedHeaders, signedBody}, secret, options); !done)
        return Error {done.error().code,
                      SignatureSchemes::displayName(signing) + QStringLiteral(": ") + done.error().message};
    headers = signedHeaders;
    body = signedBody;
    return signing;
}

// SPDX-License-Identifier: MIT
#pragma once

#include <QByteArray>
#include <optional>

#include "core/Capture.h"
#include "core/Expected.h"
#include "signature/SignatureScheme.h"
#include "signature/schemes/SchemeHandler.h"

// Re-signs a request in place with another secret: the scheme chosen, or detected like verification does.
// Only the signature (and a timestamped scheme's timestamp or message id) changes.
class SignatureSigner final
{
public:
    // The scheme that was signed; InvalidInput, saying why, when nothing was signed (no scheme recognised, no
    // secret, or the scheme's refusal, named by the scheme). A refusal leaves the request as it was.
    static Expected<SignatureScheme> sign(HttpHeaders& headers, QByteArray& body, const QByteArray& secret,
                                          std::optional<SignatureScheme> scheme, const SignOptions& options);
};

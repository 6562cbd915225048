// SPDX-License-Identifier: MIT
#pragma once

#include <QByteArray>
#include <QString>
#include <optional>

#include "core/Capture.h"
#include "signature/SignatureScheme.h"
#include "signature/schemes/SchemeHandler.h"

struct SignOutcome
{
    SignatureScheme scheme = SignatureScheme::None; // the scheme that was signed (or detected and refused)
    std::optional<QString> error; // why nothing was signed
    bool ok() const { return !error.has_value(); }
};

// Re-signs a request in place with another secret: the scheme chosen, or detected like verification does.
// Only the signature (and a timestamped scheme's timestamp or message id) changes.
class SignatureSigner final
{
public:
    static SignOutcome sign(HttpHeaders& headers, QByteArray& body, const QByteArray& secret,
                            std::optional<SignatureScheme> scheme, const SignOptions& options);
};

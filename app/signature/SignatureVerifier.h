// SPDX-License-Identifier: MIT
#pragma once

#include <QByteArray>
#include <optional>

#include "core/Capture.h"
#include "signature/SecretSet.h"
#include "signature/SignatureOptions.h"
#include "signature/SignatureResult.h"

// Verifies one request's signature against the active secrets and explains a failure.
// Immutable after construction apart from the setters; verify() is const and safe to call from
// several threads at once.
class SignatureVerifier final
{
public:
    SignatureVerifier() = default;
    explicit SignatureVerifier(SecretSet secrets, SignatureOptions options = {});

    void setSecrets(const SecretSet& secrets) { m_secrets = secrets; }
    const SecretSet& secrets() const { return m_secrets; }
    void setOptions(const SignatureOptions& options) { m_options = options; }
    const SignatureOptions& options() const { return m_options; }

    // Timestamp windows are measured from the capture's receivedAt (so an old capture that was fresh
    // when it arrived stays valid), or from the clock when it has none.
    SignatureResult verify(const Capture& capture) const;
    SignatureResult verify(const HttpHeaders& headers, const QByteArray& body,
                           std::optional<qint64> receivedAtSecs = std::nullopt) const;

    static SignatureScheme detect(const HttpHeaders& headers, const QByteArray& body,
                                  const std::optional<GenericHmacProfile>& generic = std::nullopt);

private:
    qint64 now() const;

    SecretSet m_secrets;
    SignatureOptions m_options;
};

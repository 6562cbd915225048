// SPDX-License-Identifier: MIT
#pragma once

#include "signature/SecretSet.h"
#include "signature/SignatureResult.h"

struct SignatureCheck;

// Finds the likely cause of an invalid signature by trying the variants that commonly break one:
// letter case and prefixes, bodies changed in transit, secrets pasted in another encoding.
class SignatureForensics final
{
public:
    // Sets result.cause, result.detail and (when a variant matched) result.secretLabel.
    static void diagnose(const SignatureCheck& check, const SecretSet& secrets, SignatureResult& result);
};

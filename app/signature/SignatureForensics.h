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
    // The bounds on the work and memory one diagnosis takes, whatever the body: re-serializations only of
    // JSON bodies up to maxJsonBody bytes nested at most maxJsonDepth deep, each given up past 4 times the
    // body's size (64 KiB at least); body copies (added newline or byte order mark, other line endings)
    // only up to maxCopiedBody; at most maxBodyVariants distinct bodies tried. One variant exists at a time.
    static constexpr qsizetype maxJsonBody = 1024 * 1024;
    static constexpr int maxJsonDepth = 64;
    static constexpr qsizetype maxCopiedBody = 8 * 1024 * 1024;
    static constexpr int maxBodyVariants = 24;

    // Sets result.cause, result.detail and (when a variant matched) result.secretLabel.
    static void diagnose(const SignatureCheck& check, const SecretSet& secrets, SignatureResult& result);
};

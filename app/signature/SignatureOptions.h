// SPDX-License-Identifier: MIT
#pragma once

#include <functional>
#include <optional>

#include "signature/GenericHmacProfile.h"
#include "signature/SignatureScheme.h"

struct SignatureOptions
{
    // Chosen by hand; empty: detected from the headers and the body.
    std::optional<SignatureScheme> scheme;
    std::optional<GenericHmacProfile> generic; // also enables detection of its header
    qint64 stripeToleranceSeconds = 300;
    qint64 standardWebhooksToleranceSeconds = 300;
    qint64 slackToleranceSeconds = 300;
    // Seconds since the epoch, for requests without a received time; injectable for tests.
    std::function<qint64()> clock;
    bool forensics = true; // look for the likely cause of an invalid signature
};

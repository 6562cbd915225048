// SPDX-License-Identifier: MIT
#pragma once

#include <QList>
#include <QString>

enum class SignatureScheme
{
    None, // nothing recognised
    FirmApp,
    GitHub,
    Stripe,
    StandardWebhooks,
    Svix,
    Shopify,
    Slack,
    Generic
};

// Stable names (used in --json output and settings) and display names.
class SignatureSchemes final
{
public:
    static QString name(SignatureScheme scheme); // "firm_app", "github", ..., "none"
    static QString displayName(SignatureScheme scheme); // "Firm App", "GitHub", ...
    static bool fromName(QStringView name, SignatureScheme* scheme);
    static QList<SignatureScheme> all(); // every scheme but None
};

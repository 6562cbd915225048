// SPDX-License-Identifier: MIT
#include "signature/SignatureScheme.h"

#include <QCoreApplication>

QString SignatureSchemes::name(SignatureScheme scheme)
{
    switch (scheme) {
    case SignatureScheme::None:
        return QStringLiteral("none");
    case SignatureScheme::FirmApp:
        return QStringLiteral("firm_app");
    case SignatureScheme::GitHub:
        return QStringLiteral("github");
    case SignatureScheme::Stripe:
        return QStringLiteral("stripe");
    case SignatureScheme::StandardWebhooks:
        return QStringLiteral("standard_webhooks");
    case SignatureScheme::Svix:
        return QStringLiteral("svix");
    case SignatureScheme::Shopify:
        return QStringLiteral("shopify");
    case SignatureScheme::Slack:
        return QStringLiteral("slack");
    case SignatureScheme::Generic:
        return QStringLiteral("generic");
    }
    return {};
}

QString SignatureSchemes::displayName(SignatureScheme scheme)
{
    switch (scheme) {
    case SignatureScheme::None:
        return QStringLiteral("None");
    case SignatureScheme::FirmApp:
        return QStringLiteral("Firm App");
    case SignatureScheme::GitHub:
        return QStringLiteral("GitHub");
    case SignatureScheme::Stripe:
        return QStringLiteral("Stripe");
    case SignatureScheme::StandardWebhooks:
        return QStringLiteral("Standard Webhooks");
    case SignatureScheme::Svix:
        return QStringLiteral("Svix");
    case SignatureScheme::Shopify:
        return QStringLiteral("Shopify");
    case SignatureScheme::Slack:
        return QStringLiteral("Slack");
    case SignatureScheme::Generic:
        return QCoreApplication::translate("SignatureScheme", "Generic HMAC");
    }
    return {};
}

bool SignatureSchemes::fromName(QStringView name, SignatureScheme* scheme)
{
    for (const SignatureScheme candidate : all()) {
        if (name.compare(SignatureSchemes::name(candidate), Qt::CaseInsensitive) == 0) {
            *scheme = candidate;
            return true;
        }
    }
    return false;
}

QList<SignatureScheme> SignatureSchemes::all()
{
    return {
        SignatureScheme::FirmApp, SignatureScheme::GitHub,  SignatureScheme::Stripe, SignatureScheme::StandardWebhooks,
        SignatureScheme::Svix,    SignatureScheme::Shopify, SignatureScheme::Slack,  SignatureScheme::Generic};
}

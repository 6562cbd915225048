// SPDX-License-Identifier: MIT
#include "signature/schemes/SchemeHandler.h"

const SchemeHandler* firmAppSchemeHandler();
const SchemeHandler* gitHubSchemeHandler();
const SchemeHandler* stripeSchemeHandler();
const SchemeHandler* standardWebhooksSchemeHandler();
const SchemeHandler* svixSchemeHandler();
const SchemeHandler* shopifySchemeHandler();
const SchemeHandler* slackSchemeHandler();
const SchemeHandler* genericSchemeHandler();

const QList<const SchemeHandler*>& SchemeHandler::detectionOrder()
{
    // A generic profile's header first (the user named it), headers before the body, Firm App last.
    static const QList<const SchemeHandler*> order {
        genericSchemeHandler(), gitHubSchemeHandler(),  stripeSchemeHandler(), standardWebhooksSchemeHandler(),
        svixSchemeHandler(),    shopifySchemeHandler(), slackSchemeHandler(),  firmAppSchemeHandler()};
    return order;
}

const SchemeHandler* SchemeHandler::forScheme(SignatureScheme scheme)
{
    for (const SchemeHandler* handler : detectionOrder()) {
        if (handler->scheme() == scheme)
            return handler;
    }
    return nullptr;
}

QList<QByteArray> SchemeHandler::allPrefixes()
{
    QList<QByteArray> prefixes;
    for (const SchemeHandler* handler : detectionOrder()) {
        for (const QByteArray& prefix : handler->prefixes()) {
            if (!prefixes.contains(prefix))
                prefixes.append(prefix);
        }
    }
    prefixes.append("sha512="); // generic profiles with SHA-512
    return prefixes;
}

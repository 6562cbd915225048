// SPDX-License-Identifier: MIT
#include "cli/SecretOptions.h"

#include <QCommandLineParser>

#include "signature/GenericHmacSpec.h"

SecretOptions::SecretOptions()
    : m_env(QStringLiteral("secret-env"),
            QStringLiteral("Verify signatures with the secret in this environment variable."), QStringLiteral("VAR"))
    , m_file(QStringLiteral("secret-file"), QStringLiteral("Verify signatures with the secret in this file."),
             QStringLiteral("FILE"))
    , m_scheme(QStringLiteral("scheme"),
               QStringLiteral("Check this scheme instead of detecting it: firm_app, github, stripe, "
                              "standard_webhooks, svix, shopify, slack or generic."),
               QStringLiteral("NAME"))
    , m_generic(QStringLiteral("generic"),
                QStringLiteral("A generic HMAC profile, e.g. \"header=X-Signature;algorithm=sha256;encoding=hex;"
                               "prefix=sha256=;template={timestamp}.{body};timestamp-header=X-Timestamp\"."),
                QStringLiteral("SPEC"))
{ }

Expected<SignatureOptions> SecretOptions::signatureOptions(const QCommandLineParser& parser) const
{
    SignatureOptions options;
    if (parser.isSet(m_generic)) {
        const Expected<GenericHmacProfile> profile = GenericHmacSpec::parse(parser.value(m_generic));
        if (!profile)
            return Error {Error::Code::InvalidInput, QStringLiteral("--generic: %1").arg(profile.error().message)};
        options.generic = *profile;
    }
    if (parser.isSet(m_scheme)) {
        SignatureScheme scheme = SignatureScheme::None;
        if (!SignatureSchemes::fromName(parser.value(m_scheme), &scheme)) {
            QStringList names;
            for (SignatureScheme known : SignatureSchemes::all())
                names.append(SignatureSchemes::name(known));
            return Error {Error::Code::InvalidInput,
                          QStringLiteral("--scheme: unknown scheme \"%1\" (%2)")
                              .arg(parser.value(m_scheme), names.join(QStringLiteral(", ")))};
        }
        if (scheme == SignatureScheme::Generic && !options.generic)
            return Error {Error::Code::InvalidInput, QStringLiteral("--scheme generic needs --generic SPEC")};
        options.scheme = scheme;
    }
    return options;
}

bool SecretOptions::isSet(const QCommandLineParser& parser) const
{
    return parser.isSet(m_env) || parser.isSet(m_file);
}

Expected<SecretSet> SecretOptions::read(const QCommandLineParser& parser) const
{
    SecretSet all;
    // Several of each are allowed: secrets during a rotation are all tried, in the order given.
    for (const QString& var : parser.values(m_env)) {
        const Expected<SecretSet, SecretError> set = SecretSet::fromEnvironment(var);
        if (!set)
            return Error {Error::Code::InvalidInput, QStringLiteral("--secret-env: %1").arg(set.error().message)};
        for (const Secret& secret : set->secrets())
            all.add(secret);
    }
    for (const QString& path : parser.values(m_file)) {
        const Expected<SecretSet, SecretError> set = SecretSet::fromFile(path);
        if (!set)
            return Error {Error::Code::InvalidInput, QStringLiteral("--secret-file: %1").arg(set.error().message)};
        for (const Secret& secret : set->secrets())
            all.add(secret);
    }
    return all;
}

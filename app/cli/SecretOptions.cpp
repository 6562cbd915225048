// SPDX-License-Identifier: MIT
#include "cli/SecretOptions.h"

#include <QCommandLineParser>

SecretOptions::SecretOptions()
    : m_env(QStringLiteral("secret-env"),
            QStringLiteral("Verify signatures with the secret in this environment variable."), QStringLiteral("VAR"))
    , m_file(QStringLiteral("secret-file"), QStringLiteral("Verify signatures with the secret in this file."),
             QStringLiteral("FILE"))
{ }

bool SecretOptions::isSet(const QCommandLineParser& parser) const
{
    return parser.isSet(m_env) || parser.isSet(m_file);
}

std::optional<SecretSet> SecretOptions::read(const QCommandLineParser& parser, QString* error) const
{
    SecretSet all;
    SecretError secretError;
    // Several of each are allowed: secrets during a rotation are all tried, in the order given.
    for (const QString& var : parser.values(m_env)) {
        const std::optional<SecretSet> set = SecretSet::fromEnvironment(var, &secretError);
        if (!set) {
            *error = QStringLiteral("--secret-env: %1").arg(secretError.message);
            return std::nullopt;
        }
        for (const Secret& secret : set->secrets())
            all.add(secret);
    }
    for (const QString& path : parser.values(m_file)) {
        const std::optional<SecretSet> set = SecretSet::fromFile(path, &secretError);
        if (!set) {
            *error = QStringLiteral("--secret-file: %1").arg(secretError.message);
            return std::nullopt;
        }
        for (const Secret& secret : set->secrets())
            all.add(secret);
    }
    return all;
}

// SPDX-License-Identifier: MIT
#pragma once

#include <QCommandLineOption>
#include <QList>

#include "signature/SecretSet.h"
#include "signature/SignatureOptions.h"

class QCommandLineParser;

// --secret-env VAR, --secret-file F, --scheme NAME and --generic SPEC, shared by the commands that
// verify. Secrets are never taken from the command line itself: they would show in the process list.
class SecretOptions final
{
public:
    SecretOptions();
    QList<QCommandLineOption> options() const { return {m_env, m_file, m_scheme, m_generic}; }
    bool isSet(const QCommandLineParser& parser) const;
    // The secrets named by the options; an error text (naming the variable or file) when unusable.
    std::optional<SecretSet> read(const QCommandLineParser& parser, QString* error) const;
    // The scheme chosen by hand (else detected) and a generic profile; an error text when unusable.
    std::optional<SignatureOptions> signatureOptions(const QCommandLineParser& parser, QString* error) const;

private:
    QCommandLineOption m_env;
    QCommandLineOption m_file;
    QCommandLineOption m_scheme;
    QCommandLineOption m_generic;
};

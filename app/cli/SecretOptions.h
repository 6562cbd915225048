// SPDX-License-Identifier: MIT
#pragma once

#include <QCommandLineOption>
#include <QList>

#include "core/Expected.h"
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
    // The secrets named by the options; InvalidInput, naming the option and the variable or file, when unusable.
    Expected<SecretSet> read(const QCommandLineParser& parser) const;
    // The scheme chosen by hand (else detected) and a generic profile; InvalidInput, naming the option, when
    // unusable.
    Expected<SignatureOptions> signatureOptions(const QCommandLineParser& parser) const;

private:
    QCommandLineOption m_env;
    QCommandLineOption m_file;
    QCommandLineOption m_scheme;
    QCommandLineOption m_generic;
};

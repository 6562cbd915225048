// SPDX-License-Identifier: MIT
#pragma once

#include <QCommandLineOption>
#include <QList>

#include "signature/SecretSet.h"

class QCommandLineParser;

// --secret-env VAR and --secret-file F, shared by the commands that verify. Secrets are never taken
// from the command line itself: they would show in the process list.
class SecretOptions final
{
public:
    SecretOptions();
    QList<QCommandLineOption> options() const { return {m_env, m_file}; }
    bool isSet(const QCommandLineParser& parser) const;
    // The secrets named by the options; an error text (naming the variable or file) when unusable.
    std::optional<SecretSet> read(const QCommandLineParser& parser, QString* error) const;

private:
    QCommandLineOption m_env;
    QCommandLineOption m_file;
};

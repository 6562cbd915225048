// SPDX-License-Identifier: MIT
#pragma once

#include <QCommandLineOption>
#include <QJsonObject>
#include <QList>

#include "core/Expected.h"
#include "core/ReplayAttempt.h"
#include "replay/ReplayTarget.h"
#include "signature/SecretSet.h"

class QCommandLineParser;

// The options shared by `replay` and `listen --forward-to`: re-signing secret (from an environment
// variable or a file, never the command line), CA file, certificate check, timeout, concurrency, path.
class ReplayOptions final
{
public:
    ReplayOptions();
    QList<QCommandLineOption> options() const;
    // The target for url (given with urlOption) with these options; InvalidInput, naming the option, when one is
    // unusable.
    Expected<ReplayTarget> target(const QCommandLineParser& parser, const QString& urlOption, const QString& url) const;
    // The re-signing secret when one is given (an empty set otherwise), as the set it was read into: the replayer
    // or forwarder shares it; InvalidInput, naming the option, when it cannot be read.
    Expected<SecretSet> resignSecret(const QCommandLineParser& parser) const;

    // One line per attempt: `--json` object and human text.
    static QJsonObject attemptToJson(const ReplayAttempt& attempt);
    static QString attemptToText(const ReplayAttempt& attempt);

private:
    QCommandLineOption m_secretEnv;
    QCommandLineOption m_secretFile;
    QCommandLineOption m_caFile;
    QCommandLineOption m_insecure;
    QCommandLineOption m_timeout;
    QCommandLineOption m_concurrency;
    QCommandLineOption m_appendPath;
    QCommandLineOption m_renewId;
};

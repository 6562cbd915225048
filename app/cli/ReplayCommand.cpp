// SPDX-License-Identifier: MIT
#include "cli/ReplayCommand.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QJsonDocument>
#include <QMap>

#include "cli/CaptureJson.h"
#include "cli/CliOutput.h"
#include "cli/ReplayOptions.h"
#include "cli/SecretOptions.h"
#include "har/HarReader.h"
#include "replay/Replayer.h"
#include "signature/SignatureVerifier.h"

int runReplay(const QStringList& arguments)
{
    const QString command = QStringLiteral("replay");
    QCommandLineParser parser;
    parser.setApplicationDescription(
        QStringLiteral("Replay the captures in a HAR file to a URL, exactly as they arrived (re-signed when asked).\n"
                       "Exit status: 0 every answer 2xx, 1 any other answer or failure, 2 usage or file error."));
    const QCommandLineOption to(QStringLiteral("to"), QStringLiteral("The URL to replay to (http or https)."),
                                QStringLiteral("URL"));
    const QCommandLineOption onlyValid(
        QStringLiteral("only-valid"),
        QStringLiteral("Replay only captures whose signature is valid (needs --secret-env or --secret-file)."));
    const QCommandLineOption json(QStringLiteral("json"), QStringLiteral("One JSON object per attempt."));
    const ReplayOptions replayOptions;
    const SecretOptions secrets;
    parser.addOptions({to, onlyValid, json});
    parser.addOptions(replayOptions.options());
    parser.addOptions(secrets.options());
    parser.addHelpOption();
    parser.addPositionalArgument(QStringLiteral("FILE.har"), QStringLiteral("The captures to replay."));
    if (const std::optional<int> exit = parseArguments(parser, arguments, command, 1))
        return *exit;
    if (!parser.isSet(to)) {
        printError(command, QStringLiteral("give the URL to replay to with --to URL"));
        return 2;
    }
    Expected<ReplayTarget> target = replayOptions.target(parser, QStringLiteral("to"), parser.value(to));
    if (!target) {
        printError(command, target.error().message);
        return 2;
    }
    const Expected<SecretSet> secret = replayOptions.resignSecret(parser);
    if (!secret) {
        printError(command, secret.error().message);
        return 2;
    }
    const Expected<SignatureOptions> signatureOptions = secrets.signatureOptions(parser);
    if (!signatureOptions) {
        printError(command, signatureOptions.error().message);
        return 2;
    }
    target->resignScheme = signatureOptions->scheme;
    target->generic = signatureOptions->generic;
    std::optional<SignatureVerifier> verifier;
    if (parser.isSet(onlyValid)) {
        if (!secrets.isSet(parser)) {
            printError(command,
                       QStringLiteral("--only-valid needs the verification secret: --secret-env VAR or "
                                      "--secret-file FILE"));
            return 2;
        }
        const Expected<SecretSet> secretSet = secrets.read(parser);
        if (!secretSet) {
            printError(command, secretSet.error().message);
            return 2;
        }
        verifier.emplace(*secretSet, *signatureOptions);
    }

    const QString path = parser.positionalArguments().constFirst();
    const HarExpected<HarLog> log = HarReader::readFile(path);
    if (!log) {
        printError(command, QStringLiteral("%1: %2").arg(path, log.error().text()));
        return 2;
    }
    printHarProblems(command, path, *log, QStringLiteral(" (not replayed)"));
    QList<Capture> captures;
    for (const HarEntry& entry : log->entries) {
        if (verifier) {
            const SignatureResult result = verifier->verify(entry.capture);
            if (!result.isValid()) {
                printError(command,
                           QStringLiteral("skipped %1 %2: signature %3")
                               .arg(QString::fromUtf8(entry.capture.method), QString::fromUtf8(entry.capture.target),
                                    result.detail));
                continue;
            }
        }
        captures.append(entry.capture);
    }
    if (captures.isEmpty()) {
        printError(command, QStringLiteral("%1: no captures to replay").arg(path));
        return log->entries.isEmpty() && log->errors.isEmpty() ? 2 : 1;
    }

    Replayer replayer;
    replayer.setTarget(*target);
    replayer.setSecret(*secret);
    const bool asJson = parser.isSet(json);
    // With several in flight, answers come in any order; lines are printed in the captures' order.
    QMap<int, ReplayAttempt> pending;
    int nextToPrint = 0;
    QObject::connect(&replayer, &Replayer::attemptFinished, &replayer, [&](int index, const ReplayAttempt& attempt) {
        pending.insert(index, attempt);
        while (pending.contains(nextToPrint)) {
            const ReplayAttempt ready = pending.take(nextToPrint);
            const Capture& capture = captures.at(nextToPrint);
            if (asJson) {
                QJsonObject object = ReplayOptions::attemptToJson(ready);
                object.insert(QStringLiteral("capture"), captureToJson(capture));
                printLine(stdout, QJsonDocument(object).toJson(QJsonDocument::Compact));
            } else {
                printLine(
                    stdout,
                    (QString::fromUtf8(capture.target) + QStringLiteral("  ") + ReplayOptions::attemptToText(ready))
                        .toLocal8Bit());
            }
            ++nextToPrint;
        }
    });
    ReplaySummary summary;
    QObject::connect(&replayer, &Replayer::finished, &replayer, [&summary](const ReplaySummary& done) {
        summary = done;
        QCoreApplication::quit();
    });
    replayer.start(captures);
    QCoreApplication::exec();
    printLine(stderr,
              QStringLiteral("Replayed %1 capture(s) to %2: %3")
                  .arg(summary.total)
                  .arg(target->url.toDisplayString(), summary.text())
                  .toLocal8Bit());
    return summary.allOk() ? 0 : 1;
}

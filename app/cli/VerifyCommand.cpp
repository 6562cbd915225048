// SPDX-License-Identifier: MIT
#include "cli/VerifyCommand.h"

#include <QCommandLineParser>
#include <QJsonDocument>

#include "cli/CaptureJson.h"
#include "cli/CliOutput.h"
#include "cli/SecretOptions.h"
#include "har/HarReader.h"
#include "signature/SignatureReport.h"
#include "signature/SignatureVerifier.h"

int runVerify(const QStringList& arguments)
{
    const QString command = QStringLiteral("verify");
    QCommandLineParser parser;
    parser.setApplicationDescription(
        QStringLiteral("Check the signature of every capture in a HAR file.\n"
                       "Exit status: 0 all valid, 1 any not valid, 2 usage or file error."));
    const SecretOptions secrets;
    const QCommandLineOption json(QStringLiteral("json"), QStringLiteral("One JSON object per capture."));
    parser.addOptions(secrets.options());
    parser.addOption(json);
    parser.addHelpOption();
    parser.addPositionalArgument(QStringLiteral("FILE.har"), QStringLiteral("The captures to check."));
    if (const std::optional<int> exit = parseArguments(parser, arguments, command, 1))
        return *exit;
    if (!secrets.isSet(parser)) {
        printError(command, QStringLiteral("give the secret with --secret-env VAR or --secret-file FILE"));
        return 2;
    }
    const Expected<SecretSet> secretSet = secrets.read(parser);
    if (!secretSet) {
        printError(command, secretSet.error().message);
        return 2;
    }
    const QString path = parser.positionalArguments().constFirst();
    const HarExpected<HarLog> log = HarReader::readFile(path);
    if (!log) {
        printError(command, QStringLiteral("%1: %2").arg(path, log.error().text()));
        return 2;
    }
    const Expected<SignatureOptions> options = secrets.signatureOptions(parser);
    if (!options) {
        printError(command, options.error().message);
        return 2;
    }
    const SignatureVerifier verifier(*secretSet, *options);
    bool allValid = !log->entries.isEmpty();
    for (const HarEntry& entry : log->entries) {
        const SignatureResult result = verifier.verify(entry.capture);
        allValid = allValid && result.isValid();
        if (parser.isSet(json)) {
            QJsonObject object = captureToJson(entry.capture);
            object.insert(QLatin1String("signature"), SignatureReport::toJson(result));
            printLine(stdout, QJsonDocument(object).toJson(QJsonDocument::Compact));
        } else {
            printLine(
                stdout,
                (captureToLine(entry.capture) + QStringLiteral("  ") + SignatureReport::toText(result)).toLocal8Bit());
        }
    }
    printHarProblems(command, path, *log);
    allValid = allValid && log->errors.isEmpty();
    if (log->entries.isEmpty())
        printError(command, QStringLiteral("%1: no captures to verify").arg(path));
    return allValid ? 0 : 1;
}

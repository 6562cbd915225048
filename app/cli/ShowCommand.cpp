// SPDX-License-Identifier: MIT
#include "cli/ShowCommand.h"

#include <QCommandLineParser>
#include <QJsonDocument>

#include "cli/CaptureJson.h"
#include "cli/CliOutput.h"
#include "har/HarReader.h"

int runShow(const QStringList& arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Print the captures of a HAR file, one line each."));
    const QCommandLineOption json(QStringLiteral("json"), QStringLiteral("One JSON object per capture."));
    parser.addOption(json);
    parser.addHelpOption();
    parser.addPositionalArgument(QStringLiteral("FILE.har"), QStringLiteral("The file to read."));
    const QString command = QStringLiteral("show");
    if (const std::optional<int> exit = parseArguments(parser, arguments, command, 1))
        return *exit;
    const QString path = parser.positionalArguments().constFirst();
    const HarExpected<HarLog> log = HarReader::readFile(path);
    if (!log) {
        printError(command, QStringLiteral("%1: %2").arg(path, log.error().text()));
        return 2;
    }
    for (const HarEntry& entry : log->entries) {
        printLine(stdout,
                  parser.isSet(json) ? QJsonDocument(captureToJson(entry.capture)).toJson(QJsonDocument::Compact)
                                     : captureToLine(entry.capture).toLocal8Bit());
        for (const HarError& warning : entry.warnings)
            printError(command, QStringLiteral("%1: %2").arg(path, warning.text()));
    }
    for (const HarError& error : log->errors)
        printError(command, QStringLiteral("%1: %2").arg(path, error.text()));
    // Nothing usable is a file error; some entries lost is a partial success.
    if (log->errors.isEmpty())
        return 0;
    return log->entries.isEmpty() ? 2 : 1;
}

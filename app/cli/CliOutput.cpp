// SPDX-License-Identifier: MIT
#include "cli/CliOutput.h"

#include <QCommandLineParser>

#include "har/HarReader.h"

void printLine(std::FILE* stream, const QByteArray& line)
{
    std::fwrite(line.constData(), 1, size_t(line.size()), stream);
    std::fputc('\n', stream);
    std::fflush(stream);
}

void printError(const QString& command, const QString& message)
{
    printLine(stderr, QByteArray("hookbench ") + command.toLocal8Bit() + ": " + message.toLocal8Bit());
}

void printHarProblems(const QString& command, const QString& path, const HarLog& log, const QString& suffix)
{
    for (const HarError& problem : log.errors)
        printError(command, QStringLiteral("%1: %2%3").arg(path, problem.text(), suffix));
    if (log.errorsOmitted > 0)
        printError(command, QStringLiteral("%1: %2 more problem(s) not shown").arg(path).arg(log.errorsOmitted));
}

std::optional<int> parseArguments(QCommandLineParser& parser, const QStringList& arguments, const QString& command,
                                  int positionalCount)
{
    if (!parser.parse(arguments)) {
        printError(command, parser.errorText());
        return 2;
    }
    if (parser.isSet(QStringLiteral("help"))) {
        printLine(stdout, parser.helpText().toLocal8Bit());
        return 0;
    }
    const QStringList positional = parser.positionalArguments();
    if (positionalCount == 0 && !positional.isEmpty()) {
        printError(command, QStringLiteral("unexpected argument %1").arg(positional.constFirst()));
        return 2;
    }
    if (positionalCount > 0 && positional.size() != positionalCount) {
        printError(command, QStringLiteral("expected %1").arg(QStringLiteral("FILE.har")));
        return 2;
    }
    return std::nullopt;
}

// SPDX-License-Identifier: MIT
#include "cli/ShowCommand.h"

#include <QCommandLineParser>
#include <QJsonDocument>

#include "cli/CaptureJson.h"
#include "cli/CliOutput.h"
#include "cli/EventsOutput.h"
#include "har/HarReader.h"
#include "payload/EventIndex.h"
#include "payload/SchemaDrift.h"

namespace {

enum class View
{
    Captures,
    Events,
    Schemas
};

// Events and schemas need the whole session first: a change's "before" may come from a later entry with an
// older docUpdatedDate. Entries are merged one by one as they are read, so only the index stays in memory.
int showEvents(const QString& command, const QString& path, View view, bool json)
{
    EventIndex index;
    HarReadOptions options;
    QList<HarError> warnings;
    options.onEntry = [&](HarEntry&& entry) {
        // Files from other tools have no capture ids: the entry's position (from 1) stands in.
        CapturePayload payload = CapturePayload::read(entry.capture);
        if (payload.captureId == 0)
            payload.captureId = entry.index + 1;
        index.add(std::move(payload));
        warnings.append(entry.warnings);
        return true;
    };
    const HarExpected<HarLog> log = HarReader::readFile(path, options);
    if (!log) {
        printError(command, QStringLiteral("%1: %2").arg(path, log.error().text()));
        return 2;
    }
    for (const HarError& warning : warnings)
        printError(command, QStringLiteral("%1: %2").arg(path, warning.text()));
    if (view == View::Events) {
        for (const qint64 id : index.captureIds()) {
            for (const PayloadProblem& problem : index.problems(id))
                printError(command, QStringLiteral("%1: capture %2: %3").arg(path).arg(id).arg(problem.toString()));
            for (const EventInfo& event : index.events(id)) {
                const QList<FieldChange> changes = index.changes(id, event.index);
                printLine(stdout,
                          json ? EventsOutput::eventJson(event, changes)
                               : EventsOutput::eventLine(event, changes).toLocal8Bit());
            }
        }
    } else {
        for (const QString& name : index.schemaNames()) {
            const SchemaDrift* schema = index.drift(name);
            if (json) {
                printLine(stdout, EventsOutput::schemaJson(*schema));
                continue;
            }
            for (const QString& line : EventsOutput::schemaLines(*schema))
                printLine(stdout, line.toLocal8Bit());
        }
    }
    printHarProblems(command, path, *log);
    if (log->errors.isEmpty())
        return 0;
    return log->entriesRead == 0 ? 2 : 1;
}

} // namespace

int runShow(const QStringList& arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Print the captures of a HAR file, one line each; with --events "
                                                    "the Firm App events they carry, with --schemas the fields seen "
                                                    "per schema."));
    const QCommandLineOption json(QStringLiteral("json"), QStringLiteral("One JSON object per line."));
    const QCommandLineOption events(QStringLiteral("events"),
                                    QStringLiteral("One line per Firm App event: what it changed (before and "
                                                   "after) and its delivery flags."));
    const QCommandLineOption schemas(QStringLiteral("schemas"),
                                     QStringLiteral("The fields seen per Firm App schema, with their JSON types "
                                                    "and when they were first and last seen."));
    parser.addOption(json);
    parser.addOption(events);
    parser.addOption(schemas);
    parser.addHelpOption();
    parser.addPositionalArgument(QStringLiteral("FILE.har"), QStringLiteral("The file to read."));
    const QString command = QStringLiteral("show");
    if (const std::optional<int> exit = parseArguments(parser, arguments, command, 1))
        return *exit;
    if (parser.isSet(events) && parser.isSet(schemas)) {
        printError(command, QStringLiteral("--events and --schemas cannot be combined"));
        return 2;
    }
    const QString path = parser.positionalArguments().constFirst();
    if (parser.isSet(events) || parser.isSet(schemas))
        return showEvents(command, path, parser.isSet(events) ? View::Events : View::Schemas, parser.isSet(json));

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
    printHarProblems(command, path, *log);
    // Nothing usable is a file error; some entries lost is a partial success.
    if (log->errors.isEmpty())
        return 0;
    return log->entries.isEmpty() ? 2 : 1;
}

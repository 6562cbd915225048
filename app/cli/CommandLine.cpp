// SPDX-License-Identifier: MIT
#include "cli/CommandLine.h"

#include <QCoreApplication>
#include <cstdio>
#include <cstring>

#include "cli/ListenCommand.h"
#include "cli/ReplayCommand.h"
#include "cli/ShowCommand.h"
#include "cli/VerifyCommand.h"

namespace {

constexpr const char* commands[] = {"listen", "show", "verify", "replay", "help"};

} // namespace

QString usageText()
{
    return QStringLiteral(
        "Usage:\n"
        "  hookbench [FILE.har] [--port N] [--bind ADDR] [--store FILE] [--new-session]\n"
        "            [--appearance system|light|dark]\n"
        "                                            the window (with that file open)\n"
        "  hookbench listen [--port N] [--bind ADDR] [--json] [--rules FILE.json] [--store FILE]\n"
        "                   [--max-body BYTES] [--max-connections N] [--header-timeout SECONDS]\n"
        "                   [--request-timeout SECONDS] [--body-budget BYTES]\n"
        "                   [--save FILE.har] [--secret-env VAR | --secret-file F]\n"
        "                   [--scheme NAME] [--generic SPEC] [--forward-to URL]\n"
        "                                            capture without a window, one line per capture;\n"
        "                                            --forward-to: each capture also sent to URL, its\n"
        "                                            answer in the line\n"
        "  hookbench show FILE.har [--events | --schemas] [--json]\n"
        "                                            the captures in a HAR file, one line each; --events:\n"
        "                                            each Firm App event, what it changed and its flags;\n"
        "                                            --schemas: the fields seen per schema\n"
        "  hookbench verify FILE.har (--secret-env VAR | --secret-file F) [--scheme NAME]\n"
        "                   [--generic SPEC] [--json]\n"
        "                                            check every signature; exit 0 iff all are valid\n"
        "  hookbench replay FILE.har --to URL [--resign-secret-env VAR | --resign-secret-file F]\n"
        "                   [--only-valid] [--concurrency N] [--ca-file F] [--json]\n"
        "                                            send each capture to URL exactly as it arrived\n"
        "                                            (re-signed with the secret when given); exit 0 iff\n"
        "                                            every answer was 2xx\n"
        "  hookbench --version | --help\n"
        "\n"
        "Every command also takes --verbose: debug output on standard error, by area (hookbench.http,\n"
        "hookbench.store, hookbench.har, hookbench.signature, hookbench.replay, hookbench.session); secrets\n"
        "and bodies never appear in it. Warnings are always shown.\n"
        "\n"
        "The endpoint answers every method and path on http://127.0.0.1:8787/ by default. A 2xx answer\n"
        "means the capture is already in the session store. `hookbench listen --help` lists its options.\n");
}

bool isHeadlessCommand(int argc, char** argv)
{
    if (argc < 2)
        return false;
    for (const char* command : commands) {
        if (std::strcmp(argv[1], command) == 0)
            return true;
    }
    return std::strcmp(argv[1], "--help") == 0 || std::strcmp(argv[1], "-h") == 0
        || std::strcmp(argv[1], "--version") == 0 || std::strcmp(argv[1], "-v") == 0;
}

int runCommand(int argc, char** argv)
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("hookbench"));
    QCoreApplication::setOrganizationName(QStringLiteral("hookbench"));
    QCoreApplication::setApplicationVersion(QStringLiteral(HOOKBENCH_VERSION));
    QStringList arguments = QCoreApplication::arguments();
    const QString command = arguments.value(1);
    if (command == QLatin1String("--version") || command == QLatin1String("-v")) {
        std::printf("hookbench %s\n", HOOKBENCH_VERSION);
        return 0;
    }
    if (command == QLatin1String("--help") || command == QLatin1String("-h") || command == QLatin1String("help")) {
        std::fputs(usageText().toLocal8Bit().constData(), stdout);
        return 0;
    }
    arguments.removeAt(1);
    arguments[0] = QStringLiteral("hookbench ") + command;
    if (command == QLatin1String("listen"))
        return runListen(arguments);
    if (command == QLatin1String("show"))
        return runShow(arguments);
    if (command == QLatin1String("verify"))
        return runVerify(arguments);
    if (command == QLatin1String("replay"))
        return runReplay(arguments);
    std::fprintf(stderr, "hookbench: unknown command %s\n", qPrintable(command));
    return 2;
}

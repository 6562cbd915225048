// SPDX-License-Identifier: MIT
#include "Application.h"

#include <QApplication>
#include <QCommandLineParser>
#include <cstdio>
#include <cstdlib>

#include "window/MainWindow.h"
#include "cli/CommandLine.h"
#include "store/SessionStore.h"
#include "settings/Settings.h"

int runWindow(int argc, char** argv)
{
    if (qEnvironmentVariableIsEmpty("DISPLAY") && qEnvironmentVariableIsEmpty("WAYLAND_DISPLAY")
        && qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM")) {
        std::fputs("hookbench: no display here. Run `hookbench listen` to capture in the terminal.\n", stderr);
        return 2;
    }
    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("hookbench"));
    QApplication::setOrganizationName(QStringLiteral("hookbench"));
    QApplication::setApplicationDisplayName(QStringLiteral("Hookbench"));
    QApplication::setApplicationVersion(QStringLiteral(HOOKBENCH_VERSION));
    QApplication::setDesktopFileName(QStringLiteral("hookbench"));

    Settings* settings = Settings::instance();
    QCommandLineParser parser;
    parser.setApplicationDescription(usageText());
    const QCommandLineOption port(QStringLiteral("port"), QStringLiteral("Port to listen on."), QStringLiteral("N"));
    const QCommandLineOption bind(QStringLiteral("bind"), QStringLiteral("Address to bind."), QStringLiteral("ADDR"));
    const QCommandLineOption store(QStringLiteral("store"), QStringLiteral("Session database."),
                                   QStringLiteral("FILE"));
    const QCommandLineOption newSession(QStringLiteral("new-session"), QStringLiteral("Start a new session."));
    parser.addOptions({port, bind, store, newSession});
    parser.addPositionalArgument(QStringLiteral("FILE.har"), QStringLiteral("A capture file to open."));
    parser.addHelpOption();
    parser.addVersionOption();
    parser.process(app);

    WindowOptions options;
    ServerConfig& server = options.endpoint.server;
    server.bindAddress.setAddress(parser.isSet(bind) ? parser.value(bind) : settings->bindAddress());
    bool ok = true;
    const int portNumber = parser.isSet(port) ? parser.value(port).toInt(&ok) : settings->port();
    if (!ok || portNumber < 0 || portNumber > 65535) {
        std::fputs("hookbench: --port expects a number from 0 to 65535\n", stderr);
        return 2;
    }
    server.port = quint16(portNumber);
    server.limits.maxBodyBytes = settings->maxBodyBytes();
    server.maxConnections = settings->value(Settings::Key::MaxConnections).toInt();
    server.headerTimeoutMs = settings->value(Settings::Key::HeaderTimeoutSeconds).toInt() * 1000;
    const QString rulesJson = settings->value(Settings::Key::ResponseRules).toString();
    if (!rulesJson.isEmpty()) {
        RulesError error;
        server.rules = ResponseRules::fromJson(rulesJson.toUtf8(), &error);
    }
    const QString storePath = settings->value(Settings::Key::StorePath).toString();
    options.endpoint.storePath = parser.isSet(store) ? parser.value(store)
        : storePath.isEmpty()                        ? SessionStore::defaultPath()
                                                     : storePath;
    options.continueLastSession
        = !parser.isSet(newSession) && settings->value(Settings::Key::ContinueLastSession).toBool();

    MainWindow window(options, settings);
    window.show();
    if (!parser.positionalArguments().isEmpty())
        window.openFile(parser.positionalArguments().constFirst());
    return QApplication::exec();
}

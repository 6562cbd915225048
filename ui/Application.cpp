// SPDX-License-Identifier: MIT
#include "Application.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QLibraryInfo>
#include <QLocale>
#include <QLoggingCategory>
#include <QTranslator>
#include <cstdio>
#include <cstdlib>

#include "cli/CommandLine.h"
#include "core/Logging.h"
#include "dialogs/AboutDialog.h"
#include "settings/Settings.h"
#include "store/SessionStore.h"
#include "widgets/Theme.h"
#include "window/MainWindow.h"

namespace {

Q_LOGGING_CATEGORY(lcI18n, "hookbench.i18n", QtInfoMsg)

// Only Linux and the BSDs need a display server for a window; Windows and macOS always have one, and
// QT_QPA_PLATFORM names a platform that may need none (offscreen, vnc, eglfs).
bool lacksDisplay()
{
#if defined(Q_OS_UNIX) && !defined(Q_OS_DARWIN) && !defined(Q_OS_ANDROID)
    return qEnvironmentVariableIsEmpty("DISPLAY") && qEnvironmentVariableIsEmpty("WAYLAND_DISPLAY")
        && qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM");
#else
    return false;
#endif
}

// Qt's texts and Hookbench's in the system's language where a translation exists. Otherwise English, whose
// plural forms make "%n capture(s)" read "1 capture"; without even that the source texts show.
void installTranslators(QApplication* app)
{
    const QLocale locale;
    auto* qtTranslator = new QTranslator(app);
    if (qtTranslator->load(locale, QStringLiteral("qtbase"), QStringLiteral("_"),
                           QLibraryInfo::path(QLibraryInfo::TranslationsPath)))
        QCoreApplication::installTranslator(qtTranslator);
    auto* translator = new QTranslator(app);
    const QString directory = QStringLiteral(":/i18n");
    if (translator->load(locale, QStringLiteral("hookbench"), QStringLiteral("_"), directory)
        || translator->load(QStringLiteral("hookbench_en"), directory)) {
        QCoreApplication::installTranslator(translator);
        qCDebug(lcI18n).noquote() << "using" << translator->filePath() << "for" << locale.uiLanguages().join(u',');
    } else {
        qCDebug(lcI18n).noquote() << "no translation for" << locale.uiLanguages().join(u',') << "in" << directory;
    }
}

} // namespace

int runWindow(int argc, char** argv)
{
    if (lacksDisplay()) {
        std::fputs("hookbench: no display here. Run `hookbench listen` to capture in the terminal.\n", stderr);
        return 2;
    }
    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("hookbench"));
    QApplication::setOrganizationName(QStringLiteral("hookbench"));
    QApplication::setApplicationDisplayName(QStringLiteral("Hookbench"));
    QApplication::setApplicationVersion(QStringLiteral(HOOKBENCH_VERSION));
    QApplication::setDesktopFileName(QStringLiteral("hookbench"));
    QApplication::setWindowIcon(AboutDialog::applicationIcon());
    installTranslators(&app);

    Settings* settings = Settings::instance();
    QCommandLineParser parser;
    parser.setApplicationDescription(usageText());
    const QCommandLineOption port(QStringLiteral("port"), QStringLiteral("Port to listen on."), QStringLiteral("N"));
    const QCommandLineOption bind(QStringLiteral("bind"), QStringLiteral("Address to bind."), QStringLiteral("ADDR"));
    const QCommandLineOption store(QStringLiteral("store"), QStringLiteral("Session database."),
                                   QStringLiteral("FILE"));
    const QCommandLineOption newSession(QStringLiteral("new-session"), QStringLiteral("Start a new session."));
    const QCommandLineOption appearance(QStringLiteral("appearance"),
                                        QStringLiteral("system, light or dark (remembered from View > Appearance)."),
                                        QStringLiteral("NAME"));
    parser.addOptions({port, bind, store, newSession, appearance});
    parser.addPositionalArgument(QStringLiteral("FILE.har"), QStringLiteral("A capture file to open."));
    parser.addHelpOption();
    parser.addVersionOption();
    parser.process(app);

    const QString appearanceName
        = parser.isSet(appearance) ? parser.value(appearance) : settings->value(Settings::Key::Appearance).toString();
    const std::optional<Theme::Appearance> chosen = Theme::appearanceFromName(appearanceName);
    if (!chosen) {
        std::fputs("hookbench: --appearance expects system, light or dark\n", stderr);
        return 2;
    }
    if (*chosen != Theme::Appearance::System)
        Theme::applyAppearance(*chosen);

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
        if (const Expected<ResponseRules> read = ResponseRules::fromJson(rulesJson.toUtf8()))
            server.rules = *read;
        else
            qCWarning(lcSettings).noquote() << "the saved response rules are not used:" << read.error().message;
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

// SPDX-License-Identifier: MIT
#include "cli/ListenCommand.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QSocketNotifier>
#include <csignal>
#include <cstdio>

#include <sys/resource.h>
#include <sys/socket.h>
#include <unistd.h>

#include "cli/CaptureJson.h"
#include "cli/CliOutput.h"
#include "cli/CommandLine.h"
#include "cli/ReplayOptions.h"
#include "cli/SecretOptions.h"
#include "endpoint/Endpoint.h"
#include "http/CaptureServer.h"
#include "replay/LiveForwarder.h"
#include "signature/SignatureReport.h"
#include "signature/SignatureVerifier.h"
#include "store/ReplayAttemptStore.h"
#include "store/SessionStore.h"
#include "transfer/CaptureFiles.h"

namespace {

int signalPipe[2] = {-1, -1};

void onSignal(int)
{
    const char byte = 1;
    [[maybe_unused]] const ssize_t written = ::write(signalPipe[1], &byte, 1);
}

std::optional<qint64> parseBytes(const QString& text)
{
    static const QList<QPair<QString, qint64>> units {
        {QStringLiteral("k"), 1024}, {QStringLiteral("m"), 1024 * 1024}, {QStringLiteral("g"), 1024 * 1024 * 1024}};
    QString number = text.trimmed().toLower();
    if (number.endsWith(QLatin1Char('b')))
        number.chop(1);
    qint64 factor = 1;
    for (const auto& unit : units) {
        if (number.endsWith(unit.first)) {
            factor = unit.second;
            number.chop(1);
        }
    }
    bool ok = false;
    const qint64 value = number.toLongLong(&ok);
    if (!ok || value < 0)
        return std::nullopt;
    return value * factor;
}

bool saveSession(const QString& storePath, qint64 sessionId, const QString& savePath)
{
    SessionStore store;
    if (Expected<void> opened = store.open(storePath); !opened) {
        printError(QStringLiteral("listen"), QStringLiteral("--save: %1").arg(opened.error().message));
        return false;
    }
    const CaptureFiles::ExportResult result = CaptureFiles::exportHar(savePath, storePath, store.captureIds(sessionId));
    if (result.failed()) {
        const QString why = result.storeFailure ? result.storeFailure->message : result.failure->text();
        printError(QStringLiteral("listen"), QStringLiteral("--save: %1: %2").arg(savePath, why));
        return false;
    }
    printLine(stderr, QStringLiteral("Saved %1 capture(s) to %2").arg(result.written).arg(savePath).toLocal8Bit());
    return true;
}

} // namespace

int runListen(const QStringList& arguments)
{
    const QString command = QStringLiteral("listen");
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Capture webhook deliveries without a window."));
    const QCommandLineOption port(QStringLiteral("port"), QStringLiteral("Port to listen on (0 picks a free one)."),
                                  QStringLiteral("N"), QStringLiteral("8787"));
    const QCommandLineOption bind(QStringLiteral("bind"), QStringLiteral("Address to bind (default 127.0.0.1)."),
                                  QStringLiteral("ADDR"), QStringLiteral("127.0.0.1"));
    const QCommandLineOption json(QStringLiteral("json"), QStringLiteral("One JSON object per capture."));
    const QCommandLineOption rules(QStringLiteral("rules"), QStringLiteral("Response rules (JSON)."),
                                   QStringLiteral("FILE"));
    const QCommandLineOption store(
        QStringLiteral("store"),
        QStringLiteral("Session database, with large bodies in FILE.bodies/ beside it (default: %1).")
            .arg(SessionStore::defaultPath()),
        QStringLiteral("FILE"));
    const QCommandLineOption maxBody(QStringLiteral("max-body"),
                                     QStringLiteral("Largest body accepted, e.g. 64M (default); larger ones get 413."),
                                     QStringLiteral("BYTES"), QStringLiteral("64M"));
    const QCommandLineOption maxConnections(QStringLiteral("max-connections"),
                                            QStringLiteral("Open connections allowed (default 1024); more get 503."),
                                            QStringLiteral("N"), QStringLiteral("1024"));
    const QCommandLineOption headerTimeout(QStringLiteral("header-timeout"),
                                           QStringLiteral("Seconds a request head may take (default 10); then 408."),
                                           QStringLiteral("SECONDS"), QStringLiteral("10"));
    const QCommandLineOption requestTimeout(
        QStringLiteral("request-timeout"),
        QStringLiteral("Seconds a whole request (head, body, trailers) may take (default 300); then 408."),
        QStringLiteral("SECONDS"), QStringLiteral("300"));
    const QCommandLineOption bodyBudget(QStringLiteral("body-budget"),
                                        QStringLiteral("Request bodies held in memory across connections, e.g. "
                                                       "256M (default); over it uploads wait their turn."),
                                        QStringLiteral("BYTES"), QStringLiteral("256M"));
    const QCommandLineOption save(QStringLiteral("save"),
                                  QStringLiteral("Write the session's captures as HAR on exit."),
                                  QStringLiteral("FILE.har"));
    const QCommandLineOption forwardTo(QStringLiteral("forward-to"),
                                       QStringLiteral("Also send each capture to this URL as it arrives (after it is "
                                                      "answered); the target's answer is shown in its line."),
                                       QStringLiteral("URL"));
    const SecretOptions secrets;
    const ReplayOptions forwardOptions;
    parser.addOptions({port, bind, json, rules, store, maxBody, maxConnections, headerTimeout, requestTimeout,
                       bodyBudget, save, forwardTo});
    parser.addOptions(secrets.options());
    parser.addOptions(forwardOptions.options());
    parser.addHelpOption();
    if (const std::optional<int> exit = parseArguments(parser, arguments, command, 0))
        return *exit;

    EndpointConfig config;
    bool ok = false;
    const uint portNumber = parser.value(port).toUInt(&ok);
    if (!ok || portNumber > 65535) {
        printError(command, QStringLiteral("--port: expected a number from 0 to 65535"));
        return 2;
    }
    config.server.port = quint16(portNumber);
    if (!config.server.bindAddress.setAddress(parser.value(bind))) {
        printError(command, QStringLiteral("--bind: not an IP address: %1").arg(parser.value(bind)));
        return 2;
    }
    const std::optional<qint64> bodyLimit = parseBytes(parser.value(maxBody));
    if (!bodyLimit) {
        printError(command, QStringLiteral("--max-body: expected a size such as 65536, 512K or 64M"));
        return 2;
    }
    config.server.limits.maxBodyBytes = *bodyLimit;
    config.server.maxConnections = parser.value(maxConnections).toInt(&ok);
    if (!ok || config.server.maxConnections < 1) {
        printError(command, QStringLiteral("--max-connections: expected a positive number"));
        return 2;
    }
    const double headerSeconds = parser.value(headerTimeout).toDouble(&ok);
    if (!ok || headerSeconds <= 0) {
        printError(command, QStringLiteral("--header-timeout: expected a positive number of seconds"));
        return 2;
    }
    config.server.headerTimeoutMs = int(headerSeconds * 1000);
    const double requestSeconds = parser.value(requestTimeout).toDouble(&ok);
    if (!ok || requestSeconds <= 0 || requestSeconds > 86400) {
        printError(command, QStringLiteral("--request-timeout: expected a number of seconds up to 86400"));
        return 2;
    }
    config.server.requestTimeoutMs = int(requestSeconds * 1000);
    const std::optional<qint64> budget = parseBytes(parser.value(bodyBudget));
    if (!budget || *budget < 1) {
        printError(command, QStringLiteral("--body-budget: expected a size such as 64M or 1G"));
        return 2;
    }
    config.server.bodyBudgetBytes = *budget;
    if (parser.isSet(rules)) {
        QFile file(parser.value(rules));
        if (!file.open(QIODevice::ReadOnly)) {
            printError(command, QStringLiteral("--rules: cannot read %1: %2").arg(file.fileName(), file.errorString()));
            return 2;
        }
        const Expected<ResponseRules> read = ResponseRules::fromJson(file.readAll());
        if (!read) {
            printError(command, QStringLiteral("--rules: %1: %2").arg(file.fileName(), read.error().message));
            return 2;
        }
        config.server.rules = *read;
    }
    const QString savePath = parser.value(save);
    if (!savePath.isEmpty() && !QFileInfo(savePath).absoluteDir().exists()) {
        printError(command, QStringLiteral("--save: the folder of %1 does not exist").arg(savePath));
        return 2;
    }
    config.storePath = parser.isSet(store) ? parser.value(store) : SessionStore::defaultPath();
    const bool asJson = parser.isSet(json);
    std::optional<SignatureVerifier> verifier;
    if (secrets.isSet(parser)) {
        const Expected<SecretSet> secretSet = secrets.read(parser);
        if (!secretSet) {
            printError(command, secretSet.error().message);
            return 2;
        }
        const Expected<SignatureOptions> options = secrets.signatureOptions(parser);
        if (!options) {
            printError(command, options.error().message);
            return 2;
        }
        verifier.emplace(*secretSet, *options);
    }

    std::optional<ReplayTarget> forwardTarget;
    SecretSet forwardSecret;
    if (parser.isSet(forwardTo)) {
        // A problem with the signature options is reported first, then the target's, then the secret's.
        const Expected<SignatureOptions> options = secrets.signatureOptions(parser);
        if (!options) {
            printError(command, options.error().message);
            return 2;
        }
        Expected<ReplayTarget> target
            = forwardOptions.target(parser, QStringLiteral("forward-to"), parser.value(forwardTo));
        if (!target) {
            printError(command, target.error().message);
            return 2;
        }
        const Expected<SecretSet> secret = forwardOptions.resignSecret(parser);
        if (!secret) {
            printError(command, secret.error().message);
            return 2;
        }
        forwardTarget = std::move(*target);
        forwardSecret = *secret;
        forwardTarget->resignScheme = options->scheme;
        forwardTarget->generic = options->generic;
    }

    Endpoint endpoint;
    qint64 total = 0;
    qint64 malformed = 0;
    // With --forward-to a capture's line waits for the target's answer (forwards keep the arrival order).
    const auto printCapture = [&](const Capture& capture, const ReplayAttempt* forward) {
        if (asJson) {
            QJsonObject object = captureToJson(capture);
            if (verifier)
                object.insert(QLatin1String("signature"), SignatureReport::toJson(verifier->verify(capture)));
            if (forward)
                object.insert(QLatin1String("forward"), ReplayOptions::attemptToJson(*forward));
            printLine(stdout, QJsonDocument(object).toJson(QJsonDocument::Compact));
        } else {
            QString line = captureToLine(capture);
            if (verifier)
                line += QStringLiteral("  ") + SignatureReport::toText(verifier->verify(capture));
            if (forward)
                line += QStringLiteral("  -> %1 (%2 ms)").arg(forward->summaryText()).arg(forward->durationMs);
            printLine(stdout, line.toLocal8Bit());
        }
    };
    LiveForwarder forwarder;
    SessionStore attemptStore;
    if (forwardTarget) {
        forwarder.setTarget(*forwardTarget);
        forwarder.setSecret(forwardSecret);
        forwarder.setEnabled(true);
        QObject::connect(&forwarder, &LiveForwarder::attemptFinished, &forwarder,
                         [&](const Capture& capture, const ReplayAttempt& attempt) {
                             ReplayAttempt stored = attempt;
                             if (attemptStore.isOpen()) {
                                 if (Expected<void> added = ReplayAttemptStore(attemptStore).add(stored); !added)
                                     printError(command,
                                                QStringLiteral("forward not recorded: ") + added.error().message);
                             }
                             printCapture(capture, &stored);
                         });
    }
    QObject::connect(&endpoint, &Endpoint::capturesStored, &endpoint, [&](const QList<Capture>& captures) {
        for (const Capture& capture : captures) {
            ++total;
            malformed += capture.isMalformed() ? 1 : 0;
            if (!forwardTarget)
                printCapture(capture, nullptr);
        }
        if (forwardTarget)
            forwarder.enqueue(captures);
    });
    QObject::connect(&endpoint, &Endpoint::storeFailed, &endpoint, [command](const Error& error) {
        printError(command, QStringLiteral("not acknowledged: ") + error.message);
    });

    if (const Expected<void> started = endpoint.start(config); !started) {
        printError(command, started.error().message);
        return 1;
    }
    if (config.server.bindAddress != QHostAddress(QHostAddress::LocalHost)
        && config.server.bindAddress != QHostAddress(QHostAddress::LocalHostIPv6)) {
        printError(command,
                   QStringLiteral("warning: listening on %1, reachable from other machines")
                       .arg(config.server.bindAddress.toString()));
    }
    struct rlimit files = {};
    if (::getrlimit(RLIMIT_NOFILE, &files) == 0 && files.rlim_cur != RLIM_INFINITY) {
        const int cap = CaptureServer::connectionCapFor(config.server.maxConnections, qint64(files.rlim_cur));
        if (cap < config.server.maxConnections)
            printError(command,
                       QStringLiteral("warning: at most %1 connections at a time (the file limit is %2)")
                           .arg(cap)
                           .arg(qint64(files.rlim_cur)));
    }
    if (forwardTarget) {
        if (Expected<void> opened = attemptStore.open(endpoint.storePath()); !opened)
            printError(command, QStringLiteral("forwards will not be recorded: ") + opened.error().message);
        printLine(
            stderr,
            QStringLiteral("Forwarding each capture to %1").arg(forwardTarget->url.toDisplayString()).toLocal8Bit());
    }
    printLine(stderr,
              QStringLiteral("Hookbench listening on %1 (session %2, store %3)")
                  .arg(endpoint.url())
                  .arg(endpoint.sessionId())
                  .arg(endpoint.storePath())
                  .toLocal8Bit());

    if (::socketpair(AF_UNIX, SOCK_STREAM, 0, signalPipe) != 0) {
        printError(command, QStringLiteral("cannot watch for signals"));
        return 1;
    }
    QSocketNotifier notifier(signalPipe[0], QSocketNotifier::Read);
    QObject::connect(&notifier, &QSocketNotifier::activated, &notifier, [] { QCoreApplication::quit(); });
    struct sigaction action = {};
    action.sa_handler = onSignal;
    sigemptyset(&action.sa_mask);
    action.sa_flags = SA_RESTART;
    sigaction(SIGINT, &action, nullptr);
    sigaction(SIGTERM, &action, nullptr);

    const int code = QCoreApplication::exec();
    endpoint.stop();
    QCoreApplication::processEvents(); // the last captures stored while stopping
    forwarder.setEnabled(false); // what is still waiting or in flight is reported as canceled
    printLine(stderr,
              QStringLiteral("Stopped: %1 capture(s), %2 malformed, in session %3 of %4")
                  .arg(total)
                  .arg(malformed)
                  .arg(endpoint.sessionId())
                  .arg(config.storePath)
                  .toLocal8Bit());
    ::close(signalPipe[0]);
    ::close(signalPipe[1]);
    if (!savePath.isEmpty() && !saveSession(config.storePath, endpoint.sessionId(), savePath))
        return 1;
    return code;
}

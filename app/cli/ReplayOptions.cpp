// SPDX-License-Identifier: MIT
#include "cli/ReplayOptions.h"

#include <QCommandLineParser>
#include <QFileInfo>
#include <QJsonArray>

ReplayOptions::ReplayOptions()
    : m_secretEnv(QStringLiteral("resign-secret-env"),
                  QStringLiteral("Re-sign each request with the secret in this environment variable."),
                  QStringLiteral("VAR"))
    , m_secretFile(QStringLiteral("resign-secret-file"),
                   QStringLiteral("Re-sign each request with the secret in this file."), QStringLiteral("FILE"))
    , m_caFile(QStringLiteral("ca-file"), QStringLiteral("Trust the PEM certificates in this file as well."),
               QStringLiteral("FILE"))
    , m_insecure(QStringLiteral("insecure"), QStringLiteral("Do not verify the target's certificate (unsafe)."))
    , m_timeout(QStringLiteral("timeout"), QStringLiteral("Seconds each request may take (default 30)."),
                QStringLiteral("SECONDS"), QStringLiteral("30"))
    , m_concurrency(QStringLiteral("concurrency"),
                    QStringLiteral("Requests in flight at once (default 1); they start in the original order."),
                    QStringLiteral("N"), QStringLiteral("1"))
    , m_appendPath(QStringLiteral("append-path"),
                   QStringLiteral("Append each capture's original path and query to the URL."))
    , m_renewId(QStringLiteral("renew-message-id"),
                QStringLiteral("Standard Webhooks / Svix: re-sign with a new message id instead of the original."))
{ }

QList<QCommandLineOption> ReplayOptions::options() const
{
    return {m_secretEnv, m_secretFile, m_caFile, m_insecure, m_timeout, m_concurrency, m_appendPath, m_renewId};
}

Expected<SecretSet> ReplayOptions::resignSecret(const QCommandLineParser& parser) const
{
    if (parser.isSet(m_secretEnv) && parser.isSet(m_secretFile))
        return Error {Error::Code::InvalidInput,
                      QStringLiteral("give --resign-secret-env or --resign-secret-file, not both")};
    if (parser.isSet(m_secretEnv)) {
        const Expected<SecretSet, SecretError> set = SecretSet::fromEnvironment(parser.value(m_secretEnv));
        if (!set)
            return Error {Error::Code::InvalidInput,
                          QStringLiteral("--resign-secret-env: %1").arg(set.error().message)};
        return *set;
    }
    if (parser.isSet(m_secretFile)) {
        const Expected<SecretSet, SecretError> set = SecretSet::fromFile(parser.value(m_secretFile));
        if (!set)
            return Error {Error::Code::InvalidInput,
                          QStringLiteral("--resign-secret-file: %1").arg(set.error().message)};
        return *set;
    }
    return SecretSet();
}

Expected<ReplayTarget> ReplayOptions::target(const QCommandLineParser& parser, const QString& urlOption,
                                             const QString& url) const
{
    ReplayTarget target;
    const Expected<QUrl> parsed = ReplayTargets::parseUrl(url);
    if (!parsed)
        return Error {Error::Code::InvalidInput, QStringLiteral("--%1: %2").arg(urlOption, parsed.error().message)};
    target.url = *parsed;
    bool ok = false;
    const double seconds = parser.value(m_timeout).toDouble(&ok);
    if (!ok || seconds <= 0 || seconds > 3600)
        return Error {Error::Code::InvalidInput, QStringLiteral("--timeout: expected seconds between 0 and 3600")};
    target.timeoutMs = qMax(1, int(seconds * 1000));
    target.concurrency = parser.value(m_concurrency).toInt(&ok);
    if (!ok || target.concurrency < 1 || target.concurrency > 64)
        return Error {Error::Code::InvalidInput, QStringLiteral("--concurrency: expected a number from 1 to 64")};
    if (parser.isSet(m_caFile)) {
        target.caFile = parser.value(m_caFile);
        if (!QFileInfo(target.caFile).isReadable())
            return Error {Error::Code::InvalidInput, QStringLiteral("--ca-file: cannot read %1").arg(target.caFile)};
    }
    target.verifyCertificates = !parser.isSet(m_insecure);
    target.appendOriginalPath = parser.isSet(m_appendPath);
    target.renewMessageId = parser.isSet(m_renewId);
    target.resign = parser.isSet(m_secretEnv) || parser.isSet(m_secretFile);
    return target;
}

QJsonObject ReplayOptions::attemptToJson(const ReplayAttempt& attempt)
{
    QJsonObject object {
        {QStringLiteral("captureId"), attempt.captureId},
        {QStringLiteral("startedAt"), attempt.startedAt.toString(Qt::ISODateWithMs)},
        {QStringLiteral("method"), QString::fromUtf8(attempt.method)},
        {QStringLiteral("url"), attempt.targetUrl},
        {QStringLiteral("ok"), attempt.succeeded()},
        {QStringLiteral("status"), attempt.status},
        {QStringLiteral("durationMs"), attempt.durationMs},
        {QStringLiteral("bodyBytes"), attempt.responseBodyBytes},
        {QStringLiteral("error"),
         attempt.errorKind == ReplayErrorKind::None ? QJsonValue(QJsonValue::Null)
                                                    : QJsonValue(ReplayErrors::name(attempt.errorKind))},
        {QStringLiteral("errorMessage"),
         attempt.errorMessage.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(attempt.errorMessage)},
        {QStringLiteral("resigned"),
         attempt.resignedScheme.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(attempt.resignedScheme)},
    };
    if (attempt.isRedirect())
        object.insert(QStringLiteral("location"),
                      QString::fromLatin1(headerValue(attempt.responseHeaders, "Location")));
    return object;
}

QString ReplayOptions::attemptToText(const ReplayAttempt& attempt)
{
    QString line = QStringLiteral("%1 %2 -> %3  %4 ms")
                       .arg(QString::fromUtf8(attempt.method), attempt.targetUrl, attempt.summaryText())
                       .arg(attempt.durationMs);
    if (!attempt.resignedScheme.isEmpty())
        line += QStringLiteral("  re-signed (%1)").arg(attempt.resignedScheme);
    return line;
}

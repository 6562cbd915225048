// SPDX-License-Identifier: MIT
#include "core/ReplayAttempt.h"

#include <QCoreApplication>
#include <array>
#include <utility>

#include "core/HttpStatus.h"

namespace {

struct Names
{
    ReplayErrorKind kind;
    const char* name;
    const char* display;
};

constexpr std::array<Names, 13> names {{
    {ReplayErrorKind::None, "none", QT_TRANSLATE_NOOP("ReplayErrors", "no error")},
    {ReplayErrorKind::InvalidUrl, "invalid_url", QT_TRANSLATE_NOOP("ReplayErrors", "invalid URL")},
    {ReplayErrorKind::ConnectionRefused, "connection_refused", QT_TRANSLATE_NOOP("ReplayErrors", "connection refused")},
    {ReplayErrorKind::HostNotFound, "host_not_found", QT_TRANSLATE_NOOP("ReplayErrors", "host not found")},
    {ReplayErrorKind::Tls, "tls", QT_TRANSLATE_NOOP("ReplayErrors", "TLS error")},
    {ReplayErrorKind::Timeout, "timeout", QT_TRANSLATE_NOOP("ReplayErrors", "timeout")},
    {ReplayErrorKind::Closed, "closed", QT_TRANSLATE_NOOP("ReplayErrors", "closed mid-answer")},
    {ReplayErrorKind::TooLarge, "too_large", QT_TRANSLATE_NOOP("ReplayErrors", "answer too large")},
    {ReplayErrorKind::BadResponse, "bad_response", QT_TRANSLATE_NOOP("ReplayErrors", "not an HTTP answer")},
    {ReplayErrorKind::Canceled, "canceled", QT_TRANSLATE_NOOP("ReplayErrors", "canceled")},
    {ReplayErrorKind::QueueFull, "queue_full", QT_TRANSLATE_NOOP("ReplayErrors", "forward queue full")},
    {ReplayErrorKind::Resign, "resign", QT_TRANSLATE_NOOP("ReplayErrors", "re-signing failed")},
    {ReplayErrorKind::Network, "network", QT_TRANSLATE_NOOP("ReplayErrors", "network error")},
}};

} // namespace

QString ReplayErrors::name(ReplayErrorKind kind)
{
    for (const Names& entry : names) {
        if (entry.kind == kind)
            return QString::fromLatin1(entry.name);
    }
    return QStringLiteral("network");
}

ReplayErrorKind ReplayErrors::fromName(QStringView name)
{
    for (const Names& entry : names) {
        if (name == QLatin1String(entry.name))
            return entry.kind;
    }
    return ReplayErrorKind::Network;
}

QString ReplayErrors::displayName(ReplayErrorKind kind)
{
    for (const Names& entry : names) {
        if (entry.kind == kind)
            return QCoreApplication::translate("ReplayErrors", entry.display);
    }
    return QCoreApplication::translate("ReplayErrors", "network error");
}

QString ReplayAttempt::summaryText() const
{
    if (errorKind != ReplayErrorKind::None) {
        QString text = ReplayErrors::displayName(errorKind);
        if (!errorMessage.isEmpty())
            text += QStringLiteral(": ") + errorMessage;
        return text;
    }
    QString text = QString::number(status);
    const QByteArray phrase = reason.isEmpty() ? knownReasonPhrase(status) : reason;
    if (!phrase.isEmpty())
        text += QLatin1Char(' ') + QString::fromLatin1(phrase);
    if (isRedirect()) {
        const QByteArray location = headerValue(responseHeaders, "Location");
        if (!location.isEmpty())
            text += QStringLiteral(" -> ") + QString::fromLatin1(location)
                + QCoreApplication::translate("ReplayAttempt", " (not followed)");
    }
    return text;
}

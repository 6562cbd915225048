// SPDX-License-Identifier: MIT
#include "core/ReplayAttempt.h"

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
    {ReplayErrorKind::None, "none", "no error"},
    {ReplayErrorKind::InvalidUrl, "invalid_url", "invalid URL"},
    {ReplayErrorKind::ConnectionRefused, "connection_refused", "connection refused"},
    {ReplayErrorKind::HostNotFound, "host_not_found", "host not found"},
    {ReplayErrorKind::Tls, "tls", "TLS error"},
    {ReplayErrorKind::Timeout, "timeout", "timeout"},
    {ReplayErrorKind::Closed, "closed", "closed mid-answer"},
    {ReplayErrorKind::TooLarge, "too_large", "answer too large"},
    {ReplayErrorKind::BadResponse, "bad_response", "not an HTTP answer"},
    {ReplayErrorKind::Canceled, "canceled", "canceled"},
    {ReplayErrorKind::QueueFull, "queue_full", "forward queue full"},
    {ReplayErrorKind::Resign, "resign", "re-signing failed"},
    {ReplayErrorKind::Network, "network", "network error"},
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
            return QString::fromLatin1(entry.display);
    }
    return QStringLiteral("network error");
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
            text += QStringLiteral(" -> ") + QString::fromLatin1(location) + QStringLiteral(" (not followed)");
    }
    return text;
}

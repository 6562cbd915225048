// SPDX-License-Identifier: MIT
#include "replay/ReplayTarget.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include "core/Logging.h"
#include "settings/Settings.h"
#include "signature/GenericHmacSpec.h"

namespace {

QJsonArray headersToJson(const HttpHeaders& headers)
{
    QJsonArray array;
    for (const HttpHeader& header : headers)
        array.append(QJsonObject {{QStringLiteral("name"), QString::fromLatin1(header.first)},
                                  {QStringLiteral("value"), QString::fromUtf8(header.second)}});
    return array;
}

HttpHeaders headersFromJson(const QJsonArray& array)
{
    HttpHeaders headers;
    for (const QJsonValue& item : array) {
        const QJsonObject object = item.toObject();
        const QString name = object.value(QStringLiteral("name")).toString();
        if (!name.isEmpty())
            headers.append({name.toLatin1(), object.value(QStringLiteral("value")).toString().toUtf8()});
    }
    return headers;
}

} // namespace

QString ReplayTarget::displayName() const
{
    return name.isEmpty() ? url.toDisplayString() : name;
}

bool ReplayTarget::operator==(const ReplayTarget& other) const
{
    const auto spec = [](const std::optional<GenericHmacProfile>& profile) {
        return profile ? GenericHmacSpec::write(*profile) : QString();
    };
    return name == other.name && url == other.url && addHeaders == other.addHeaders && dropHeaders == other.dropHeaders
        && timeoutMs == other.timeoutMs && appendOriginalPath == other.appendOriginalPath
        && concurrency == other.concurrency && originalPacing == other.originalPacing
        && pacingSpeed == other.pacingSpeed && verifyCertificates == other.verifyCertificates && caFile == other.caFile
        && resign == other.resign && resignScheme == other.resignScheme && renewMessageId == other.renewMessageId
        && spec(generic) == spec(other.generic);
}

Expected<void> ReplayTarget::validate() const
{
    if (!url.isValid() || url.host().isEmpty())
        return Error {
            Error::Code::InvalidInput,
            QCoreApplication::translate("ReplayTarget", "the URL needs a host, e.g. http://127.0.0.1:3000/hook")};
    if (url.scheme() != QLatin1String("http") && url.scheme() != QLatin1String("https"))
        return Error {Error::Code::InvalidInput,
                      QCoreApplication::translate("ReplayTarget", "the URL must start with http:// or https://")};
    if (timeoutMs <= 0)
        return Error {Error::Code::InvalidInput,
                      QCoreApplication::translate("ReplayTarget", "the timeout must be positive")};
    if (concurrency < 1 || concurrency > 64)
        return Error {Error::Code::InvalidInput,
                      QCoreApplication::translate("ReplayTarget", "concurrency must be between 1 and 64")};
    if (originalPacing && pacingSpeed <= 0)
        return Error {Error::Code::InvalidInput,
                      QCoreApplication::translate("ReplayTarget", "the pacing speed must be positive")};
    return {};
}

QByteArray ReplayTargets::toJson(const QList<ReplayTarget>& targets)
{
    QJsonArray array;
    for (const ReplayTarget& target : targets) {
        QJsonObject object {
            {QStringLiteral("name"), target.name},
            // A password in the URL is a secret: like the re-signing secret, it lasts for this run only.
            {QStringLiteral("url"), target.url.toString(QUrl::FullyEncoded | QUrl::RemovePassword)},
            {QStringLiteral("addHeaders"), headersToJson(target.addHeaders)},
            {QStringLiteral("timeoutMs"), target.timeoutMs},
            {QStringLiteral("appendOriginalPath"), target.appendOriginalPath},
            {QStringLiteral("concurrency"), target.concurrency},
            {QStringLiteral("originalPacing"), target.originalPacing},
            {QStringLiteral("pacingSpeed"), target.pacingSpeed},
            {QStringLiteral("verifyCertificates"), target.verifyCertificates},
            {QStringLiteral("caFile"), target.caFile},
            {QStringLiteral("resign"), target.resign},
            {QStringLiteral("renewMessageId"), target.renewMessageId},
        };
        QJsonArray drop;
        for (const QByteArray& name : target.dropHeaders)
            drop.append(QString::fromLatin1(name));
        object.insert(QStringLiteral("dropHeaders"), drop);
        if (target.resignScheme)
            object.insert(QStringLiteral("resignScheme"), SignatureSchemes::name(*target.resignScheme));
        if (target.generic)
            object.insert(QStringLiteral("generic"), GenericHmacSpec::write(*target.generic));
        array.append(object);
    }
    return QJsonDocument(array).toJson(QJsonDocument::Compact);
}

QList<ReplayTarget> ReplayTargets::fromJson(const QByteArray& json)
{
    QList<ReplayTarget> targets;
    if (json.trimmed().isEmpty())
        return targets;
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(json, &parseError);
    if (!document.isArray()) {
        qCWarning(lcReplay).noquote() << "the saved replay targets are not a JSON list, so none is used:"
                                      << parseError.errorString();
        return targets;
    }
    const ReplayTarget defaults;
    for (const QJsonValue& item : document.array()) {
        const QJsonObject object = item.toObject();
        ReplayTarget target;
        target.name = object.value(QStringLiteral("name")).toString();
        target.url = QUrl(object.value(QStringLiteral("url")).toString(), QUrl::StrictMode);
        target.addHeaders = headersFromJson(object.value(QStringLiteral("addHeaders")).toArray());
        for (const QJsonValue& name : object.value(QStringLiteral("dropHeaders")).toArray())
            target.dropHeaders.append(name.toString().toLatin1());
        target.timeoutMs = object.value(QStringLiteral("timeoutMs")).toInt(defaults.timeoutMs);
        target.appendOriginalPath = object.value(QStringLiteral("appendOriginalPath")).toBool();
        target.concurrency = object.value(QStringLiteral("concurrency")).toInt(1);
        target.originalPacing = object.value(QStringLiteral("originalPacing")).toBool();
        target.pacingSpeed = object.value(QStringLiteral("pacingSpeed")).toDouble(1.0);
        target.verifyCertificates = object.value(QStringLiteral("verifyCertificates")).toBool(true);
        target.caFile = object.value(QStringLiteral("caFile")).toString();
        target.resign = object.value(QStringLiteral("resign")).toBool();
        target.renewMessageId = object.value(QStringLiteral("renewMessageId")).toBool();
        SignatureScheme scheme = SignatureScheme::None;
        if (SignatureSchemes::fromName(object.value(QStringLiteral("resignScheme")).toString(), &scheme))
            target.resignScheme = scheme;
        const QString generic = object.value(QStringLiteral("generic")).toString();
        if (!generic.isEmpty()) {
            if (const Expected<GenericHmacProfile> profile = GenericHmacSpec::parse(generic))
                target.generic = *profile;
            else
                qCWarning(lcReplay).noquote()
                    << "a replay target's generic profile is dropped:" << profile.error().message;
        }
        targets.append(target);
    }
    return targets;
}

QList<ReplayTarget> ReplayTargets::load(const Settings& settings)
{
    return fromJson(settings.value(Settings::Key::ReplayTargets).toString().toUtf8());
}

void ReplayTargets::save(Settings& settings, const QList<ReplayTarget>& targets)
{
    settings.setValue(Settings::Key::ReplayTargets, QString::fromUtf8(toJson(targets)));
}

Expected<QUrl> ReplayTargets::parseUrl(const QString& text)
{
    QString typed = text.trimmed();
    if (typed.isEmpty())
        return Error {
            Error::Code::InvalidInput,
            QCoreApplication::translate("ReplayTarget", "type the URL to replay to, e.g. http://127.0.0.1:3000/hook")};
    if (!typed.contains(QStringLiteral("://")))
        typed.prepend(QStringLiteral("http://"));
    const QUrl url(typed, QUrl::StrictMode);
    if (!url.isValid())
        return Error {Error::Code::InvalidInput,
                      QCoreApplication::translate("ReplayTarget", "not a URL: %1").arg(url.errorString())};
    if (url.scheme() != QLatin1String("http") && url.scheme() != QLatin1String("https"))
        return Error {
            Error::Code::InvalidInput,
            QCoreApplication::translate("ReplayTarget", "only http:// and https:// URLs can be replayed to, not %1://")
                .arg(url.scheme())};
    if (url.host().isEmpty())
        return Error {Error::Code::InvalidInput, QCoreApplication::translate("ReplayTarget", "the URL has no host")};
    return url;
}

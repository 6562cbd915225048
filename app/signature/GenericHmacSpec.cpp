// SPDX-License-Identifier: MIT
#include "signature/GenericHmacSpec.h"

#include <QCoreApplication>
#include <QStringList>

namespace {
Error invalid(const QString& message)
{
    return Error {Error::Code::InvalidInput, message};
}
} // namespace

Expected<GenericHmacProfile> GenericHmacSpec::parse(QStringView spec)
{
    GenericHmacProfile profile;
    const QList<QStringView> parts = spec.split(QLatin1Char(';'), Qt::SkipEmptyParts);
    for (QStringView part : parts) {
        const qsizetype equals = part.indexOf(QLatin1Char('='));
        if (equals <= 0)
            return invalid(QCoreApplication::translate("GenericHmacSpec", "\"%1\": expected key=value").arg(part));
        const QString key = part.left(equals).trimmed().toString().toLower();
        const QString value = part.mid(equals + 1).toString();
        if (key == QLatin1String("header")) {
            profile.header = value.trimmed().toLatin1();
        } else if (key == QLatin1String("algorithm")) {
            if (!Hmac::fromName(value.trimmed(), &profile.algorithm))
                return invalid(QCoreApplication::translate("GenericHmacSpec",
                                                           "algorithm: expected sha1, sha256 or sha512, not \"%1\"")
                                   .arg(value));
        } else if (key == QLatin1String("encoding")) {
            if (value.trimmed().compare(QLatin1String("hex"), Qt::CaseInsensitive) == 0) {
                profile.encoding = SignatureEncoding::Hex;
            } else if (value.trimmed().compare(QLatin1String("base64"), Qt::CaseInsensitive) == 0) {
                profile.encoding = SignatureEncoding::Base64;
            } else {
                return invalid(
                    QCoreApplication::translate("GenericHmacSpec", "encoding: expected hex or base64, not \"%1\"")
                        .arg(value));
            }
        } else if (key == QLatin1String("prefix")) {
            profile.prefix = value.toUtf8();
        } else if (key == QLatin1String("template")) {
            profile.signedTemplate = value.toUtf8();
        } else if (key == QLatin1String("timestamp-header")) {
            profile.timestampHeader = value.trimmed().toLatin1();
        } else if (key == QLatin1String("id-header")) {
            profile.idHeader = value.trimmed().toLatin1();
        } else if (key == QLatin1String("tolerance")) {
            bool ok = false;
            profile.toleranceSeconds = value.trimmed().toLongLong(&ok);
            if (!ok || profile.toleranceSeconds < 0)
                return invalid(QCoreApplication::translate("GenericHmacSpec", "tolerance: expected seconds, not \"%1\"")
                                   .arg(value));
        } else {
            return invalid(
                QCoreApplication::translate("GenericHmacSpec",
                                            "unknown key \"%1\" (header, algorithm, encoding, prefix, template, "
                                            "timestamp-header, id-header, tolerance)")
                    .arg(key));
        }
    }
    if (profile.header.isEmpty())
        return invalid(
            QCoreApplication::translate("GenericHmacSpec", "header: the header that holds the signature is needed"));
    return profile;
}

QString GenericHmacSpec::write(const GenericHmacProfile& profile)
{
    QStringList parts {
        QStringLiteral("header=") + QString::fromLatin1(profile.header),
        QStringLiteral("algorithm=") + Hmac::name(profile.algorithm),
        QStringLiteral("encoding=")
            + (profile.encoding == SignatureEncoding::Hex ? QStringLiteral("hex") : QStringLiteral("base64")),
        QStringLiteral("prefix=") + QString::fromUtf8(profile.prefix),
        QStringLiteral("template=") + QString::fromUtf8(profile.signedTemplate),
    };
    if (!profile.timestampHeader.isEmpty())
        parts.append(QStringLiteral("timestamp-header=") + QString::fromLatin1(profile.timestampHeader));
    if (!profile.idHeader.isEmpty())
        parts.append(QStringLiteral("id-header=") + QString::fromLatin1(profile.idHeader));
    if (profile.toleranceSeconds > 0)
        parts.append(QStringLiteral("tolerance=") + QString::number(profile.toleranceSeconds));
    return parts.join(QLatin1Char(';'));
}

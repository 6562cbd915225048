// SPDX-License-Identifier: MIT
#include "signature/SignatureReport.h"

#include <QJsonValue>

QString SignatureReport::statusName(SignatureStatus status)
{
    switch (status) {
    case SignatureStatus::Valid:
        return QStringLiteral("valid");
    case SignatureStatus::Invalid:
        return QStringLiteral("invalid");
    case SignatureStatus::Missing:
        return QStringLiteral("missing");
    case SignatureStatus::NotApplicable:
        return QStringLiteral("not_applicable");
    case SignatureStatus::UnreadableBody:
        return QStringLiteral("unreadable_body");
    case SignatureStatus::NoSecret:
        return QStringLiteral("no_secret");
    }
    return {};
}

QString SignatureReport::matchName(SignatureMatch match)
{
    switch (match) {
    case SignatureMatch::None:
        return {};
    case SignatureMatch::Raw:
        return QStringLiteral("raw");
    case SignatureMatch::Reserialized:
        return QStringLiteral("reserialized");
    }
    return {};
}

QString SignatureReport::causeName(SignatureCause cause)
{
    switch (cause) {
    case SignatureCause::None:
        return {};
    case SignatureCause::WrongSecret:
        return QStringLiteral("wrong_secret");
    case SignatureCause::BodyReserialized:
        return QStringLiteral("body_reserialized");
    case SignatureCause::KeyOrderChanged:
        return QStringLiteral("key_order_changed");
    case SignatureCause::TrailingNewline:
        return QStringLiteral("trailing_newline");
    case SignatureCause::LineEndings:
        return QStringLiteral("line_endings");
    case SignatureCause::ByteOrderMark:
        return QStringLiteral("byte_order_mark");
    case SignatureCause::HexCase:
        return QStringLiteral("hex_case");
    case SignatureCause::SignaturePrefix:
        return QStringLiteral("signature_prefix");
    case SignatureCause::SecretEncoding:
        return QStringLiteral("secret_encoding");
    case SignatureCause::StaleTimestamp:
        return QStringLiteral("stale_timestamp");
    case SignatureCause::MalformedSignature:
        return QStringLiteral("malformed_signature");
    }
    return {};
}

QJsonObject SignatureReport::toJson(const SignatureResult& result)
{
    auto orNull = [](const QString& s) {
        return s.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(s);
    };
    QJsonObject object;
    object.insert(QLatin1String("scheme"), SignatureSchemes::name(result.scheme));
    object.insert(QLatin1String("status"), statusName(result.status));
    object.insert(QLatin1String("matched"), orNull(matchName(result.matched)));
    object.insert(QLatin1String("cause"), orNull(causeName(result.cause)));
    object.insert(QLatin1String("secret"), orNull(result.secretLabel));
    return object;
}

QString SignatureReport::toText(const SignatureResult& result)
{
    QString text = SignatureSchemes::name(result.scheme) + QStringLiteral(": ") + statusName(result.status);
    QStringList notes;
    if (result.matched == SignatureMatch::Raw && result.scheme == SignatureScheme::FirmApp)
        notes.append(QStringLiteral("raw payload bytes"));
    else if (result.matched == SignatureMatch::Reserialized)
        notes.append(QStringLiteral("re-serialized payload"));
    if (result.cause != SignatureCause::None)
        notes.append(causeName(result.cause));
    if (!result.secretLabel.isEmpty())
        notes.append(QStringLiteral("secret %1").arg(result.secretLabel));
    if (!notes.isEmpty())
        text += QStringLiteral(" (") + notes.join(QStringLiteral(", ")) + QLatin1Char(')');
    if (result.status != SignatureStatus::Valid && !result.detail.isEmpty())
        text += QStringLiteral(": ") + result.detail;
    return text;
}

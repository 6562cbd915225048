// SPDX-License-Identifier: MIT
#include "signature/SignatureReport.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QJsonValue>
#include <QStringDecoder>

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
        notes.append(QCoreApplication::translate("SignatureReport", "raw payload bytes"));
    else if (result.matched == SignatureMatch::Reserialized)
        notes.append(QCoreApplication::translate("SignatureReport", "re-serialized payload"));
    if (result.cause != SignatureCause::None)
        notes.append(causeName(result.cause));
    if (!result.secretLabel.isEmpty())
        notes.append(QCoreApplication::translate("SignatureReport", "secret %1").arg(result.secretLabel));
    if (!notes.isEmpty())
        text += QStringLiteral(" (") + notes.join(QStringLiteral(", ")) + QLatin1Char(')');
    if (result.status != SignatureStatus::Valid && !result.detail.isEmpty())
        text += QStringLiteral(": ") + result.detail;
    return text;
}

QString SignatureReport::printable(const QByteArray& bytes, qsizetype maxBytes)
{
    const bool cut = maxBytes >= 0 && bytes.size() > maxBytes;
    const QByteArray shown = cut ? bytes.left(maxBytes) : bytes;
    QString out;
    out.reserve(shown.size());
    // Decode valid UTF-8 runs; escape everything else byte by byte.
    qsizetype i = 0;
    while (i < shown.size()) {
        const auto c = static_cast<unsigned char>(shown[i]);
        if (c == '\n' || c == '\r' || c == '\t') {
            out += c == '\n' ? QStringLiteral("\\n") : c == '\r' ? QStringLiteral("\\r") : QStringLiteral("\\t");
            ++i;
            continue;
        }
        if (c == '\\') {
            out += QStringLiteral("\\\\");
            ++i;
            continue;
        }
        if (c >= 0x20 && c < 0x7F) {
            out += QChar(char16_t(c));
            ++i;
            continue;
        }
        const int length = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC2 ? 2 : 0;
        if (length > 0 && i + length <= shown.size()) {
            QStringDecoder decoder(QStringDecoder::Utf8, QStringDecoder::Flag::Stateless);
            const QString decoded = decoder.decode(QByteArrayView(shown).sliced(i, length));
            if (!decoder.hasError() && !decoded.contains(QChar(QChar::ReplacementCharacter))) {
                out += decoded;
                i += length;
                continue;
            }
        }
        out += QStringLiteral("\\x%1").arg(uint(c), 2, 16, QLatin1Char('0'));
        ++i;
    }
    if (cut)
        out += QCoreApplication::translate("SignatureReport", " \u2026 (%1 more bytes)").arg(bytes.size() - maxBytes);
    return out;
}

QString SignatureReport::toDetailText(const SignatureResult& result, qsizetype maxSignedBytes)
{
    QStringList lines;
    QString scheme = SignatureSchemes::displayName(result.scheme);
    if (!result.algorithm.isEmpty())
        scheme += QStringLiteral(" (HMAC-%1)").arg(result.algorithm.toUpper());
    lines.append(QStringLiteral("Scheme: ") + scheme);
    lines.append(QStringLiteral("Status: ") + statusName(result.status));
    if (result.cause != SignatureCause::None)
        lines.append(QStringLiteral("Cause: ") + causeName(result.cause));
    if (!result.detail.isEmpty())
        lines.append(QStringLiteral("Detail: ") + result.detail);
    if (result.matched != SignatureMatch::None)
        lines.append(QStringLiteral("Matched: ")
                     + (result.matched == SignatureMatch::Raw
                            ? QCoreApplication::translate("SignatureReport", "the raw bytes")
                            : QCoreApplication::translate("SignatureReport", "the re-serialization (JSON.stringify)")));
    if (!result.secretLabel.isEmpty())
        lines.append(QStringLiteral("Secret: ") + result.secretLabel);
    if (result.timestamp)
        lines.append(QStringLiteral("Timestamp: %1 (%2)")
                         .arg(*result.timestamp)
                         .arg(QDateTime::fromSecsSinceEpoch(*result.timestamp, Qt::UTC).toString(Qt::ISODate)));
    if (!result.received.isEmpty())
        lines.append(QStringLiteral("Received: ") + printable(result.received, 1024));
    if (!result.expected.isEmpty())
        lines.append(QStringLiteral("Expected: ") + QString::fromLatin1(result.expected));
    if (result.jsonError)
        lines.append(
            QCoreApplication::translate("SignatureReport", "JSON error: %1").arg(result.jsonError->toString()));
    if (!result.signedBytes.isEmpty() || result.status == SignatureStatus::Valid
        || result.status == SignatureStatus::Invalid)
        lines.append(
            QCoreApplication::translate("SignatureReport", "Signed bytes (%1): ").arg(result.signedBytes.size())
            + printable(result.signedBytes, maxSignedBytes));
    return lines.join(QLatin1Char('\n'));
}

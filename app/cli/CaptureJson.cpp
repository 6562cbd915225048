// SPDX-License-Identifier: MIT
#include "cli/CaptureJson.h"

#include <QJsonArray>

QJsonObject captureToJson(const Capture& capture)
{
    QJsonArray headers;
    for (const HttpHeader& header : capture.headers)
        headers.append(QJsonArray {QString::fromUtf8(header.first), QString::fromUtf8(header.second)});
    QJsonObject object;
    object.insert(QLatin1String("id"), capture.id);
    object.insert(QLatin1String("receivedAt"), capture.receivedAt.toUTC().toString(Qt::ISODateWithMs));
    object.insert(QLatin1String("method"), QString::fromUtf8(capture.method));
    object.insert(QLatin1String("target"), QString::fromUtf8(capture.target));
    object.insert(QLatin1String("httpVersion"), QString::fromLatin1(capture.httpVersion));
    object.insert(QLatin1String("headers"), headers);
    object.insert(QLatin1String("bodyBytes"), capture.body.size());
    object.insert(QLatin1String("bodySha256"), QString::fromLatin1(capture.bodySha256Hex()));
    object.insert(QLatin1String("responseStatus"), capture.responseStatus);
    object.insert(QLatin1String("malformed"),
                  capture.isMalformed() ? QJsonValue(capture.malformedReason) : QJsonValue(QJsonValue::Null));
    return object;
}

QString captureToLine(const Capture& capture)
{
    const QString status
        = capture.responseStatus == 0 ? QStringLiteral("---") : QString::number(capture.responseStatus);
    QString line
        = QStringLiteral("%1  %2 %3  %4 B  %5")
              .arg(capture.receivedAt.toLocalTime().toString(QStringLiteral("HH:mm:ss.zzz")),
                   QString::fromUtf8(capture.method.isEmpty() ? QByteArray("?") : capture.method).leftJustified(6),
                   QString::fromUtf8(capture.target.isEmpty() ? QByteArray("?") : capture.target))
              .arg(capture.body.size())
              .arg(status);
    if (capture.isMalformed())
        line += QStringLiteral("  malformed: ") + capture.malformedReason;
    return line;
}

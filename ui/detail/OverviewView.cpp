// SPDX-License-Identifier: MIT
#include "detail/OverviewView.h"

#include <QFormLayout>
#include <QHash>
#include <QLabel>

#include "core/ByteSize.h"
#include "core/HttpStatus.h"
#include "core/Utf8.h"

OverviewView::OverviewView(QWidget* parent)
    : QWidget(parent)
{
    auto* form = new QFormLayout(this);
    form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    setLayout(form);
    addRow(QStringLiteral("request"), tr("Request"));
    addRow(QStringLiteral("peer"), tr("From"));
    addRow(QStringLiteral("received"), tr("Received"));
    addRow(QStringLiteral("duration"), tr("Took"));
    addRow(QStringLiteral("body"), tr("Body"));
    addRow(QStringLiteral("sha256"), tr("Body sha256"));
    addRow(QStringLiteral("answer"), tr("Answered"));
    addRow(QStringLiteral("answerHeaders"), tr("Answer headers"));
    addRow(QStringLiteral("answerBody"), tr("Answer body"));
    addRow(QStringLiteral("malformed"), tr("Parser"));
    clear();
}

QLabel* OverviewView::addRow(const QString& field, const QString& title)
{
    auto* value = new QLabel(this);
    value->setObjectName(field + QStringLiteral("OverviewLabel"));
    value->setTextFormat(Qt::PlainText);
    value->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    value->setWordWrap(true);
    static_cast<QFormLayout*>(layout())->addRow(title, value);
    m_values.insert(field, value);
    return value;
}

void OverviewView::showCapture(const Capture& capture)
{
    const QString method = capture.method.isEmpty() ? QStringLiteral("?") : QString::fromUtf8(capture.method);
    m_values.value(QStringLiteral("request"))
        ->setText(method + QLatin1Char(' ') + QString::fromUtf8(capture.target) + QLatin1Char(' ')
                  + QString::fromLatin1(capture.httpVersion));
    m_values.value(QStringLiteral("peer"))->setText(tr("%1 port %2").arg(capture.peerAddress).arg(capture.peerPort));
    const QDateTime received = capture.receivedAt.toLocalTime();
    m_values.value(QStringLiteral("received"))
        ->setText(received.toString(QStringLiteral("yyyy-MM-dd HH:mm:ss.zzz t")) + QStringLiteral("  (")
                  + capture.receivedAt.toUTC().toString(Qt::ISODateWithMs) + QLatin1Char(')'));
    const qint64 ms = capture.receivedAt.msecsTo(capture.completedAt);
    m_values.value(QStringLiteral("duration"))
        ->setText(capture.completedAt.isValid() ? tr("%1 ms from the first byte to the last").arg(ms) : tr("unknown"));
    QString body = ByteSize::text(capture.body.size());
    const QByteArray type = headerValue(capture.headers, "content-type");
    if (!type.isEmpty())
        body += QStringLiteral(" · ") + QString::fromUtf8(type);
    if (hasHeader(capture.headers, "transfer-encoding"))
        body += tr(" · chunked, %n trailer(s)", nullptr, int(capture.trailers.size()));
    m_values.value(QStringLiteral("body"))->setText(body);
    m_values.value(QStringLiteral("sha256"))->setText(QString::fromLatin1(capture.bodySha256Hex()));
    m_values.value(QStringLiteral("answer"))
        ->setText(capture.responseStatus ? QStringLiteral("%1 %2")
                                               .arg(capture.responseStatus)
                                               .arg(QString::fromLatin1(reasonPhrase(capture.responseStatus)))
                                         : tr("not answered (the connection closed first, or a rule closed it)"));
    QStringList lines;
    for (const HttpHeader& header : capture.responseHeaders)
        lines.append(QString::fromLatin1(header.first) + QStringLiteral(": ") + QString::fromLatin1(header.second));
    m_values.value(QStringLiteral("answerHeaders"))
        ->setText(lines.isEmpty() ? tr("none recorded") : lines.join(QLatin1Char('\n')));
    m_values.value(QStringLiteral("answerBody"))->setText(answerBodyText(capture.responseBody));
    m_values.value(QStringLiteral("malformed"))
        ->setText(capture.isMalformed() ? tr("Malformed: %1").arg(capture.malformedReason) : tr("well-formed"));
}

QString OverviewView::answerBodyText(const QByteArray& body)
{
    if (body.isEmpty())
        return tr("empty");
    // At most 4 KiB are shown, cut before a UTF-8 continuation byte so that text stays text.
    qsizetype shown = std::min<qsizetype>(body.size(), 4096);
    while (shown < body.size() && shown > 0 && (uchar(body.at(shown)) & 0xC0) == 0x80)
        --shown;
    const QByteArray head = body.left(shown);
    if (!Utf8::isRepresentableText(head))
        return tr("%1, not text").arg(ByteSize::text(body.size()));
    QString text = QString::fromUtf8(head);
    if (body.size() > shown)
        text += tr("\n… (%1 in all)").arg(ByteSize::text(body.size()));
    return text;
}

void OverviewView::clear()
{
    for (QLabel* label : std::as_const(m_values))
        label->clear();
    m_values.value(QStringLiteral("request"))->setText(tr("Select a capture."));
}

QString OverviewView::valueText(const QString& field) const
{
    const QLabel* label = m_values.value(field);
    return label ? label->text() : QString();
}

// SPDX-License-Identifier: MIT
#include "detail/SignatureView.h"

#include <QFontDatabase>
#include <QLabel>
#include <QPlainTextEdit>
#include <QVBoxLayout>

#include "core/ByteSize.h"
#include "signature/SignatureReport.h"
#include "signature/SignatureScheme.h"
#include "widgets/LongLines.h"

namespace {

QString statusText(SignatureStatus status)
{
    switch (status) {
    case SignatureStatus::Valid:
        return SignatureView::tr("Valid");
    case SignatureStatus::Invalid:
        return SignatureView::tr("Invalid");
    case SignatureStatus::Missing:
        return SignatureView::tr("No signature in this request");
    case SignatureStatus::NotApplicable:
        return SignatureView::tr("No known signature scheme");
    case SignatureStatus::UnreadableBody:
        return SignatureView::tr("Body is not readable JSON");
    case SignatureStatus::NoSecret:
        return SignatureView::tr("Paste the secret above to check this signature");
    }
    return {};
}

QString printable(const QByteArray& bytes)
{
    return bytes.isEmpty() ? QStringLiteral("—") : QString::fromUtf8(bytes).toHtmlEscaped();
}

} // namespace

SignatureView::SignatureView(QWidget* parent)
    : QWidget(parent)
    , m_summary(new QLabel(this))
    , m_values(new QLabel(this))
    , m_signed(new QPlainTextEdit(this))
{
    setObjectName(QStringLiteral("signatureView"));
    m_summary->setObjectName(QStringLiteral("signatureSummaryLabel"));
    m_summary->setWordWrap(true);
    m_summary->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_values->setObjectName(QStringLiteral("signatureValuesLabel"));
    m_values->setWordWrap(true);
    m_values->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_values->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_signed->setObjectName(QStringLiteral("signedBytesTextEdit"));
    m_signed->setAccessibleName(tr("Signed bytes"));
    m_signed->setReadOnly(true);
    m_signed->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_signed->setPlaceholderText(tr("The exact bytes the signature is computed over appear here"));
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(m_summary);
    layout->addWidget(m_values);
    layout->addWidget(new QLabel(tr("Signed bytes:"), this));
    layout->addWidget(m_signed, 1);
    showMessage(tr("Select a capture."));
}

void SignatureView::showMessage(const QString& text)
{
    m_summary->setText(text);
    m_values->clear();
    m_values->hide(); // nothing to read until a result arrives
    m_signed->clear();
}

void SignatureView::showResult(const SignatureResult& result)
{
    const QString colour = result.status == SignatureStatus::Valid ? QStringLiteral("#0a7a32")
        : result.status == SignatureStatus::Invalid                ? QStringLiteral("#b00020")
                                                                   : QStringLiteral("#555555");
    QString summary = QStringLiteral("<b style='color:%1'>%2</b>").arg(colour, statusText(result.status));
    if (result.scheme != SignatureScheme::None)
        summary += QStringLiteral(" &nbsp;·&nbsp; ") + SignatureSchemes::displayName(result.scheme);
    if (!result.algorithm.isEmpty())
        summary += QStringLiteral(" &nbsp;·&nbsp; HMAC-") + result.algorithm.toUpper();
    if (result.matched == SignatureMatch::Raw)
        summary += tr(" &nbsp;·&nbsp; matched the raw bytes");
    else if (result.matched == SignatureMatch::Reserialized)
        summary += tr(" &nbsp;·&nbsp; matched the re-serialized payload (JSON.stringify), not the raw bytes");
    if (!result.secretLabel.isEmpty())
        summary += tr(" &nbsp;·&nbsp; secret “%1”").arg(result.secretLabel.toHtmlEscaped());
    if (result.cause != SignatureCause::None)
        summary += tr("<br>Likely cause: <b>%1</b>")
                       .arg(SignatureReport::causeName(result.cause).replace(QLatin1Char('_'), QLatin1Char(' ')));
    if (!result.detail.isEmpty())
        summary += QStringLiteral("<br>") + result.detail.toHtmlEscaped();
    if (result.jsonError)
        summary += tr("<br>JSON error: %1").arg(result.jsonError->toString().toHtmlEscaped());
    m_summary->setText(summary);

    QString values = tr("Received: %1<br>Expected: %2").arg(printable(result.received), printable(result.expected));
    if (result.timestamp)
        values += tr("<br>Signed timestamp: %1 (%2)")
                      .arg(*result.timestamp)
                      .arg(QDateTime::fromSecsSinceEpoch(*result.timestamp).toString(Qt::ISODate));
    m_values->setText(values);
    m_values->show();
    // The signed bytes can be the whole body: the first 256 KiB are enough to read what was signed.
    constexpr qsizetype shown = 256 * 1024;
    QString text = LongLines::forDisplay(QString::fromUtf8(result.signedBytes.left(shown)));
    if (result.signedBytes.size() > shown)
        text += tr("\n… %1 in all; the rest is the body as received").arg(ByteSize::text(result.signedBytes.size()));
    m_signed->setPlainText(text);
}

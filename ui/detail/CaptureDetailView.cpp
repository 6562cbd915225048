// SPDX-License-Identifier: MIT
#include "detail/CaptureDetailView.h"

#include <QFontDatabase>
#include <QHeaderView>
#include <QLabel>
#include <QPlainTextEdit>
#include <QStringDecoder>
#include <QTabWidget>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace {

QString byteSize(qint64 bytes)
{
    return QLocale().formattedDataSize(bytes, 1, QLocale::DataSizeTraditionalFormat);
}

QPlainTextEdit* makeTextView(const QString& objectName, QWidget* parent)
{
    auto* view = new QPlainTextEdit(parent);
    view->setObjectName(objectName);
    view->setReadOnly(true);
    view->setLineWrapMode(QPlainTextEdit::NoWrap);
    view->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    return view;
}

// Bytes shown as text with control characters made visible, so the raw head reads exactly.
QString visibleText(const QByteArray& bytes)
{
    QString out;
    out.reserve(bytes.size());
    for (char c : bytes) {
        const auto u = uchar(c);
        if (c == '\r')
            out += QStringLiteral("\u240d");
        else if (c == '\n')
            out += QStringLiteral("\u240a\n");
        else if (c == '\t' || (u >= 0x20 && u < 0x7f))
            out += QLatin1Char(c);
        else
            out += QStringLiteral("\\x%1").arg(u, 2, 16, QLatin1Char('0'));
    }
    return out;
}

} // namespace

CaptureDetailView::CaptureDetailView(QWidget* parent)
    : QWidget(parent)
    , m_summary(new QLabel(this))
    , m_tabs(new QTabWidget(this))
    , m_headers(new QTreeWidget(this))
    , m_body(makeTextView(QStringLiteral("bodyTextEdit"), this))
    , m_raw(makeTextView(QStringLiteral("rawTextEdit"), this))
{
    m_summary->setObjectName(QStringLiteral("summaryLabel"));
    m_summary->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_summary->setWordWrap(true);
    m_tabs->setObjectName(QStringLiteral("detailTabWidget"));
    m_headers->setObjectName(QStringLiteral("headersTreeWidget"));
    m_headers->setHeaderLabels({tr("Name"), tr("Value")});
    m_headers->setRootIsDecorated(false);
    m_headers->setUniformRowHeights(true);
    m_headers->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_headers->header()->setSectionResizeMode(0, QHeaderView::ResizeToContents);
    m_tabs->addTab(m_headers, tr("&Headers"));
    m_tabs->addTab(m_body, tr("&Body"));
    m_tabs->addTab(m_raw, tr("&Raw"));
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 4, 0, 0);
    layout->addWidget(m_summary);
    layout->addWidget(m_tabs, 1);
    showNothing();
}

void CaptureDetailView::showNothing()
{
    m_summary->setText(tr("Select a capture to see its headers and body."));
    m_headers->clear();
    m_body->clear();
    m_raw->clear();
}

bool CaptureDetailView::isDisplayableText(const QByteArray& bytes)
{
    if (bytes.contains('\0'))
        return false;
    QStringDecoder decoder(QStringDecoder::Utf8, QStringDecoder::Flag::Stateless);
    const QString text = decoder.decode(bytes);
    return !decoder.hasError();
}

QString CaptureDetailView::hexDump(const QByteArray& bytes, qsizetype limit)
{
    const qsizetype shown = qMin(bytes.size(), limit);
    QString out;
    out.reserve(shown * 4 + 64);
    for (qsizetype offset = 0; offset < shown; offset += 16) {
        out += QStringLiteral("%1  ").arg(offset, 8, 16, QLatin1Char('0'));
        QString ascii;
        for (qsizetype i = 0; i < 16; ++i) {
            if (offset + i < shown) {
                const auto byte = uchar(bytes.at(offset + i));
                out += QStringLiteral("%1 ").arg(byte, 2, 16, QLatin1Char('0'));
                ascii += byte >= 0x20 && byte < 0x7f ? QLatin1Char(char(byte)) : QLatin1Char('.');
            } else {
                out += QStringLiteral("   ");
            }
            if (i == 7)
                out += QLatin1Char(' ');
        }
        out += QLatin1Char(' ') + ascii + QLatin1Char('\n');
    }
    return out;
}

void CaptureDetailView::showCapture(const Capture& capture)
{
    QString summary
        = QStringLiteral("<b>%1</b> %2 %3 &nbsp;·&nbsp; from %4:%5 &nbsp;·&nbsp; %6 body &nbsp;·&nbsp; ")
              .arg(QString::fromUtf8(capture.method).toHtmlEscaped(), QString::fromUtf8(capture.target).toHtmlEscaped(),
                   QString::fromLatin1(capture.httpVersion).toHtmlEscaped(), capture.peerAddress)
              .arg(capture.peerPort)
              .arg(byteSize(capture.body.size()));
    summary += capture.responseStatus ? tr("answered %1").arg(capture.responseStatus) : tr("not answered");
    if (capture.isMalformed())
        summary += QStringLiteral("<br><span style='color:#b00020'>%1</span>")
                       .arg(tr("Malformed: %1").arg(capture.malformedReason.toHtmlEscaped()));
    summary += QStringLiteral("<br><span style='color:palette(mid)'>sha256 %1</span>")
                   .arg(QString::fromLatin1(capture.bodySha256Hex()));
    m_summary->setText(summary);

    m_headers->clear();
    QList<QTreeWidgetItem*> items;
    for (const HttpHeader& header : capture.headers)
        items.append(new QTreeWidgetItem({QString::fromUtf8(header.first), QString::fromUtf8(header.second)}));
    for (const HttpHeader& trailer : capture.trailers) {
        auto* item = new QTreeWidgetItem({QString::fromUtf8(trailer.first), QString::fromUtf8(trailer.second)});
        item->setToolTip(0, tr("Trailer (sent after a chunked body)"));
        items.append(item);
    }
    m_headers->addTopLevelItems(items);

    if (capture.body.isEmpty()) {
        m_body->setPlainText(QString());
        m_body->setPlaceholderText(tr("No body"));
    } else if (isDisplayableText(capture.body)) {
        QString text = QString::fromUtf8(capture.body.left(displayLimit));
        if (capture.body.size() > displayLimit)
            text += tr("\n\n[showing the first %1 of %2]").arg(byteSize(displayLimit), byteSize(capture.body.size()));
        m_body->setPlainText(text);
    } else {
        const qsizetype hexLimit = 256 * 1024;
        QString text = tr("Binary body, %1, shown as hex:\n\n").arg(byteSize(capture.body.size()));
        text += hexDump(capture.body, hexLimit);
        if (capture.body.size() > hexLimit)
            text += tr("\n[showing the first %1]").arg(byteSize(hexLimit));
        m_body->setPlainText(text);
    }
    m_raw->setPlainText(visibleText(capture.rawHead));
}

void CaptureDetailView::addTab(QWidget* page, const QString& title)
{
    m_tabs->addTab(page, title);
}

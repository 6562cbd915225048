// SPDX-License-Identifier: MIT
#include "detail/CaptureDetailView.h"

#include <QLabel>
#include <QPlainTextEdit>
#include <QTabWidget>
#include <QVBoxLayout>

#include "core/ByteSize.h"
#include "detail/BodyView.h"
#include "detail/HeadersView.h"
#include "detail/JsonTreeView.h"
#include "detail/OverviewView.h"
#include "widgets/ReadOnlyViews.h"

CaptureDetailView::CaptureDetailView(QWidget* parent)
    : QWidget(parent)
    , m_summary(ReadOnlyViews::plainLabel(QStringLiteral("summaryLabel"), this))
    , m_tabs(new QTabWidget(this))
    , m_overview(new OverviewView(this))
    , m_headers(new HeadersView(this))
    , m_body(new BodyView(this))
    , m_json(new JsonTreeView(this))
    , m_raw(ReadOnlyViews::fixedText(QStringLiteral("rawTextEdit"), this))
{
    m_raw->setAccessibleName(tr("Raw request head"));
    m_tabs->setObjectName(QStringLiteral("detailTabWidget"));
    m_tabs->setAccessibleName(tr("Capture details"));
    m_tabs->addTab(m_overview, tr("&Overview"));
    m_tabs->addTab(m_headers, tr("&Headers"));
    m_tabs->addTab(m_body, tr("&Body"));
    m_tabs->addTab(m_json, tr("&JSON"));
    m_tabs->addTab(m_raw, tr("Ra&w"));
    m_tabs->setCurrentWidget(m_headers);
    // The tree is built when its tab is looked at, not for every capture selected.
    connect(m_tabs, &QTabWidget::currentChanged, this, [this] {
        if (m_tabs->currentWidget() == m_json)
            showJson();
    });
    connect(m_body, &BodyView::saveRequested, this, [this] { Q_EMIT saveBodyRequested(m_capture); });
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 4, 0, 0);
    layout->addWidget(m_summary);
    layout->addWidget(m_tabs, 1);
    showNothing();
}

void CaptureDetailView::showNothing()
{
    m_capture = {};
    m_summary->setText(tr("Select a capture to see its headers and body."));
    m_overview->clear();
    m_headers->clear();
    m_body->clear();
    m_json->clear();
    m_jsonShown = true;
    m_raw->clear();
}

QString CaptureDetailView::visibleText(const QByteArray& bytes)
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

void CaptureDetailView::showCapture(const Capture& capture)
{
    m_capture = capture;
    const QString method = capture.method.isEmpty() ? QStringLiteral("?") : QString::fromUtf8(capture.method);
    QString summary
        = tr("#%1  %2 %3  ·  from %4  ·  %5 body  ·  ")
              .arg(capture.id)
              .arg(method, QString::fromUtf8(capture.target), capture.peerAddress, ByteSize::text(capture.body.size()));
    summary += capture.responseStatus ? tr("answered %1").arg(capture.responseStatus) : tr("not answered");
    if (capture.isMalformed())
        summary += tr("  ·  malformed: %1").arg(capture.malformedReason);
    m_summary->setText(summary);
    m_overview->showCapture(capture);
    m_headers->showHeaders(capture.headers, capture.trailers);
    m_body->showBody(capture.body);
    m_jsonShown = false;
    if (m_tabs->currentWidget() == m_json)
        showJson();
    m_raw->setPlainText(visibleText(capture.rawHead));
}

void CaptureDetailView::showJson()
{
    if (m_jsonShown)
        return;
    m_jsonShown = true;
    m_json->showBody(m_capture.body);
}

void CaptureDetailView::addTab(QWidget* page, const QString& title)
{
    m_tabs->addTab(page, title);
}

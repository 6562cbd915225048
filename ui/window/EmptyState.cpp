// SPDX-License-Identifier: MIT
#include "window/EmptyState.h"

#include <QApplication>
#include <QClipboard>
#include <QFontDatabase>
#include <QGridLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QToolButton>

namespace {
QLineEdit* copyableField(const QString& name, QWidget* parent)
{
    auto* field = new QLineEdit(parent);
    field->setObjectName(name);
    field->setReadOnly(true);
    field->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    return field;
}
} // namespace

EmptyState::EmptyState(QWidget* parent)
    : QFrame(parent)
    , m_title(new QLabel(this))
    , m_url(copyableField(QStringLiteral("emptyUrlLineEdit"), this))
    , m_curl(copyableField(QStringLiteral("emptyCurlLineEdit"), this))
    , m_send(new QPushButton(tr("Send &Test Delivery"), this))
{
    setObjectName(QStringLiteral("emptyState"));
    setFrameShape(QFrame::StyledPanel);
    setAutoFillBackground(true);
    setBackgroundRole(QPalette::Base);
    m_title->setObjectName(QStringLiteral("emptyTitleLabel"));
    QFont big = m_title->font();
    big.setPointSizeF(big.pointSizeF() * 1.25);
    big.setBold(true);
    m_title->setFont(big);
    m_send->setObjectName(QStringLiteral("testDeliveryPushButton"));
    m_send->setToolTip(tr("Posts a Firm App sample, signed with the secret above, to this endpoint"));
    connect(m_send, &QPushButton::clicked, this, &EmptyState::testDeliveryRequested);

    auto* grid = new QGridLayout(this);
    grid->setContentsMargins(18, 14, 18, 14);
    grid->addWidget(m_title, 0, 0, 1, 3);
    auto addRow = [this, grid](int row, const QString& caption, QLineEdit* field) {
        auto* label = new QLabel(caption, this);
        label->setBuddy(field);
        auto* copy = new QToolButton(this);
        copy->setText(tr("Copy"));
        copy->setAccessibleName(tr("Copy %1").arg(caption));
        connect(copy, &QToolButton::clicked, field, [field] { QApplication::clipboard()->setText(field->text()); });
        grid->addWidget(label, row, 0);
        grid->addWidget(field, row, 1);
        grid->addWidget(copy, row, 2);
    };
    addRow(1, tr("1. Give your provider this URL:"), m_url);
    addRow(2, tr("2. Or send a delivery yourself:"), m_curl);
    auto* third = new QLabel(tr("3. Or see one arrive now, signed:"), this);
    grid->addWidget(third, 3, 0);
    grid->addWidget(m_send, 3, 1, Qt::AlignLeft);
    auto* hint = new QLabel(tr("Paste the webhook's secret above and every signature is checked as it arrives."), this);
    hint->setWordWrap(true);
    hint->setForegroundRole(QPalette::PlaceholderText);
    grid->addWidget(hint, 4, 0, 1, 3);
    grid->setColumnStretch(1, 1);
    setUrl(QString());
}

void EmptyState::setUrl(const QString& url)
{
    const bool listening = !url.isEmpty();
    m_title->setText(listening ? tr("Waiting for the first delivery") : tr("Not listening"));
    const QString target = listening ? url + QStringLiteral("hooks/firm-app") : QString();
    m_url->setText(target);
    m_url->setCursorPosition(0);
    m_curl->setText(listening
                        ? QStringLiteral("curl -H 'Content-Type: application/json' -d '{\"payload\":{\"events\":[]}}' ")
                            + target
                        : QString());
    m_curl->setCursorPosition(0);
    m_send->setEnabled(listening);
}

QString EmptyState::curlCommand() const
{
    return m_curl->text();
}

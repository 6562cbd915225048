// SPDX-License-Identifier: MIT
#include "widgets/MessageBar.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QToolButton>

MessageBar::MessageBar(QWidget* parent)
    : QFrame(parent)
    , m_label(new QLabel(this))
{
    setObjectName(QStringLiteral("messageBar"));
    m_label->setObjectName(QStringLiteral("messageLabel"));
    m_label->setWordWrap(true);
    m_label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    auto* close = new QToolButton(this);
    close->setObjectName(QStringLiteral("messageCloseToolButton"));
    close->setText(QStringLiteral("\u2715"));
    close->setAutoRaise(true);
    close->setToolTip(tr("Dismiss"));
    connect(close, &QToolButton::clicked, this, &QWidget::hide);
    auto* layout = new QHBoxLayout(this);
    layout->setContentsMargins(8, 4, 4, 4);
    layout->addWidget(m_label, 1);
    layout->addWidget(close);
    hide();
}

void MessageBar::showMessage(const QString& text, Kind kind)
{
    const char* style = kind == Kind::Error ? "background:#fde7e9; border:1px solid #e8a0a8; color:#5c0b14;"
        : kind == Kind::Warning             ? "background:#fff4ce; border:1px solid #e6c96b; color:#4d3b00;"
                                            : "background:#e8f1fb; border:1px solid #9cc0e8; color:#0b2a4d;";
    setStyleSheet(QStringLiteral("#messageBar { %1 border-radius:3px; }").arg(QLatin1String(style)));
    m_label->setText(text);
    show();
}

QString MessageBar::text() const
{
    return isHidden() ? QString() : m_label->text();
}

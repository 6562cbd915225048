// SPDX-License-Identifier: MIT
#include "widgets/MessageBar.h"

#include <QEvent>
#include <QGuiApplication>
#include <QHBoxLayout>
#include <QLabel>
#include <QToolButton>

#include "widgets/Theme.h"

MessageBar::MessageBar(QWidget* parent)
    : QFrame(parent)
    , m_label(new QLabel(this))
{
    setObjectName(QStringLiteral("messageBar"));
    m_label->setObjectName(QStringLiteral("messageLabel"));
    m_label->setWordWrap(true);
    m_label->setTextFormat(Qt::PlainText); // messages quote file names, paths and errors from outside
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
    m_kind = kind;
    applyKind();
    m_label->setText(text);
    show();
}

void MessageBar::applyKind()
{
    const Theme::Tone tone = m_kind == Kind::Error ? Theme::Tone::Bad
        : m_kind == Kind::Warning                  ? Theme::Tone::Warning
                                                   : Theme::Tone::Muted;
    const QPalette palette = QGuiApplication::palette();
    const QColor border
        = m_kind == Kind::Information ? palette.color(QPalette::Highlight) : Theme::color(tone, palette);
    const QColor fill
        = m_kind == Kind::Information ? palette.color(QPalette::AlternateBase) : Theme::background(tone, palette);
    setStyleSheet(QStringLiteral("#messageBar { background:%1; border:1px solid %2; border-radius:3px; }")
                      .arg(fill.name(), border.name()));
}

void MessageBar::changeEvent(QEvent* event)
{
    if (event->type() == QEvent::PaletteChange && !m_inPaletteChange) {
        m_inPaletteChange = true; // setting a style sheet itself changes the palette
        applyKind();
        m_inPaletteChange = false;
    }
    QFrame::changeEvent(event);
}

QString MessageBar::text() const
{
    return isHidden() ? QString() : m_label->text();
}

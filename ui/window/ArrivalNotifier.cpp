// SPDX-License-Identifier: MIT
#include "window/ArrivalNotifier.h"

#include <QAction>
#include <QApplication>
#include <QSystemTrayIcon>
#include <QTimer>
#include <QWidget>

#include "settings/Settings.h"

ArrivalNotifier::ArrivalNotifier(QWidget* window, Settings* settings, QObject* parent)
    : QObject(parent)
    , m_window(window)
    , m_settings(settings)
    , m_toggle(new QAction(tr("&Notify of New Captures in the Background"), this))
    , m_timer(new QTimer(this))
{
    m_toggle->setObjectName(QStringLiteral("notifyAction"));
    m_toggle->setCheckable(true);
    m_toggle->setChecked(settings ? settings->value(Settings::Key::NotifyInBackground).toBool()
                                  : Settings::defaultValue(Settings::Key::NotifyInBackground).toBool());
    connect(m_toggle, &QAction::toggled, this, [this](bool on) {
        if (m_settings)
            m_settings->setValue(Settings::Key::NotifyInBackground, on);
        if (!on) {
            m_timer->stop();
            m_pending = 0;
        }
    });
    m_timer->setSingleShot(true);
    m_timer->setInterval(defaultCoalesceMsecs);
    connect(m_timer, &QTimer::timeout, this, &ArrivalNotifier::flush);
    m_show = [this](const QString& title, const QString& text) {
        showDefault(title, text);
    };
}

void ArrivalNotifier::setCoalesceMsecs(int msecs)
{
    m_timer->setInterval(msecs);
}

bool ArrivalNotifier::isEnabled() const
{
    return m_toggle->isChecked();
}

void ArrivalNotifier::capturesArrived(const QList<Capture>& captures)
{
    if (captures.isEmpty() || !isEnabled() || m_window->isActiveWindow())
        return;
    if (m_pending == 0) {
        const Capture& first = captures.constFirst();
        m_first = QString::fromLatin1(first.method) + QLatin1Char(' ') + QString::fromUtf8(first.path());
    }
    m_pending += int(captures.size());
    if (!m_timer->isActive())
        m_timer->start();
}

void ArrivalNotifier::flush()
{
    if (m_pending == 0 || m_window->isActiveWindow()) {
        m_pending = 0;
        return;
    }
    const QString text = m_pending == 1 ? m_first : tr("%1 and %n more", nullptr, m_pending - 1).arg(m_first);
    m_show(tr("%n new capture(s)", nullptr, m_pending), text);
    m_pending = 0;
}

void ArrivalNotifier::showDefault(const QString& title, const QString& text)
{
    if (QSystemTrayIcon::isSystemTrayAvailable() && QSystemTrayIcon::supportsMessages()) {
        if (!m_tray) {
            m_tray = new QSystemTrayIcon(m_window->windowIcon(), this);
            m_tray->setToolTip(QStringLiteral("Hookbench"));
            connect(m_tray, &QSystemTrayIcon::messageClicked, m_window, [this] {
                m_window->showNormal();
                m_window->raise();
                m_window->activateWindow();
            });
        }
        m_tray->show();
        m_tray->showMessage(title, text, m_window->windowIcon());
        return;
    }
    QApplication::alert(m_window);
}

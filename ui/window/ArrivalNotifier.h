// SPDX-License-Identifier: MIT
#pragma once

#include <QObject>
#include <QString>
#include <functional>

#include "core/Capture.h"

class QAction;
class QSystemTrayIcon;
class QTimer;
class QWidget;
class Settings;

// A desktop notification for captures that arrive while the window is in the background (a setting, on by
// default). Arrivals within a few seconds share one notification; nothing is shown while the window is active.
// Shown through the system tray where there is one; elsewhere the window asks for attention (QApplication::alert).
class ArrivalNotifier final : public QObject
{
    Q_OBJECT

public:
    ArrivalNotifier(QWidget* window, Settings* settings, QObject* parent = nullptr);

    QAction* toggle() const { return m_toggle; } // View > Notify of New Captures
    bool isEnabled() const;
    void capturesArrived(const QList<Capture>& captures);

    // How a notification is shown (title, text); tests replace it.
    using Show = std::function<void(const QString& title, const QString& text)>;
    void setShow(Show show) { m_show = std::move(show); }
    static constexpr int defaultCoalesceMsecs = 3000;
    void setCoalesceMsecs(int msecs);

private:
    void flush();
    void showDefault(const QString& title, const QString& text);

    QWidget* m_window;
    Settings* m_settings;
    QAction* m_toggle;
    QTimer* m_timer;
    QSystemTrayIcon* m_tray = nullptr;
    Show m_show;
    int m_pending = 0;
    QString m_first; // "POST /hooks/firm" of the first capture waiting
};

// SPDX-License-Identifier: MIT
#pragma once

#include <QObject>

class CapturesPane;
class QUndoStack;
class SessionController;
class WindowActions;

// Delete Selected, Clear Session, and the window's undo history for them. The history belongs to the session
// shown: switching to another one drops it, and what it deleted is then removed for good.
class CaptureDeletion final : public QObject
{
    Q_OBJECT

public:
    CaptureDeletion(SessionController* controller, CapturesPane* captures, WindowActions* actions, QObject* parent);
    QUndoStack* history() const { return m_history; }

    void deleteSelected();
    void clearSession();

private:
    void updateActions();

    SessionController* m_controller;
    CapturesPane* m_captures;
    WindowActions* m_actions;
    QUndoStack* m_history;
    qint64 m_sessionId = 0;
};

// SPDX-License-Identifier: MIT
#pragma once

#include <QList>
#include <QPointer>
#include <QUndoCommand>
#include <memory>

#include "session/SessionController.h"

// Deleting captures (the selected ones, or the whole session's) as a step of the window's undo history.
// The store works in the background: an undo or redo asked for meanwhile runs when it is done. When the
// step leaves the history, the captures are removed for good.
class DeleteCapturesCommand final : public QUndoCommand
{
public:
    // No ids: every capture of the session shown (Clear Session).
    DeleteCapturesCommand(SessionController* controller, const QList<qint64>& ids, const QString& text);
    ~DeleteCapturesCommand() override;

    void redo() override;
    void undo() override;

private:
    enum class Want
    {
        Nothing,
        Undo,
        Redo
    };
    struct State
    {
        std::shared_ptr<SessionController::Deleted> deleted;
        bool busy = false;
        bool dropped = false; // the command is gone: purge when the store is done
        Want next = Want::Nothing;
    };
    static void runDelete(const QPointer<SessionController>& controller, const std::shared_ptr<State>& state,
                          const QList<qint64>& ids);
    static void runRestore(const QPointer<SessionController>& controller, const std::shared_ptr<State>& state);
    static void settle(const QPointer<SessionController>& controller, const std::shared_ptr<State>& state);

    QPointer<SessionController> m_controller;
    QList<qint64> m_ids;
    std::shared_ptr<State> m_state = std::make_shared<State>();
};

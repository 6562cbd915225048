// SPDX-License-Identifier: MIT
#include "window/DeleteCapturesCommand.h"

DeleteCapturesCommand::DeleteCapturesCommand(SessionController* controller, const QList<qint64>& ids,
                                             const QString& text)
    : QUndoCommand(text)
    , m_controller(controller)
    , m_ids(ids)
{ }

DeleteCapturesCommand::~DeleteCapturesCommand()
{
    m_state->dropped = true;
    if (!m_state->busy)
        settle(m_controller, m_state);
}

void DeleteCapturesCommand::redo()
{
    if (m_state->busy) {
        m_state->next = Want::Redo;
        return;
    }
    if (m_ids.isEmpty() && m_controller) {
        // Clear Session: the rows shown now; a redo later deletes the same ones.
        for (const CaptureSummary& row : m_controller->model()->summaries())
            m_ids.append(row.id);
    }
    runDelete(m_controller, m_state, m_ids);
}

void DeleteCapturesCommand::undo()
{
    if (m_state->busy) {
        m_state->next = Want::Undo;
        return;
    }
    runRestore(m_controller, m_state);
}

void DeleteCapturesCommand::runDelete(const QPointer<SessionController>& controller,
                                      const std::shared_ptr<State>& state, const QList<qint64>& ids)
{
    if (!controller)
        return;
    state->busy = true;
    controller->deleteCaptures(ids, [controller, state, ids](std::shared_ptr<SessionController::Deleted> deleted) {
        state->busy = false;
        state->deleted = std::move(deleted);
        if (std::exchange(state->next, Want::Nothing) == Want::Undo && !state->dropped)
            runRestore(controller, state);
        else
            settle(controller, state);
    });
}

void DeleteCapturesCommand::runRestore(const QPointer<SessionController>& controller,
                                       const std::shared_ptr<State>& state)
{
    if (!controller || !state->deleted)
        return;
    state->busy = true;
    controller->restoreCaptures(state->deleted, [controller, state](bool) {
        state->busy = false;
        if (std::exchange(state->next, Want::Nothing) == Want::Redo && !state->dropped && state->deleted) {
            QList<qint64> ids;
            for (const CaptureSummary& row : std::as_const(state->deleted->rows.rows))
                ids.append(row.id);
            runDelete(controller, state, ids);
        } else {
            settle(controller, state);
        }
    });
}

void DeleteCapturesCommand::settle(const QPointer<SessionController>& controller, const std::shared_ptr<State>& state)
{
    // Once the step has left the history, what it deleted can never come back.
    if (state->dropped && controller && state->deleted && state->deleted->trashId != 0)
        controller->purgeDeleted(std::exchange(state->deleted->trashId, 0));
}

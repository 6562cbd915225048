// SPDX-License-Identifier: MIT
#include "window/CaptureDeletion.h"

#include <QAction>
#include <QItemSelectionModel>
#include <QTableView>
#include <QUndoStack>

#include "session/CaptureTableModel.h"
#include "session/SessionController.h"
#include "window/CapturesPane.h"
#include "window/DeleteCapturesCommand.h"
#include "window/WindowActions.h"

CaptureDeletion::CaptureDeletion(SessionController* controller, CapturesPane* captures, WindowActions* actions,
                                 QObject* parent)
    : QObject(parent)
    , m_controller(controller)
    , m_captures(captures)
    , m_actions(actions)
    , m_history(new QUndoStack(this))
{
    m_history->setUndoLimit(50);
    connect(actions->undo, &QAction::triggered, m_history, &QUndoStack::undo);
    connect(actions->redo, &QAction::triggered, m_history, &QUndoStack::redo);
    connect(actions->deleteSelected, &QAction::triggered, this, &CaptureDeletion::deleteSelected);
    connect(actions->clearSession, &QAction::triggered, this, &CaptureDeletion::clearSession);
    connect(m_history, &QUndoStack::indexChanged, this, &CaptureDeletion::updateActions);
    connect(m_history, &QUndoStack::cleanChanged, this, &CaptureDeletion::updateActions);
    connect(captures->table()->selectionModel(), &QItemSelectionModel::selectionChanged, this,
            &CaptureDeletion::updateActions);
    connect(controller->model(), &QAbstractItemModel::rowsInserted, this, &CaptureDeletion::updateActions);
    connect(controller->model(), &QAbstractItemModel::rowsRemoved, this, &CaptureDeletion::updateActions);
    connect(controller->model(), &QAbstractItemModel::modelReset, this, &CaptureDeletion::updateActions);
    connect(controller, &SessionController::sessionShown, this, [this](qint64 sessionId) {
        if (sessionId != m_sessionId)
            m_history->clear();
        m_sessionId = sessionId;
        updateActions();
    });
    captures->table()->addAction(actions->deleteSelected);
    updateActions();
}

void CaptureDeletion::deleteSelected()
{
    const QList<qint64> ids = m_captures->selectedIds();
    if (ids.isEmpty())
        return;
    m_history->push(new DeleteCapturesCommand(m_controller, ids, tr("Delete %n Capture(s)", nullptr, int(ids.size()))));
}

void CaptureDeletion::clearSession()
{
    if (m_controller->model()->rowCount() == 0)
        return;
    m_history->push(new DeleteCapturesCommand(m_controller, {}, tr("Clear Session")));
}

void CaptureDeletion::updateActions()
{
    m_actions->undo->setEnabled(m_history->canUndo());
    m_actions->undo->setText(m_history->canUndo() ? tr("&Undo %1").arg(m_history->undoText()) : tr("&Undo"));
    m_actions->redo->setEnabled(m_history->canRedo());
    m_actions->redo->setText(m_history->canRedo() ? tr("&Redo %1").arg(m_history->redoText()) : tr("&Redo"));
    m_actions->deleteSelected->setEnabled(m_captures->table()->selectionModel()->hasSelection());
    m_actions->clearSession->setEnabled(m_controller->model()->rowCount() > 0);
}

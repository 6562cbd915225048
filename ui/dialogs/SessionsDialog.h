// SPDX-License-Identifier: MIT
#pragma once

#include <QDialog>
#include <memory>

#include "store/SessionStore.h"

namespace Ui {
class SessionsDialog;
}

class MessageBar;
class QAction;
class QTreeWidgetItem;

// File > Sessions: the sessions in the store, newest first, with their dates, capture counts and sizes, and the
// store's budget. Opens, renames and deletes them; the current session is marked and cannot be deleted.
// Works on the caller's store connection (the window's reader) on the caller's thread.
class SessionsDialog final : public QDialog
{
    Q_OBJECT

public:
    enum Column
    {
        NameColumn,
        CreatedColumn,
        LastCaptureColumn,
        CapturesColumn,
        SizeColumn,
    };
    enum Role
    {
        SessionIdRole = Qt::UserRole, // qint64, on every column
        CurrentRole, // bool: the session capturing now
    };
    enum class Confirmation
    {
        Ask,
        Delete,
        Keep,
    };

    SessionsDialog(SessionStore* store, qint64 currentSessionId, const StoreBudget& budget, QWidget* parent = nullptr);
    ~SessionsDialog() override;

    // Reads the sessions again, keeping the selection when the session still exists.
    void refresh();
    qint64 selectedSessionId() const;
    void selectSession(qint64 sessionId);

    // Answers the next delete confirmation without asking (for tests); used once, then back to Ask.
    static void setNextConfirmation(Confirmation answer);

Q_SIGNALS:
    // The user chose a session to show; the dialog closes (accepted). Never the current session.
    void openRequested(qint64 sessionId);
    void sessionDeleted(qint64 sessionId);
    void sessionRenamed(qint64 sessionId, const QString& name);

private:
    void openSelected();
    void renameSelected();
    void deleteSelected();
    void onItemChanged(QTreeWidgetItem* item, int column);
    void updateActions();
    void updateBudget();
    bool confirmDelete(const SessionInfo& info);
    const SessionInfo* sessionInfo(qint64 sessionId) const;
    QTreeWidgetItem* itemFor(qint64 sessionId) const;

    std::unique_ptr<Ui::SessionsDialog> m_ui;
    SessionStore* m_store;
    qint64 m_currentSessionId;
    bool m_deleting = false; // a deletion runs on its thread
    StoreBudget m_budget;
    QList<SessionInfo> m_sessions;
    MessageBar* m_messageBar;
    QAction* m_openAction;
    QAction* m_renameAction;
    QAction* m_deleteAction;
    bool m_filling = false;
};

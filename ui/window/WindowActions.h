// SPDX-License-Identifier: MIT
#pragma once

#include <QObject>

class QAction;
class QMenu;
class QMenuBar;
class QWidget;

// Every command of the main window as a QAction with its shortcut and objectName, and the menus that
// carry them. The window connects what they do; tests find them by name.
class WindowActions final : public QObject
{
    Q_OBJECT

public:
    explicit WindowActions(QWidget* window);

    // Builds File, Edit, Endpoint, View and Help; `fileExtras` go after Sessions (settings toggles).
    void populate(QMenuBar* bar, const QList<QAction*>& fileExtras, const QList<QAction*>& viewExtras = {});
    QList<QAction*> fileActions() const; // disabled while a file operation runs

    QAction* newSession;
    QAction* open;
    QMenu* recentMenu = nullptr;
    QAction* importFile;
    QAction* save;
    QAction* saveAs;
    QAction* exportSelected;
    QAction* sessions;
    QAction* quit;
    QAction* undo;
    QAction* redo;
    QAction* deleteSelected;
    QAction* clearSession;
    QAction* copyAsCurl;
    QAction* focusSecret;
    QAction* copyUrl;
    QAction* filter;
    QAction* responseRules;
    QAction* endpointSettings;
    QAction* testDelivery;
    QAction* startStopEndpoint;
    QAction* follow;
    QAction* schemas;
    QAction* compare;
    QAction* about;

private:
    QAction* make(const QString& text, const char* name, const QKeySequence& shortcut);
    QWidget* m_window;
};

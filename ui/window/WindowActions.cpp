// SPDX-License-Identifier: MIT
#include "window/WindowActions.h"

#include <QAction>
#include <QMenuBar>
#include <QWidget>

WindowActions::WindowActions(QWidget* window)
    : QObject(window)
    , m_window(window)
{
    newSession = make(tr("&New Session"), "newSessionAction", QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_N));
    open = make(tr("&Open…"), "openAction", QKeySequence::Open);
    importFile = make(tr("&Import Into This Session…"), "importAction", QKeySequence(Qt::CTRL | Qt::Key_I));
    save = make(tr("&Save"), "saveAction", QKeySequence::Save);
    saveAs = make(tr("Save &As…"), "saveAsAction", QKeySequence::SaveAs);
    exportSelected = make(tr("&Export Selected…"), "exportSelectedAction", QKeySequence(Qt::CTRL | Qt::Key_E));
    sessions = make(tr("Sess&ions…"), "sessionsAction", QKeySequence(Qt::CTRL | Qt::Key_K));
    quit = make(tr("&Quit"), "quitAction", QKeySequence::Quit);
    undo = make(tr("&Undo"), "undoAction", QKeySequence::Undo);
    redo = make(tr("&Redo"), "redoAction", QKeySequence::Redo);
    deleteSelected = make(tr("&Delete Selected"), "deleteSelectedAction", QKeySequence::Delete);
    clearSession
        = make(tr("C&lear Session"), "clearSessionAction", QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_Delete));
    copyAsCurl = make(tr("Copy as &curl"), "copyAsCurlAction", QKeySequence(Qt::CTRL | Qt::ALT | Qt::Key_C));
    focusSecret = make(tr("Signing &Secret"), "focusSecretAction", QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_K));
    copyUrl = make(tr("Copy Endpoint &URL"), "copyUrlAction", QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_C));
    filter = make(tr("&Filter Captures"), "filterAction", QKeySequence::Find);
    responseRules = make(tr("&Response Rules…"), "responseRulesAction", QKeySequence(Qt::CTRL | Qt::Key_R));
    endpointSettings
        = make(tr("Endpoint &Settings…"), "endpointSettingsAction", QKeySequence(Qt::CTRL | Qt::Key_Comma));
    testDelivery = make(tr("Send &Test Delivery"), "testDeliveryAction", QKeySequence(Qt::CTRL | Qt::Key_T));
    startStopEndpoint = make(tr("&Stop Listening"), "startStopEndpointAction", QKeySequence(Qt::CTRL | Qt::Key_P));
    follow = make(tr("&Follow New Captures"), "followAction", QKeySequence(Qt::CTRL | Qt::Key_L));
    follow->setCheckable(true);
    follow->setChecked(true);
    schemas = make(tr("S&chemas…"), "schemasAction", QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_M));
    compare = make(tr("Co&mpare Selected"), "compareAction", QKeySequence(Qt::CTRL | Qt::Key_D));
    about = make(tr("&About Hookbench"), "aboutAction", QKeySequence());
}

QAction* WindowActions::make(const QString& text, const char* name, const QKeySequence& shortcut)
{
    auto* action = new QAction(text, m_window);
    action->setObjectName(QLatin1String(name));
    action->setShortcut(shortcut);
    // Shortcuts work wherever the focus is in the window, menus open or not.
    m_window->addAction(action);
    return action;
}

void WindowActions::populate(QMenuBar* bar, const QList<QAction*>& fileExtras, const QList<QAction*>& viewExtras)
{
    QMenu* file = bar->addMenu(tr("&File"));
    file->addAction(newSession);
    file->addAction(open);
    recentMenu = file->addMenu(tr("Open &Recent"));
    recentMenu->setObjectName(QStringLiteral("recentMenu"));
    file->addAction(importFile);
    file->addSeparator();
    file->addAction(save);
    file->addAction(saveAs);
    file->addAction(exportSelected);
    file->addSeparator();
    file->addAction(sessions);
    file->addActions(fileExtras);
    file->addSeparator();
    file->addAction(quit);

    QMenu* edit = bar->addMenu(tr("&Edit"));
    edit->addAction(undo);
    edit->addAction(redo);
    edit->addSeparator();
    edit->addAction(deleteSelected);
    edit->addAction(clearSession);
    edit->addSeparator();
    edit->addAction(copyAsCurl);
    edit->addAction(focusSecret);
    edit->addAction(copyUrl);
    edit->addAction(filter);

    QMenu* endpoint = bar->addMenu(tr("E&ndpoint"));
    endpoint->addAction(startStopEndpoint);
    endpoint->addAction(responseRules);
    endpoint->addAction(endpointSettings);
    endpoint->addSeparator();
    endpoint->addAction(testDelivery);

    QMenu* view = bar->addMenu(tr("&View"));
    view->addAction(follow);
    view->addActions(viewExtras);
    view->addSeparator();
    view->addAction(schemas);
    view->addAction(compare);

    QMenu* help = bar->addMenu(tr("&Help"));
    help->addAction(about);
}

QList<QAction*> WindowActions::fileActions() const
{
    return {newSession, open, importFile, save, saveAs, exportSelected, sessions};
}

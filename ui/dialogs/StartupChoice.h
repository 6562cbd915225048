// SPDX-License-Identifier: MIT
#pragma once

#include <QString>

class QAction;
class QObject;
class Settings;
struct PruneResult;

// How the window starts: it never asks in a modal question. It continues the latest session or starts a new one
// as the ContinueLastSession setting says (the command line's --new-session overrides it once), and the File
// menu carries the setting as a checkable action.
namespace StartupChoice {

// Whether this start continues the latest session.
bool continueLastSession(const Settings& settings, bool newSessionRequested);

// A checkable "Continue Last Session at Start" action that writes the setting when toggled and follows it when
// it changes elsewhere. objectName: continueLastSessionAction.
QAction* createContinueLastSessionAction(Settings* settings, QObject* parent);

// What the window tells the user (in its message bar) after pruning the store; empty when nothing was removed.
QString pruneMessage(const PruneResult& result);

} // namespace StartupChoice

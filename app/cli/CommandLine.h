// SPDX-License-Identifier: MIT
#pragma once

#include <QString>

// True when the arguments name a headless command (listen, verify, show, ...) or ask for help/version.
bool isHeadlessCommand(int argc, char** argv);

// Runs a headless command and returns the process exit code.
int runCommand(int argc, char** argv);

// The text `hookbench --help` prints, shared by the window's own parser.
QString usageText();

// SPDX-License-Identifier: MIT
#pragma once

// Starts the window: parses the window's arguments, reads the settings, shows the main window.
int runWindow(int argc, char** argv);

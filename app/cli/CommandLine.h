// SPDX-License-Identifier: MIT
#pragma once

// Chooses the window or a headless command from the arguments and runs it.
int runHookbench(int argc, char** argv);

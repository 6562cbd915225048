// SPDX-License-Identifier: MIT
#include "cli/CommandLine.h"

#ifdef HOOKBENCH_WITH_GUI
#include "Application.h"
#endif

#include <cstdio>

int main(int argc, char** argv)
{
    if (isHeadlessCommand(argc, argv))
        return runCommand(argc, argv);
#ifdef HOOKBENCH_WITH_GUI
    return runWindow(argc, argv);
#else
    std::fputs("hookbench: built without the window; use `hookbench listen`.\n", stderr);
    std::fputs(usageText().toLocal8Bit().constData(), stderr);
    return 2;
#endif
}

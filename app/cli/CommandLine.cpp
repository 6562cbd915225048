// SPDX-License-Identifier: MIT
#include "cli/CommandLine.h"

int runHookbench(int, char**)
{
    return 0;
}

// SPDX-License-Identifier: MIT
#include "cli/CommandLine.h"
#include "core/Logging.h"

#ifdef HOOKBENCH_WITH_GUI
#include "Application.h"
#endif

#include <cstdio>

#include <sys/resource.h>

namespace {

// Each connection the endpoint holds is a file: use all the descriptors the system allows this process
// (the soft limit is often 1,024 while the hard limit is far higher).
void raiseFileLimit()
{
    struct rlimit limit = {};
    if (::getrlimit(RLIMIT_NOFILE, &limit) == 0 && limit.rlim_cur < limit.rlim_max) {
        limit.rlim_cur = limit.rlim_max;
        ::setrlimit(RLIMIT_NOFILE, &limit);
    }
}

} // namespace

int main(int argc, char** argv)
{
    raiseFileLimit();
    if (Logging::takeVerboseFlag(argc, argv))
        Logging::enableDebug();
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

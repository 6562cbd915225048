// SPDX-License-Identifier: MIT
#include "core/Logging.h"

#include <cstring>

Q_LOGGING_CATEGORY(lcHttp, "hookbench.http", QtInfoMsg)
Q_LOGGING_CATEGORY(lcStore, "hookbench.store", QtInfoMsg)
Q_LOGGING_CATEGORY(lcHar, "hookbench.har", QtInfoMsg)
Q_LOGGING_CATEGORY(lcSignature, "hookbench.signature", QtInfoMsg)
Q_LOGGING_CATEGORY(lcReplay, "hookbench.replay", QtInfoMsg)
Q_LOGGING_CATEGORY(lcSession, "hookbench.session", QtInfoMsg)
Q_LOGGING_CATEGORY(lcSettings, "hookbench.settings", QtInfoMsg)

namespace Logging {

void enableDebug()
{
    QLoggingCategory::setFilterRules(QStringLiteral("hookbench.*.debug=true"));
}

bool takeVerboseFlag(int& argc, char** argv)
{
    bool found = false;
    int kept = 0;
    for (int i = 0; i < argc; ++i) {
        if (i > 0 && std::strcmp(argv[i], "--verbose") == 0) {
            found = true;
            continue;
        }
        argv[kept++] = argv[i];
    }
    argc = kept;
    argv[argc] = nullptr;
    return found;
}

} // namespace Logging

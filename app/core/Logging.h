// SPDX-License-Identifier: MIT
#pragma once

#include <QLoggingCategory>

// One category per area. Warnings (a failure handled without the user seeing it) are on by default; debug
// output is off unless `--verbose` or QT_LOGGING_RULES turns it on (Logging::enableDebug). Nothing logged
// carries a secret, a signature's expected value or a body: ids, sizes, statuses and reasons only.
Q_DECLARE_LOGGING_CATEGORY(lcHttp) // hookbench.http: connections, requests, commits of the endpoint
Q_DECLARE_LOGGING_CATEGORY(lcStore) // hookbench.store: the session database
Q_DECLARE_LOGGING_CATEGORY(lcHar) // hookbench.har: reading and writing HAR files
Q_DECLARE_LOGGING_CATEGORY(lcSignature) // hookbench.signature: schemes detected, statuses
Q_DECLARE_LOGGING_CATEGORY(lcReplay) // hookbench.replay: attempts sent and their answers
Q_DECLARE_LOGGING_CATEGORY(lcSession) // hookbench.session: the window's session controller
Q_DECLARE_LOGGING_CATEGORY(lcSettings) // hookbench.settings: values read and dropped

namespace Logging {
// Debug output for every hookbench category, on standard error.
void enableDebug();
// Takes `--verbose` out of argv (any command takes it) and returns whether it was there.
bool takeVerboseFlag(int& argc, char** argv);
} // namespace Logging

// SPDX-License-Identifier: MIT
#pragma once

#include <QStringList>

// `hookbench verify FILE.har (--secret-env VAR | --secret-file F) [--json]`: one line per capture;
// exit 0 when every signature is valid, 1 when any is not, 2 on a usage or file error.
int runVerify(const QStringList& arguments);

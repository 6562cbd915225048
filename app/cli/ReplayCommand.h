// SPDX-License-Identifier: MIT
#pragma once

#include <QStringList>

// hookbench replay FILE.har --to URL [...]: exit 0 when every target answer was 2xx, 1 when any was not,
// 2 on a usage or file error.
int runReplay(const QStringList& arguments);

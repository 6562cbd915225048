// SPDX-License-Identifier: MIT
#pragma once

#include <QStringList>

// `hookbench listen`: the endpoint without a window, one line per capture on standard output.
int runListen(const QStringList& arguments);

// SPDX-License-Identifier: MIT
#pragma once

#include <QStringList>

// `hookbench show FILE.har [--json]`: one line per capture, in the shape `listen` prints.
int runShow(const QStringList& arguments);

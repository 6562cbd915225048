// SPDX-License-Identifier: MIT
#pragma once

#include <QStringList>

// `hookbench show FILE.har [--events | --schemas] [--json]`: one line per capture, in the shape `listen` prints;
// or one per Firm App event (EventsOutput.h), or per schema.
int runShow(const QStringList& arguments);

// SPDX-License-Identifier: MIT
#pragma once

#include <QTemporaryDir>
#include <memory>

#include "settings/Settings.h"

// A typed Settings in the test's temporary folder, so that windows under test read and write real settings
// without touching the user's.
inline std::unique_ptr<Settings> testSettings(const QTemporaryDir& dir)
{
    return Settings::createTemporary(dir.filePath(QStringLiteral("settings.ini")));
}

// SPDX-License-Identifier: MIT
#pragma once

#include <QList>
#include <QString>

// The libraries Hookbench runs on, for the About dialog and bug reports.
struct LibraryVersion
{
    QString name;
    QString version;
};

namespace Versions {

// Qt, OpenSSL and SQLite as the loaded libraries report themselves (which can differ from the headers built
// against); llhttp as its headers say, since it has no run-time version call.
QList<LibraryVersion> libraries();

// "Qt 6.4.2, OpenSSL 3.0.11, llhttp 8.1.0, SQLite 3.40.1"
QString summary();

} // namespace Versions

// SPDX-License-Identifier: MIT
#pragma once

#include <QByteArray>
#include <QString>
#include <cstdio>

// Line output for the headless commands: each line is flushed at once, so pipes see it as it happens.
void printLine(std::FILE* stream, const QByteArray& line);
void printError(const QString& command, const QString& message);

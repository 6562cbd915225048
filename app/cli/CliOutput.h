// SPDX-License-Identifier: MIT
#pragma once

#include <QByteArray>
#include <QString>
#include <QStringList>
#include <cstdio>
#include <optional>

class QCommandLineParser;
struct HarLog;

// Line output for the headless commands: each line is flushed at once, so pipes see it as it happens.
void printLine(std::FILE* stream, const QByteArray& line);
void printError(const QString& command, const QString& message);
// A HAR file's problems, a line each ("PATH: problem" and the suffix), then how many more were only counted.
void printHarProblems(const QString& command, const QString& path, const HarLog& log,
                      const QString& suffix = QString());

// Parses a command's arguments. Returns the exit code when the command should stop here: 2 after a
// usage error (printed), 0 after --help (printed); nothing when it should go on.
std::optional<int> parseArguments(QCommandLineParser& parser, const QStringList& arguments, const QString& command,
                                  int positionalCount = -1);

// SPDX-License-Identifier: MIT
#include "cli/CliOutput.h"

void printLine(std::FILE* stream, const QByteArray& line)
{
    std::fwrite(line.constData(), 1, size_t(line.size()), stream);
    std::fputc('\n', stream);
    std::fflush(stream);
}

void printError(const QString& command, const QString& message)
{
    printLine(stderr, QByteArray("hookbench ") + command.toLocal8Bit() + ": " + message.toLocal8Bit());
}

// SPDX-License-Identifier: MIT
#include "widgets/LongLines.h"

QString LongLines::forDisplay(const QString& text, bool* broken)
{
    if (broken)
        *broken = false;
    qsizetype run = 0;
    qsizetype longest = 0;
    for (const QChar c : text) {
        run = c == QLatin1Char('\n') ? 0 : run + 1;
        longest = qMax(longest, run);
    }
    if (longest <= displayWidth)
        return text;
    if (broken)
        *broken = true;
    QString out;
    out.reserve(text.size() + text.size() / displayWidth + 1);
    run = 0;
    for (const QChar c : text) {
        if (c == QLatin1Char('\n')) {
            run = 0;
        } else if (run == displayWidth) {
            out += QLatin1Char('\n');
            run = 0;
        }
        if (c != QLatin1Char('\n'))
            ++run;
        out += c;
    }
    return out;
}

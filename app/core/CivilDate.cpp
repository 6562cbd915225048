// SPDX-License-Identifier: MIT
#include "core/CivilDate.h"

namespace {

void appendDigits(char*& p, qint64 value, int width)
{
    for (int i = width - 1; i >= 0; --i) {
        p[i] = char('0' + value % 10);
        value /= 10;
    }
    p += width;
}

} // namespace

bool CivilDate::writeIsoDateTime(qint64 ms, char* out)
{
    constexpr qint64 msPerDay = 86400000;
    const qint64 days = (ms >= 0 ? ms : ms - (msPerDay - 1)) / msPerDay;
    const qint64 msOfDay = ms - days * msPerDay;
    const CivilDate date = fromDays(days);
    if (date.year < 0 || date.year > 9999)
        return false;
    char* p = out;
    appendDigits(p, date.year, 4);
    *p++ = '-';
    appendDigits(p, date.month, 2);
    *p++ = '-';
    appendDigits(p, date.day, 2);
    *p++ = 'T';
    appendDigits(p, msOfDay / 3600000, 2);
    *p++ = ':';
    appendDigits(p, msOfDay / 60000 % 60, 2);
    *p++ = ':';
    appendDigits(p, msOfDay / 1000 % 60, 2);
    *p++ = '.';
    appendDigits(p, msOfDay % 1000, 3);
    *p++ = 'Z';
    return true;
}

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

CivilDate CivilDate::fromDays(qint64 days)
{
    days += 719468;
    const qint64 era = (days >= 0 ? days : days - 146096) / 146097;
    const qint64 dayOfEra = days - era * 146097;
    const qint64 yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36524 - dayOfEra / 146096) / 365;
    const qint64 dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100);
    const qint64 mp = (5 * dayOfYear + 2) / 153;
    CivilDate date;
    date.day = int(dayOfYear - (153 * mp + 2) / 5 + 1);
    date.month = int(mp < 10 ? mp + 3 : mp - 9);
    date.year = yearOfEra + era * 400 + (date.month <= 2 ? 1 : 0);
    return date;
}

qint64 CivilDate::days() const
{
    const qint64 y = year - (month <= 2 ? 1 : 0);
    const qint64 era = (y >= 0 ? y : y - 399) / 400;
    const qint64 yearOfEra = y - era * 400;
    const qint64 dayOfYear = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1;
    const qint64 dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear;
    return era * 146097 + dayOfEra - 719468;
}

QByteArray CivilDate::isoDateTime(qint64 ms)
{
    constexpr qint64 msPerDay = 86400000;
    const qint64 days = (ms >= 0 ? ms : ms - (msPerDay - 1)) / msPerDay;
    const qint64 msOfDay = ms - days * msPerDay;
    const CivilDate date = fromDays(days);
    if (date.year < 0 || date.year > 9999)
        return {};
    QByteArray out(24, Qt::Uninitialized);
    char* p = out.data();
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
    return out;
}

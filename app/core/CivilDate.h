// SPDX-License-Identifier: MIT
#pragma once

#include <QtGlobal>

// A proleptic Gregorian date (UTC) against its count of days since 1970-01-01, by Howard Hinnant's
// days_from_civil and civil_from_days: exact for every year, without QDate's range and validity checks. The
// conversions are inline: reading a HAR file or a session's Firm App events converts a date per entry or event.
struct CivilDate
{
    qint64 year = 1970;
    int month = 1; // 1 to 12
    int day = 1; // 1 to 31

    static constexpr CivilDate fromDays(qint64 days)
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

    constexpr qint64 days() const
    {
        const qint64 y = year - (month <= 2 ? 1 : 0);
        const qint64 era = (y >= 0 ? y : y - 399) / 400;
        const qint64 yearOfEra = y - era * 400;
        const qint64 dayOfYear = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1;
        const qint64 dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear;
        return era * 146097 + dayOfEra - 719468;
    }

    // Milliseconds since the epoch as ISO 8601 in UTC with milliseconds (2024-11-08T21:49:03.120Z, the form of
    // ECMAScript's toISOString), written to out[0..isoLength); false, with nothing written, for a year outside 0
    // to 9999, which that form cannot write.
    static constexpr int isoLength = 24;
    static bool writeIsoDateTime(qint64 ms, char* out);
};

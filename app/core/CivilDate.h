// SPDX-License-Identifier: MIT
#pragma once

#include <QByteArray>

// A proleptic Gregorian date (UTC) against its count of days since 1970-01-01, by Howard Hinnant's
// days_from_civil and civil_from_days: exact for every year, without QDate's range and validity checks.
struct CivilDate
{
    qint64 year = 1970;
    int month = 1; // 1 to 12
    int day = 1; // 1 to 31

    static CivilDate fromDays(qint64 days);
    qint64 days() const;

    // Milliseconds since the epoch as ISO 8601 in UTC with milliseconds (2024-11-08T21:49:03.120Z, the form of
    // ECMAScript's toISOString); empty for a year outside 0 to 9999, which that form cannot write.
    static QByteArray isoDateTime(qint64 ms);
};

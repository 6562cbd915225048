// SPDX-License-Identifier: MIT
// HarFormat's dates: ISO 8601 written and read without QDateTime's slower parsing.
#include <QTimeZone>
#include <charconv>
#include <cstring>

#include "core/CivilDate.h"
#include "har/HarFormat.h"

QByteArray HarFormat::isoDate(const QDateTime& time)
{
    char text[CivilDate::isoLength];
    if (!CivilDate::writeIsoDateTime(time.toMSecsSinceEpoch(), text))
        return time.toUTC().toString(Qt::ISODateWithMs).toLatin1();
    return QByteArray(text, CivilDate::isoLength);
}

QDateTime HarFormat::parseIsoDate(QByteArrayView text)
{
    // Fast path for YYYY-MM-DDTHH:MM:SS[.f+](Z|+HH:MM|+HHMM); everything else goes to Qt's parser.
    auto number = [&text](qsizetype at, qsizetype width, int& out) {
        if (at + width > text.size())
            return false;
        out = 0;
        for (qsizetype i = at; i < at + width; ++i) {
            if (text[i] < '0' || text[i] > '9')
                return false;
            out = out * 10 + (text[i] - '0');
        }
        return true;
    };
    int year = 0, month = 0, day = 0, hour = 0, minute = 0, second = 0;
    const bool shape = text.size() >= 20 && number(0, 4, year) && text[4] == '-' && number(5, 2, month)
        && text[7] == '-' && number(8, 2, day) && text[10] == 'T' && number(11, 2, hour) && text[13] == ':'
        && number(14, 2, minute) && text[16] == ':' && number(17, 2, second);
    if (shape && month >= 1 && month <= 12 && day >= 1 && day <= 31 && hour < 24 && minute < 60 && second < 60) {
        qsizetype pos = 19;
        int ms = 0;
        if (pos < text.size() && text[pos] == '.') {
            ++pos;
            int digits = 0;
            while (pos < text.size() && text[pos] >= '0' && text[pos] <= '9') {
                if (digits < 3)
                    ms = ms * 10 + (text[pos] - '0');
                ++digits;
                ++pos;
            }
            if (digits == 0)
                return {};
            for (int d = digits; d < 3; ++d)
                ms *= 10;
        }
        int offsetMinutes = 0;
        bool zone = false;
        if (pos + 1 == text.size() && text[pos] == 'Z') {
            zone = true;
        } else if (pos < text.size() && (text[pos] == '+' || text[pos] == '-')) {
            int offsetHours = 0;
            int offsetMins = 0;
            const bool colon = pos + 6 == text.size() && text[pos + 3] == ':';
            if ((colon && number(pos + 1, 2, offsetHours) && number(pos + 4, 2, offsetMins))
                || (pos + 5 == text.size() && number(pos + 1, 2, offsetHours) && number(pos + 3, 2, offsetMins))) {
                zone = offsetHours < 24 && offsetMins < 60;
                offsetMinutes = (offsetHours * 60 + offsetMins) * (text[pos] == '-' ? -1 : 1);
            }
        }
        const QDate date(year, month, day);
        if (zone && date.isValid()) {
            const qint64 days = CivilDate {year, month, day}.days();
            const qint64 msecs
                = days * 86400000 + ((hour * 60 + minute - offsetMinutes) * 60 + second) * qint64(1000) + ms;
            return QDateTime::fromMSecsSinceEpoch(msecs, Qt::UTC);
        }
    }
    const QString string = QString::fromLatin1(text);
    QDateTime time = QDateTime::fromString(string, Qt::ISODateWithMs);
    if (!time.isValid())
        time = QDateTime::fromString(string, Qt::ISODate);
    return time.isValid() ? time.toUTC() : time;
}

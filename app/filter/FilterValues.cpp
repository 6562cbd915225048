// SPDX-License-Identifier: MIT
#include "filter/FilterValues.h"

#include <QCoreApplication>
#include <cmath>

#include "filter/FilterSyntax.h"

namespace {

bool isDigit(QChar c)
{
    return c >= QLatin1Char('0') && c <= QLatin1Char('9');
}

// RFC 9110 tchar: what a method may be made of.
bool isTokenCharacter(QChar c)
{
    if (c.unicode() > 0x7E || c.unicode() <= 0x20)
        return false;
    return c.isLetterOrNumber() || QStringView(u"!#$%&'*+-.^_`|~").contains(c);
}

// Reads a leading comparison (>=, <=, >, <, =) and leaves the rest in `text`.
FilterCompare readCompare(QStringView& text)
{
    struct Prefix
    {
        const char16_t* text;
        FilterCompare compare;
    };
    for (const Prefix prefix : {Prefix {u">=", FilterCompare::GreaterOrEqual},
                                Prefix {u"<=", FilterCompare::LessOrEqual}, Prefix {u">", FilterCompare::Greater},
                                Prefix {u"<", FilterCompare::Less}, Prefix {u"=", FilterCompare::Equal}}) {
        const QStringView p(prefix.text);
        if (text.startsWith(p)) {
            text = text.sliced(p.size());
            return prefix.compare;
        }
    }
    return FilterCompare::Equal;
}

// Reads exactly `count` digits at `at`; -1 when they are not there.
int digitsAt(QStringView text, qsizetype at, int count)
{
    if (at + count > text.size())
        return -1;
    int value = 0;
    for (int i = 0; i < count; ++i) {
        const QChar c = text.at(at + i);
        if (!isDigit(c))
            return -1;
        value = value * 10 + (c.unicode() - u'0');
    }
    return value;
}

bool readStatus(QStringView text, FilterTerm& term)
{
    term.compare = readCompare(text);
    if (text.size() == 3 && term.compare == FilterCompare::Equal && text.at(0) >= QLatin1Char('1')
        && text.at(0) <= QLatin1Char('9') && text.sliced(1).compare(u"xx", Qt::CaseInsensitive) == 0) {
        term.statusClass = text.at(0).unicode() - u'0';
        return true;
    }
    if (text.isEmpty() || text.size() > 3)
        return false;
    const int code = digitsAt(text, 0, int(text.size()));
    term.number = code;
    return code >= 0;
}

bool readSize(QStringView text, FilterTerm& term)
{
    term.compare = readCompare(text);
    qsizetype i = 0;
    while (i < text.size() && isDigit(text.at(i)))
        ++i;
    const qsizetype integerDigits = i;
    if (integerDigits == 0 || integerDigits > 15)
        return false;
    if (i < text.size() && text.at(i) == QLatin1Char('.')) {
        const qsizetype fractionStart = ++i;
        while (i < text.size() && isDigit(text.at(i)))
            ++i;
        if (i == fractionStart || i - fractionStart > 6)
            return false;
    }
    const double amount = text.first(i).toDouble();
    const QStringView unit = text.sliced(i);
    struct Unit
    {
        const char16_t* names[3];
        double factor;
    };
    for (const Unit& candidate :
         {Unit {{u"", u"b", u"b"}, 1.0}, Unit {{u"k", u"kb", u"kib"}, 1024.0}, Unit {{u"m", u"mb", u"mib"}, 1048576.0},
          Unit {{u"g", u"gb", u"gib"}, 1073741824.0}}) {
        for (const char16_t* name : candidate.names) {
            if (unit.compare(QStringView(name), Qt::CaseInsensitive) != 0)
                continue;
            const double bytes = std::round(amount * candidate.factor);
            // Beyond 2^53 bytes nothing can be that big, and doubles stop being exact.
            if (bytes > 9007199254740992.0)
                return false;
            term.number = qint64(bytes);
            return true;
        }
    }
    return false;
}

std::optional<FilterTime> readAbsolute(QStringView text)
{
    FilterTime time;
    const int year = digitsAt(text, 0, 4);
    const int month = digitsAt(text, 5, 2);
    const int day = digitsAt(text, 8, 2);
    if (year < 1 || month < 0 || day < 0 || text.at(4) != QLatin1Char('-') || text.at(7) != QLatin1Char('-'))
        return std::nullopt;
    time.date = QDate(year, month, day);
    if (!time.date.isValid())
        return std::nullopt;
    if (text.size() == 10)
        return time;
    const QChar separator = text.at(10);
    if (separator != QLatin1Char('T') && separator != QLatin1Char('t') && separator != QLatin1Char(' '))
        return std::nullopt;
    qsizetype i = 11;
    const int hour = digitsAt(text, i, 2);
    const int minute = i + 2 < text.size() && text.at(i + 2) == QLatin1Char(':') ? digitsAt(text, i + 3, 2) : -1;
    if (hour < 0 || hour > 23 || minute < 0 || minute > 59)
        return std::nullopt;
    i += 5;
    int second = 0;
    int millisecond = 0;
    if (i < text.size() && text.at(i) == QLatin1Char(':')) {
        second = digitsAt(text, i + 1, 2);
        if (second < 0 || second > 59)
            return std::nullopt;
        i += 3;
        if (i < text.size() && (text.at(i) == QLatin1Char('.') || text.at(i) == QLatin1Char(','))) {
            const qsizetype start = ++i;
            while (i < text.size() && isDigit(text.at(i)))
                ++i;
            if (i == start || i - start > 9)
                return std::nullopt;
            // Milliseconds are what the store keeps; finer digits are dropped.
            const QString digits = QString(text.sliced(start, i - start) + QStringLiteral("00")).left(3);
            millisecond = digits.toInt();
        }
    }
    time.time = QTime(hour, minute, second, millisecond);
    if (i == text.size())
        return time;
    const QChar zone = text.at(i);
    if ((zone == QLatin1Char('Z') || zone == QLatin1Char('z')) && i + 1 == text.size()) {
        time.offsetSeconds = 0;
        return time;
    }
    if (zone != QLatin1Char('+') && zone != QLatin1Char('-'))
        return std::nullopt;
    const int offsetHours = digitsAt(text, i + 1, 2);
    int offsetMinutes = 0;
    qsizetype end = i + 3;
    if (end < text.size()) {
        if (text.at(end) == QLatin1Char(':'))
            ++end;
        offsetMinutes = digitsAt(text, end, 2);
        end += 2;
    }
    if (offsetHours < 0 || offsetHours > 23 || offsetMinutes < 0 || offsetMinutes > 59 || end != text.size())
        return std::nullopt;
    time.offsetSeconds = (zone == QLatin1Char('-') ? -1 : 1) * (offsetHours * 3600 + offsetMinutes * 60);
    return time;
}

QString unknownKeyMessage(const QString& key)
{
    const QString nearest = FilterKeys::nearest(key);
    QString message = QCoreApplication::translate("FilterValues", "unknown key %1:").arg(key);
    if (!nearest.isEmpty())
        message += QCoreApplication::translate("FilterValues", "; did you mean %1:?").arg(nearest);
    else {
        QStringList names;
        for (const FilterKeyInfo& info : FilterKeys::all())
            names.append(info.name);
        message
            += QCoreApplication::translate("FilterValues", "; the keys are %1").arg(names.join(QStringLiteral(", ")));
    }
    return message
        + QCoreApplication::translate("FilterValues", " (to search for text with a colon, put it in quotes)");
}

QString schemeValuesMessage()
{
    QStringList names;
    for (const SignatureScheme scheme : SignatureSchemes::all())
        names.append(SignatureSchemes::name(scheme));
    return QCoreApplication::translate("FilterValues", "scheme: expects %1 or none")
        .arg(names.join(QStringLiteral(", ")));
}

} // namespace

std::optional<FilterTime> FilterValues::readTime(QStringView text)
{
    FilterTime time;
    if (text.compare(u"today", Qt::CaseInsensitive) == 0) {
        time.kind = FilterTime::Kind::Today;
        return time;
    }
    if (text.compare(u"yesterday", Qt::CaseInsensitive) == 0) {
        time.kind = FilterTime::Kind::Yesterday;
        return time;
    }
    if (text.size() >= 3 && text.size() <= 8 && text.front() == QLatin1Char('-')) {
        const QChar unit = text.back().toLower();
        const int amount = digitsAt(text, 1, int(text.size()) - 2);
        if (amount < 0 || !QStringView(u"smhdw").contains(unit))
            return std::nullopt;
        time.kind = FilterTime::Kind::Relative;
        time.amount = amount;
        time.unit = char(unit.unicode());
        return time;
    }
    if (text.size() < 10)
        return std::nullopt;
    return readAbsolute(text);
}

std::optional<FilterError> FilterValues::read(const FilterToken& word, FilterTerm& term)
{
    term.start = word.start;
    term.length = word.length;
    term.value = word.value;
    const auto valueError = [&word](const QString& message) {
        return FilterError {word.valueStart, word.valueLength, message};
    };
    if (word.key.isEmpty()) {
        term.key = FilterKey::Text;
        if (term.value.isEmpty())
            return valueError(
                QCoreApplication::translate("FilterValues", "empty quotes: put the text to look for between them"));
        return std::nullopt;
    }
    const std::optional<FilterKey> key = FilterKeys::fromName(word.key);
    if (!key)
        return FilterError {word.start, word.key.size() + 1, unknownKeyMessage(word.key)};
    term.key = *key;
    const QString name = FilterKeys::name(term.key);
    if (term.value.isEmpty()) {
        // `status:` alone has no value span to point at; `status:""` has its quotes.
        const QString needsValue = QCoreApplication::translate("FilterValues", "%1: needs a value").arg(name);
        return word.valueLength > 0 ? valueError(needsValue) : FilterError {word.start, word.length, needsValue};
    }
    const QStringView value(term.value);
    switch (FilterKeys::valueForm(term.key)) {
    case FilterValueForm::Method:
        for (const QChar c : value) {
            if (!isTokenCharacter(c))
                return valueError(
                    QCoreApplication::translate("FilterValues", "method: expects an HTTP method such as POST"));
        }
        break;
    case FilterValueForm::Status:
        if (!readStatus(value, term))
            return valueError(
                QCoreApplication::translate("FilterValues", "status: expects 2xx, 404 or a comparison like >=400"));
        break;
    case FilterValueForm::Size:
        if (!readSize(value, term))
            return valueError(
                QCoreApplication::translate("FilterValues",
                                            "size: expects a size like >10k, <=2m or 512 (k, m, g: 1024 bytes, "
                                            "1024 k, 1024 m)"));
        break;
    case FilterValueForm::Signature: {
        const std::optional<FilterSignatureState> state = FilterSignature::stateFromName(value);
        if (!state)
            return valueError(
                QCoreApplication::translate("FilterValues", "sig: expects valid, invalid, missing or none"));
        term.signature = *state;
        break;
    }
    case FilterValueForm::Scheme:
        if (value.compare(u"none", Qt::CaseInsensitive) == 0)
            term.scheme = SignatureScheme::None;
        else if (!SignatureSchemes::fromName(value, &term.scheme))
            return valueError(schemeValuesMessage());
        break;
    case FilterValueForm::Header: {
        const qsizetype equals = value.indexOf(QLatin1Char('='));
        term.headerName = (equals < 0 ? value : value.first(equals)).toString();
        if (term.headerName.isEmpty())
            return valueError(QCoreApplication::translate("FilterValues", "header: expects a name, or name=value"));
        if (equals >= 0)
            term.headerValue = value.sliced(equals + 1).toString();
        break;
    }
    case FilterValueForm::Time: {
        const std::optional<FilterTime> time = readTime(value);
        if (!time)
            return valueError(
                QCoreApplication::translate("FilterValues",
                                            "%1: expects a date like 2024-11-08, a date and time like "
                                            "2024-11-08T21:49 (Z or +02:00 for a time zone), or -1h, -30m, "
                                            "-2d, today, yesterday")
                    .arg(name));
        term.time = *time;
        break;
    }
    case FilterValueForm::Text:
        break;
    }
    return std::nullopt;
}

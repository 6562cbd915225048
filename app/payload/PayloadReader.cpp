// SPDX-License-Identifier: MIT
#include "payload/PayloadReader.h"

#include <QCoreApplication>

#include "core/CivilDate.h"
#include "json/JsonReader.h"
#include "payload/JsonText.h"

namespace {

QString found(const JsonValue& value)
{
    switch (value.type()) {
    case JsonType::Null:
        return QCoreApplication::translate("PayloadReader", "null");
    case JsonType::True:
    case JsonType::False:
        return QCoreApplication::translate("PayloadReader", "a boolean");
    case JsonType::Number:
        return QCoreApplication::translate("PayloadReader", "a number");
    case JsonType::String:
        return QCoreApplication::translate("PayloadReader", "a string");
    case JsonType::Array:
        return QCoreApplication::translate("PayloadReader", "an array");
    case JsonType::Object:
        return QCoreApplication::translate("PayloadReader", "an object");
    }
    return {};
}

PayloadProblem wrongType(const QString& path, const char* expected, const JsonValue& value)
{
    return PayloadProblem {path,
                           QCoreApplication::translate("PayloadReader", "expected %1, found %2")
                               .arg(QCoreApplication::translate("PayloadReader", expected), found(value))};
}

PayloadProblem missing(const QString& path)
{
    return PayloadProblem {path, QCoreApplication::translate("PayloadReader", "missing")};
}

QString childPath(const QString& parent, QStringView key)
{
    QString path = parent;
    JsonText::appendKey(path, key);
    return path;
}

int digits(QStringView text, qsizetype& pos, int count, bool* ok)
{
    int value = 0;
    for (int k = 0; k < count; ++k, ++pos) {
        if (pos >= text.size() || text[pos] < QLatin1Char('0') || text[pos] > QLatin1Char('9')) {
            *ok = false;
            return 0;
        }
        value = value * 10 + (text[pos].unicode() - '0');
    }
    return value;
}

bool expect(QStringView text, qsizetype& pos, char c)
{
    if (pos < text.size() && text[pos] == QLatin1Char(c)) {
        ++pos;
        return true;
    }
    return false;
}

int daysInMonth(int y, int m)
{
    static constexpr int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    const bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    return m == 2 && leap ? 29 : days[m - 1];
}

class Reader
{
public:
    FirmPayload run(const QByteArray& body);

private:
    void readPayload(const JsonValue& payload);
    void readEvent(const JsonValue& value, int index);
    void problem(PayloadProblem p) { m_result.problems.append(std::move(p)); }

    FirmPayload m_result;
};

FirmPayload Reader::run(const QByteArray& body)
{
    const JsonReadResult read = JsonText::readBody(body);
    if (!read.ok()) {
        m_result.kind = FirmPayload::Kind::NotJson;
        problem(PayloadProblem {
            QString(), QCoreApplication::translate("PayloadReader", "not JSON: %1").arg(read.error->toString())});
        return m_result;
    }
    const JsonValue root = read.document.root();
    const QList<JsonMember> members = JsonText::members(root);
    const auto payload = std::find_if(members.cbegin(), members.cend(),
                                      [](const JsonMember& m) { return m.key == QLatin1String("payload"); });
    if (payload == members.cend())
        return m_result;
    m_result.kind = FirmPayload::Kind::FirmApp;
    for (const JsonMember& member : members) {
        if (member.key != QLatin1String("payload") && member.key != QLatin1String("signature"))
            m_result.unknownFields.append(
                PayloadField {childPath({}, member.key), JsonText::compact(member.value.raw())});
    }
    readPayload(payload->value);
    return m_result;
}

void Reader::readPayload(const JsonValue& payload)
{
    const QString path = QStringLiteral("payload");
    if (!payload.isObject()) {
        problem(wrongType(path, QT_TRANSLATE_NOOP("PayloadReader", "an object"), payload));
        return;
    }
    JsonValue date;
    JsonValue events;
    for (const JsonMember& member : JsonText::members(payload)) {
        if (member.key == QLatin1String("date"))
            date = member.value;
        else if (member.key == QLatin1String("events"))
            events = member.value;
        else
            m_result.unknownFields.append(
                PayloadField {childPath(path, member.key), JsonText::compact(member.value.raw())});
    }
    if (!date.isValid()) {
        problem(missing(QStringLiteral("payload.date")));
    } else if (!date.isString()) {
        problem(wrongType(QStringLiteral("payload.date"), QT_TRANSLATE_NOOP("PayloadReader", "a string"), date));
    } else {
        m_result.date = date.toString();
        if (const std::optional<qint64> ms = PayloadReader::parseDate(m_result.date))
            m_result.dateMs = *ms;
        else
            problem(PayloadProblem {QCoreApplication::translate("PayloadReader", "payload.date"),
                                    QCoreApplication::translate("PayloadReader", "not an ISO 8601 date-time")});
    }
    if (!events.isValid()) {
        problem(missing(QStringLiteral("payload.events")));
        return;
    }
    if (!events.isArray()) {
        problem(wrongType(QStringLiteral("payload.events"), QT_TRANSLATE_NOOP("PayloadReader", "an array"), events));
        return;
    }
    m_result.events.reserve(events.size());
    for (qsizetype i = 0; i < events.size(); ++i)
        readEvent(events.at(i), int(i));
}

void Reader::readEvent(const JsonValue& value, int index)
{
    QString path = QStringLiteral("payload.events");
    JsonText::appendIndex(path, index);
    if (!value.isObject()) {
        problem(wrongType(path, QT_TRANSLATE_NOOP("PayloadReader", "an object"), value));
        return;
    }
    PayloadEvent event;
    event.index = index;
    JsonValue action, schema, docId, date, diff;
    for (const JsonMember& member : JsonText::members(value)) {
        const QString& key = member.key;
        if (key == QLatin1String("action"))
            action = member.value;
        else if (key == QLatin1String("schema"))
            schema = member.value;
        else if (key == QLatin1String("docId"))
            docId = member.value;
        else if (key == QLatin1String("docUpdatedDate"))
            date = member.value;
        else if (key == QLatin1String("diff"))
            diff = member.value;
        else
            event.unknownFields.append(PayloadField {childPath(path, key), JsonText::compact(member.value.raw())});
    }
    // Without these three the event cannot be placed: it is reported and left out.
    bool placeable = true;
    const auto requireString = [&](const JsonValue& v, const char* name, QString* out) {
        const QString at = path + QLatin1Char('.') + QLatin1String(name);
        if (!v.isValid())
            problem(missing(at));
        else if (!v.isString())
            problem(wrongType(at, QT_TRANSLATE_NOOP("PayloadReader", "a string"), v));
        else
            *out = v.toString();
        placeable = placeable && v.isString();
    };
    requireString(action, "action", &event.actionText);
    requireString(schema, "schema", &event.schema);
    requireString(docId, "docId", &event.docId);
    if (!placeable)
        return;
    if (event.actionText == QLatin1String("create"))
        event.action = EventAction::Create;
    else if (event.actionText == QLatin1String("update"))
        event.action = EventAction::Update;
    else if (event.actionText == QLatin1String("delete"))
        event.action = EventAction::Delete;
    else
        problem(PayloadProblem {
            path + QStringLiteral(".action"),
            QCoreApplication::translate("PayloadReader", "unknown action \"%1\" (expected create, update or delete)")
                .arg(event.actionText)});

    const QString datePath = path + QStringLiteral(".docUpdatedDate");
    if (!date.isValid()) {
        problem(missing(datePath));
    } else if (!date.isString()) {
        problem(wrongType(datePath, QT_TRANSLATE_NOOP("PayloadReader", "a string"), date));
    } else {
        event.docUpdatedDate = date.toString();
        if (const std::optional<qint64> ms = PayloadReader::parseDate(event.docUpdatedDate))
            event.docUpdatedMs = *ms;
        else
            problem(
                PayloadProblem {datePath, QCoreApplication::translate("PayloadReader", "not an ISO 8601 date-time")});
    }

    const QString diffPath = path + QStringLiteral(".diff");
    if (diff.isValid() && diff.isObject()) {
        event.hasDiff = true;
        event.diff = JsonText::compact(diff.raw());
    } else if (diff.isValid() && diff.type() != JsonType::Null) {
        problem(wrongType(diffPath, QT_TRANSLATE_NOOP("PayloadReader", "an object"), diff));
    } else if (event.action == EventAction::Update) {
        problem(PayloadProblem {
            diffPath, QCoreApplication::translate("PayloadReader", "missing (an update carries the changed fields)")});
    }
    m_result.events.append(std::move(event));
}

} // namespace

QString PayloadProblem::toString() const
{
    return path.isEmpty() ? message : path + QStringLiteral(": ") + message;
}

FirmPayload PayloadReader::read(const QByteArray& body)
{
    return Reader().run(body);
}

QStringList PayloadReader::docIds(const QByteArray& body)
{
    QStringList ids;
    if (body.isEmpty() || body.size() > 8 * 1024 * 1024)
        return ids;
    const JsonReadResult read = JsonText::read(body);
    if (!read.ok())
        return ids;
    const JsonValue events = read.document.root().member(QStringLiteral("payload")).member(QStringLiteral("events"));
    for (qsizetype i = 0; i < events.size() && events.isArray(); ++i) {
        const JsonValue id = events.at(i).member(QStringLiteral("docId"));
        if (id.isString() && id.raw().size() > 2)
            ids.append(id.toString());
    }
    return ids;
}

std::optional<qint64> PayloadReader::parseDate(QStringView text)
{
    qsizetype pos = 0;
    bool ok = true;
    const int year = digits(text, pos, 4, &ok);
    const bool dateOk = ok && expect(text, pos, '-');
    const int month = digits(text, pos, 2, &ok);
    const bool dayOk = ok && expect(text, pos, '-');
    const int day = digits(text, pos, 2, &ok);
    if (!ok || !dateOk || !dayOk || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month))
        return std::nullopt;
    qint64 ms = CivilDate {year, month, day}.days() * 86400000;
    if (pos == text.size())
        return ms;
    if (!expect(text, pos, 'T') && !expect(text, pos, 't'))
        return std::nullopt;
    const int hour = digits(text, pos, 2, &ok);
    const bool colon = ok && expect(text, pos, ':');
    const int minute = digits(text, pos, 2, &ok);
    if (!ok || !colon || hour > 24 || minute > 59)
        return std::nullopt;
    int second = 0;
    int millis = 0;
    if (expect(text, pos, ':')) {
        second = digits(text, pos, 2, &ok);
        if (!ok || second > 59)
            return std::nullopt;
        if (expect(text, pos, '.') || expect(text, pos, ',')) {
            int fractionDigits = 0;
            while (pos < text.size() && text[pos] >= QLatin1Char('0') && text[pos] <= QLatin1Char('9')) {
                if (fractionDigits < 3)
                    millis = millis * 10 + (text[pos].unicode() - '0');
                ++fractionDigits;
                ++pos;
            }
            if (fractionDigits == 0)
                return std::nullopt;
            for (int k = fractionDigits; k < 3; ++k)
                millis *= 10;
        }
    }
    // ECMAScript's date-time format allows 24:00 for the end of a day, and nothing later.
    if (hour == 24 && (minute != 0 || second != 0 || millis != 0))
        return std::nullopt;
    ms += ((hour * 60 + minute) * 60 + second) * qint64(1000) + millis;
    if (pos == text.size() || expect(text, pos, 'Z') || expect(text, pos, 'z'))
        return pos == text.size() ? std::optional<qint64>(ms) : std::nullopt;
    const bool plus = expect(text, pos, '+');
    if (!plus && !expect(text, pos, '-'))
        return std::nullopt;
    const int offsetHours = digits(text, pos, 2, &ok);
    expect(text, pos, ':');
    const int offsetMinutes = digits(text, pos, 2, &ok);
    if (!ok || pos != text.size() || offsetHours > 23 || offsetMinutes > 59)
        return std::nullopt;
    const qint64 offset = (offsetHours * 60 + offsetMinutes) * qint64(60000);
    return plus ? ms - offset : ms + offset;
}

QString PayloadReader::formatDate(qint64 ms)
{
    char text[CivilDate::isoLength];
    return CivilDate::writeIsoDateTime(ms, text) ? QString::fromLatin1(text, CivilDate::isoLength) : QString();
}

QLatin1StringView PayloadReader::actionName(EventAction action)
{
    switch (action) {
    case EventAction::Create:
        return QLatin1StringView("create");
    case EventAction::Update:
        return QLatin1StringView("update");
    case EventAction::Delete:
        return QLatin1StringView("delete");
    case EventAction::Other:
        break;
    }
    return QLatin1StringView("other");
}

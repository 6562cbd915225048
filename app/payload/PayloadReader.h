// SPDX-License-Identifier: MIT
#pragma once

#include <QByteArray>
#include <QList>
#include <QString>
#include <QStringList>
#include <limits>
#include <optional>

// What an event does to its document. Other: an action this version does not know (kept, and reported).
enum class EventAction : quint8
{
    Create,
    Update,
    Delete,
    Other
};

// One member the model does not interpret, kept as exact JSON text. path is where it sits, e.g.
// "payload.events[2].source" or "payload.batchId".
struct PayloadField
{
    QString path;
    QByteArray json;
};

// Why part of a payload could not be read: where (a JSON path such as "payload.events[1].docId", empty for
// the body as a whole) and what is wrong. Never hides the capture: the rest of the payload still reads.
struct PayloadProblem
{
    QString path;
    QString message;

    QString toString() const; // "payload.events[1].docId: expected a string, found a number"
    bool operator==(const PayloadProblem& other) const = default;
};

struct PayloadEvent
{
    static constexpr qint64 noTime = std::numeric_limits<qint64>::min();

    int index = 0; // position in payload.events
    EventAction action = EventAction::Other;
    QString actionText; // as sent
    QString schema;
    QString docId;
    QString docUpdatedDate; // as sent; empty when missing
    qint64 docUpdatedMs = noTime; // milliseconds since the epoch (UTC); noTime when missing or unreadable
    bool hasDiff = false;
    QByteArray diff; // the diff object as exact JSON text, whitespace between tokens removed
    QList<PayloadField> unknownFields;
};

// A capture body read as a Firm App delivery: {"payload": {"date", "events": [...]}, "signature"}.
struct FirmPayload
{
    enum class Kind : quint8
    {
        NotJson, // problems holds the JSON error, with its line and column
        NotFirmApp, // JSON, but no "payload" member
        FirmApp
    };

    Kind kind = Kind::NotFirmApp;
    QString date; // payload.date as sent
    qint64 dateMs = PayloadEvent::noTime;
    QList<PayloadEvent> events; // the readable events, in payload order
    QList<PayloadField> unknownFields; // members of the body and of payload other than the known ones
    QList<PayloadProblem> problems;

    bool isFirmApp() const { return kind == Kind::FirmApp; }
};

class PayloadReader final
{
public:
    // Reads with the order-preserving JSON reader. An event that lacks action, schema or docId (or has
    // them of the wrong type) is left out and reported; everything else that is wrong is reported and
    // read as far as it goes. Nesting is limited to JsonText::maxDepth levels.
    static FirmPayload read(const QByteArray& body);

    // The docIds of the events, for the response rules' retry counting. Lenient: any event object with a
    // string docId counts, whatever else it holds; bodies over 8 MiB give none.
    static QStringList docIds(const QByteArray& body);

    // An ISO 8601 date-time with a zone ("2024-11-08T21:49:46.733Z", "...+02:00"), to milliseconds since
    // the epoch; nothing when the text is not one.
    static std::optional<qint64> parseDate(QStringView text);
    // The form the Firm App sends, "2024-11-08T21:49:46.733Z" (UTC, milliseconds); years 0 to 9999 only,
    // an empty string otherwise.
    static QString formatDate(qint64 ms);

    static QLatin1StringView actionName(EventAction action);
};

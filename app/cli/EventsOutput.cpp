// SPDX-License-Identifier: MIT
#include "cli/EventsOutput.h"

#include <QDateTime>

#include "json/JsonStringCodec.h"
#include "payload/SchemaDrift.h"

namespace {

void appendString(QByteArray& out, QStringView text)
{
    JsonStringCodec::appendQuoted(out, text);
}

void appendMember(QByteArray& out, const char* name)
{
    if (!out.endsWith('{'))
        out += ',';
    out += '"';
    out += name;
    out += "\":";
}

QString isoTime(qint64 ms)
{
    if (ms == PayloadEvent::noTime)
        return QStringLiteral("?");
    return QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC).toString(Qt::ISODateWithMs);
}

void appendTime(QByteArray& out, qint64 ms)
{
    if (ms == PayloadEvent::noTime)
        out += "null";
    else
        appendString(out, isoTime(ms));
}

} // namespace

QByteArray EventsOutput::eventJson(const EventInfo& event, const QList<FieldChange>& changes)
{
    QByteArray out = "{";
    appendMember(out, "captureId");
    out += QByteArray::number(event.captureId);
    appendMember(out, "index");
    out += QByteArray::number(event.index);
    appendMember(out, "action");
    appendString(out, event.actionText);
    appendMember(out, "schema");
    appendString(out, event.schema);
    appendMember(out, "docId");
    appendString(out, event.docId);
    appendMember(out, "docUpdatedDate");
    if (event.docUpdatedDate.isEmpty())
        out += "null";
    else
        appendString(out, event.docUpdatedDate);
    appendMember(out, "changes");
    out += '[';
    for (qsizetype i = 0; i < changes.size(); ++i) {
        const FieldChange& change = changes.at(i);
        out += i > 0 ? ",{" : "{";
        appendMember(out, "path");
        appendString(out, change.path);
        appendMember(out, "beforeKnown");
        out += change.beforeKnown ? "true" : "false";
        if (!change.before.isEmpty()) {
            appendMember(out, "before");
            out += change.before;
        }
        if (!change.after.isEmpty()) {
            appendMember(out, "after");
            out += change.after;
        }
        appendMember(out, "kind");
        appendString(out, QString(changeKindName(change.kind)));
        out += '}';
    }
    out += ']';
    appendMember(out, "flags");
    out += '[';
    const QStringList flags = deliveryFlagNames(event.flags);
    for (qsizetype i = 0; i < flags.size(); ++i) {
        if (i > 0)
            out += ',';
        appendString(out, flags.at(i));
    }
    out += "]}";
    return out;
}

QString EventsOutput::folded(const QByteArray& json, int maxChars)
{
    const QString text = QString::fromUtf8(json);
    return text.size() <= maxChars ? text : text.left(maxChars - 1) + QStringLiteral("\u2026");
}

QString EventsOutput::eventLine(const EventInfo& event, const QList<FieldChange>& changes)
{
    QString line = QStringLiteral("%1.%2  %3  %4/%5  %6")
                       .arg(event.captureId)
                       .arg(event.index)
                       .arg(event.actionText, event.schema, event.docId,
                            event.docUpdatedDate.isEmpty() ? QStringLiteral("(no date)") : event.docUpdatedDate);
    QStringList parts;
    for (const FieldChange& change : changes) {
        const QString before = !change.beforeKnown ? QStringLiteral("?")
            : change.before.isEmpty()              ? QStringLiteral("(none)")
                                                   : folded(change.before);
        const QString after = change.after.isEmpty() ? QStringLiteral("(none)") : folded(change.after);
        parts.append(QStringLiteral("%1 %2 -> %3 (%4)").arg(change.path, before, after, changeKindName(change.kind)));
    }
    if (!parts.isEmpty())
        line += QStringLiteral("  ") + parts.join(QStringLiteral("; "));
    const QStringList flags = deliveryFlagNames(event.flags);
    if (!flags.isEmpty())
        line += QStringLiteral("  [") + flags.join(QStringLiteral(", ")) + QLatin1Char(']');
    return line;
}

QByteArray EventsOutput::schemaJson(const SchemaDrift& schema)
{
    QByteArray out = "{";
    appendMember(out, "schema");
    appendString(out, schema.name());
    appendMember(out, "events");
    out += QByteArray::number(schema.eventCount());
    appendMember(out, "fields");
    out += '[';
    bool first = true;
    for (const SchemaField& field : schema.fields()) {
        out += first ? "{" : ",{";
        first = false;
        appendMember(out, "path");
        appendString(out, field.path);
        appendMember(out, "types");
        out += '[';
        const QStringList types = field.typeNames();
        for (qsizetype i = 0; i < types.size(); ++i) {
            if (i > 0)
                out += ',';
            appendString(out, types.at(i));
        }
        out += ']';
        appendMember(out, "firstSeen");
        appendTime(out, field.firstSeenMs);
        appendMember(out, "lastSeen");
        appendTime(out, field.lastSeenMs);
        appendMember(out, "firstCaptureId");
        out += QByteArray::number(field.firstCaptureId);
        appendMember(out, "lastCaptureId");
        out += QByteArray::number(field.lastCaptureId);
        appendMember(out, "count");
        out += QByteArray::number(field.count);
        out += '}';
    }
    out += ']';
    appendMember(out, "truncated");
    out += schema.truncated() ? "true}" : "false}";
    return out;
}

QStringList EventsOutput::schemaLines(const SchemaDrift& schema)
{
    QStringList lines;
    lines.append(QStringLiteral("%1: %2 event(s), %3 field(s)%4")
                     .arg(schema.name())
                     .arg(schema.eventCount())
                     .arg(schema.fields().size())
                     .arg(schema.truncated() ? QStringLiteral(" (more not tracked)") : QString()));
    for (const SchemaField& field : schema.fields()) {
        lines.append(QStringLiteral("  %1  %2  first %3  last %4  %5 value(s)")
                         .arg(field.path, field.typeNames().join(QLatin1Char('|')), isoTime(field.firstSeenMs),
                              isoTime(field.lastSeenMs))
                         .arg(field.count));
    }
    return lines;
}

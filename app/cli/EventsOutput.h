// SPDX-License-Identifier: MIT
#pragma once

#include <QByteArray>
#include <QList>
#include <QString>

#include "payload/EventIndex.h"

class SchemaDrift;

// The line shapes of `show --events` and `show --schemas`.
//
// --events --json, one object per event: captureId, index, action, schema, docId, docUpdatedDate (null when
// missing), changes [{path, beforeKnown, before, after, kind}] (before is left out when unknown or absent,
// after when absent; values are the exact JSON sent), flags [names].
// --schemas --json, one object per schema: schema, events, fields [{path, types, firstSeen, lastSeen,
// firstCaptureId, lastCaptureId, count}], truncated.
class EventsOutput final
{
public:
    static QByteArray eventJson(const EventInfo& event, const QList<FieldChange>& changes);
    static QString eventLine(const EventInfo& event, const QList<FieldChange>& changes);
    static QByteArray schemaJson(const SchemaDrift& schema);
    static QStringList schemaLines(const SchemaDrift& schema);

    // A value for one line of text: at most maxChars characters, the rest replaced by an ellipsis.
    static QString folded(const QByteArray& json, int maxChars = 60);
};

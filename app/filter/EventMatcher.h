// SPDX-License-Identifier: MIT
#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <optional>
#include <vector>

#include "filter/FilterPattern.h"

// What schema:, action: and doc: ask of one Firm App event. Such terms side by side (in the same and-group, not
// negated) must hold for the same event: `schema:user action:delete` finds a capture that deletes a user, not one
// that updates a user and deletes an invoice.
struct EventCondition
{
    std::vector<FilterPattern> schemas;
    std::vector<FilterPattern> actions;
    std::vector<FilterPattern> docIds;

    // For one event's members as UTF-8; an absent member (nullopt) meets no pattern on it.
    bool matches(const std::optional<QByteArray>& schema, const std::optional<QByteArray>& action,
                 const std::optional<QByteArray>& docId) const;
};

// How the filter learns about a capture's events. The default (JsonEventMatcher) reads the body; the payload
// model can answer from its own index instead and say so with needsBody() false, so the engine reads no bodies
// for these terms. Called from the thread that evaluates, one call at a time per matcher.
class EventMatcher
{
public:
    virtual ~EventMatcher() = default;

    virtual bool needsBody() const = 0;
    // Whether the capture carries at least one event meeting the condition. `body` is the capture's body when
    // needsBody() is true (empty otherwise).
    virtual bool matches(qint64 captureId, QByteArrayView body, const EventCondition& condition) = 0;
};

// Reads payload.events[] from the body with the order-preserving JSON reader: each event's string members
// "schema", "action" and "docId" (the last one of a duplicated key, as JSON.parse keeps it). A body that is not a
// Firm App delivery has no events. Keeps the last capture's events, as several terms often ask about the same one.
class JsonEventMatcher final : public EventMatcher
{
public:
    bool needsBody() const override { return true; }
    bool matches(qint64 captureId, QByteArrayView body, const EventCondition& condition) override;

    struct Event
    {
        std::optional<QByteArray> schema;
        std::optional<QByteArray> action;
        std::optional<QByteArray> docId;
    };
    static std::vector<Event> readEvents(QByteArrayView body);

private:
    qint64 m_cachedId = 0; // 0: nothing cached (records built without an id are never cached)
    std::vector<Event> m_cached;
};

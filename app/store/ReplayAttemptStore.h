// SPDX-License-Identifier: MIT
#pragma once

#include <QList>
#include <QSet>
#include <optional>

#include "core/ReplayAttempt.h"
#include "store/SessionStore.h"

// The replay and forward attempts of captures, in the session store's database (table replay_attempts,
// added by store version 2). Shares the SessionStore's connection and its thread; an attempt goes when its
// capture goes.
class ReplayAttemptStore final
{
public:
    explicit ReplayAttemptStore(SessionStore& store);

    // Stores the attempt and sets its id. The response body is stored as it is: the client already bounds it.
    Expected<void> add(ReplayAttempt& attempt);
    // Several in one transaction (import).
    Expected<void> add(QList<ReplayAttempt>& attempts);
    QList<ReplayAttempt> attempts(qint64 captureId) const; // oldest first
    qint64 count(qint64 captureId) const;
    // The captures that have attempts, in one query: a whole session's export asks attempts() only for these.
    QSet<qint64> capturesWithAttempts() const;

    static const char* schemaSql();

private:
    SessionStore& m_store;
};

// SPDX-License-Identifier: MIT
#pragma once

#include <QString>

#include "core/CaptureSource.h"

// One stored session as a CaptureSource: each reader is a connection of its own to the database.
class StoredCaptures final : public CaptureSource
{
public:
    StoredCaptures(const QString& databasePath, qint64 sessionId);

    Expected<QList<qint64>> captureIds() const override;
    Expected<std::unique_ptr<Reader>> reader() const override;

private:
    QString m_databasePath;
    qint64 m_sessionId = 0;
};

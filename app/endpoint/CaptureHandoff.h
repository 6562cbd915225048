// SPDX-License-Identifier: MIT
#pragma once

#include <QObject>
#include <atomic>
#include <memory>

#include "core/Capture.h"

class SessionStore;

// Stored captures on their way from the endpoint thread to the thread that owns the Endpoint (the window's, or
// listen's, which checks signatures and prints). That thread can fall behind, or block on a full pipe, while the
// endpoint goes on storing: the bodies waiting in between are bounded. Past maxBodyBytes only the ids are handed
// over, and the captures are read back from the store, a group at a time, when their turn comes. Either way the
// owner sees every capture, whole, in the order they were stored.
class CaptureHandoff final : public QObject
{
    Q_OBJECT

public:
    static constexpr qint64 maxBodyBytes = 64 * 1024 * 1024;

    explicit CaptureHandoff(QObject* parent = nullptr); // on the owner's thread
    ~CaptureHandoff() override;

    // Where captures handed over as ids are read back from (set before the endpoint starts).
    void setStorePath(const QString& path);
    // From the endpoint thread: captures just stored. Returns at once.
    void hand(const QList<Capture>& captures);
    // The bytes of bodies handed over that the owner has not taken yet.
    qint64 bodyBytesWaiting() const { return m_waiting.load(); }

Q_SIGNALS:
    void capturesStored(const QList<Capture>& captures);

private:
    void readBack(const QList<qint64>& ids);

    std::atomic<qint64> m_waiting = 0;
    QString m_storePath;
    std::unique_ptr<SessionStore> m_reader; // owner's thread, opened on first use
};

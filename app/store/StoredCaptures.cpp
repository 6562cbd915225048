// SPDX-License-Identifier: MIT
#include "store/StoredCaptures.h"

#include "store/SessionStore.h"

namespace {
class StoreReader final : public CaptureSource::Reader
{
public:
    std::optional<Capture> capture(qint64 id) override { return store.capture(id); }
    SessionStore store;
};
} // namespace

StoredCaptures::StoredCaptures(const QString& databasePath, qint64 sessionId)
    : m_databasePath(databasePath)
    , m_sessionId(sessionId)
{ }

Expected<QList<qint64>> StoredCaptures::captureIds() const
{
    SessionStore store;
    if (Expected<void> opened = store.open(m_databasePath, SessionStore::Durability::Normal); !opened)
        return opened.error();
    return store.captureIds(m_sessionId);
}

Expected<std::unique_ptr<CaptureSource::Reader>> StoredCaptures::reader() const
{
    auto reader = std::make_unique<StoreReader>();
    if (Expected<void> opened = reader->store.open(m_databasePath, SessionStore::Durability::Normal); !opened)
        return opened.error();
    return std::unique_ptr<Reader>(std::move(reader));
}

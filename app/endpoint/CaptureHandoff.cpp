// SPDX-License-Identifier: MIT
#include "endpoint/CaptureHandoff.h"

#include "core/Logging.h"
#include "store/SessionStore.h"

namespace {
// Captures read back from the store go to the owner in groups of about this many bytes of bodies.
constexpr qint64 readBackGroupBytes = 4 * 1024 * 1024;
constexpr qsizetype readBackGroupCaptures = 256;

qint64 bodyBytes(const QList<Capture>& captures)
{
    qint64 bytes = 0;
    for (const Capture& capture : captures)
        bytes += capture.body.size();
    return bytes;
}
} // namespace

CaptureHandoff::CaptureHandoff(QObject* parent)
    : QObject(parent)
{ }

CaptureHandoff::~CaptureHandoff() = default;

void CaptureHandoff::setStorePath(const QString& path)
{
    if (path != m_storePath)
        m_reader.reset();
    m_storePath = path;
}

void CaptureHandoff::hand(const QList<Capture>& captures)
{
    const qint64 bytes = bodyBytes(captures);
    const qint64 waiting = m_waiting.load();
    if (waiting > 0 && waiting + bytes > maxBodyBytes) {
        // The owner is behind: only the ids wait, the bodies stay in the store.
        QList<qint64> ids;
        ids.reserve(captures.size());
        for (const Capture& capture : captures)
            ids.append(capture.id);
        QMetaObject::invokeMethod(
            this, [this, ids] { readBack(ids); }, Qt::QueuedConnection);
        return;
    }
    m_waiting += bytes;
    QMetaObject::invokeMethod(
        this,
        [this, captures, bytes] {
            Q_EMIT capturesStored(captures);
            m_waiting -= bytes;
        },
        Qt::QueuedConnection);
}

void CaptureHandoff::readBack(const QList<qint64>& ids)
{
    if (!m_reader || !m_reader->isOpen()) {
        m_reader = std::make_unique<SessionStore>();
        if (const Expected<void> opened = m_reader->open(m_storePath); !opened) {
            qCWarning(lcStore) << "stored captures could not be read back:" << opened.error().message;
            m_reader.reset();
            return;
        }
    }
    QList<Capture> group;
    qint64 bytes = 0;
    for (const qint64 id : ids) {
        std::optional<Capture> capture = m_reader->capture(id);
        if (!capture) {
            qCWarning(lcStore) << "capture" << id << "was removed before it could be shown";
            continue;
        }
        bytes += capture->body.size();
        group.append(std::move(*capture));
        if (bytes >= readBackGroupBytes || group.size() >= readBackGroupCaptures) {
            Q_EMIT capturesStored(std::exchange(group, {}));
            bytes = 0;
        }
    }
    if (!group.isEmpty())
        Q_EMIT capturesStored(group);
}

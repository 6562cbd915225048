// SPDX-License-Identifier: MIT
// SessionController: deleting captures and the session's contents, undoably (through the store's trash).
#include "core/Logging.h"
#include "session/SessionController.h"
#include "session/StoreMessages.h"
#include "session/TaskRunner.h"
#include "store/CaptureTrash.h"
#include "store/SessionStore.h"

void SessionController::deleteCaptures(const QList<qint64>& ids, std::function<void(std::shared_ptr<Deleted>)> done)
{
    auto deleted = std::make_shared<Deleted>();
    deleted->sessionId = m_sessionId;
    deleted->rows = m_model->removeIds(ids);
    if (deleted->rows.rows.isEmpty()) {
        if (done)
            done(nullptr);
        return;
    }
    QList<qint64> removedIds;
    removedIds.reserve(deleted->rows.rows.size());
    for (const CaptureSummary& row : std::as_const(deleted->rows.rows))
        removedIds.append(row.id);
    m_captureCount -= removedIds.size();
    Q_EMIT statusChanged();
    const QString path = m_config.storePath;
    auto error = std::make_shared<Error>();
    m_tasks->run(
        tr("Deleting %n capture(s)", nullptr, int(removedIds.size())),
        [path, deleted, removedIds, error](TaskControl&) {
            SessionStore store;
            if (Expected<void> opened = store.open(path); !opened) {
                *error = opened.error();
                return;
            }
            const Expected<qint64> trashId = CaptureTrash(store).trash(deleted->sessionId, removedIds);
            if (trashId)
                deleted->trashId = *trashId;
            else
                *error = trashId.error();
        },
        [this, deleted, error, done = std::move(done)](bool) {
            if (deleted->trashId == 0) {
                if (deleted->sessionId == m_sessionId) {
                    m_captureCount += deleted->rows.rows.size();
                    m_model->restore(deleted->rows);
                    Q_EMIT statusChanged();
                }
                Q_EMIT message(tr("The captures could not be deleted: %1").arg(StoreMessages::describe(*error)),
                               Severity::Error);
                if (done)
                    done(nullptr);
                return;
            }
            if (deleted->sessionId == m_sessionId)
                rebuildEvents();
            Q_EMIT notice(tr("Deleted %n capture(s)", nullptr, int(deleted->rows.rows.size())));
            if (done)
                done(deleted);
        },
        TaskRunner::Kind::Background);
}

void SessionController::clearSession(std::function<void(std::shared_ptr<Deleted>)> done)
{
    QList<qint64> ids;
    const QList<CaptureSummary> rows = m_model->summaries();
    ids.reserve(rows.size());
    for (const CaptureSummary& row : rows)
        ids.append(row.id);
    deleteCaptures(ids, std::move(done));
}

void SessionController::restoreCaptures(const std::shared_ptr<Deleted>& deleted, std::function<void(bool ok)> done)
{
    if (!deleted || deleted->trashId == 0) {
        if (done)
            done(false);
        return;
    }
    const QString path = m_config.storePath;
    const qint64 trashId = std::exchange(deleted->trashId, 0);
    auto error = std::make_shared<std::optional<Error>>();
    m_tasks->run(
        tr("Restoring %n capture(s)", nullptr, int(deleted->rows.rows.size())),
        [path, trashId, error](TaskControl&) {
            SessionStore store;
            if (Expected<void> opened = store.open(path); !opened) {
                *error = opened.error();
                return;
            }
            if (const Expected<qint64> restored = CaptureTrash(store).restore(trashId); !restored)
                *error = restored.error();
        },
        [this, deleted, trashId, error, done = std::move(done)](bool) {
            if (*error) {
                deleted->trashId = trashId; // still in the trash: it can be tried again
                Q_EMIT message(
                    tr("The deleted captures could not be restored: %1").arg(StoreMessages::describe(**error)),
                    Severity::Error);
                if (done)
                    done(false);
                return;
            }
            if (deleted->sessionId == m_sessionId) {
                m_captureCount += deleted->rows.rows.size();
                m_model->restore(deleted->rows);
                rebuildEvents();
                Q_EMIT statusChanged();
            }
            Q_EMIT notice(tr("Restored %n capture(s)", nullptr, int(deleted->rows.rows.size())));
            if (done)
                done(true);
        },
        TaskRunner::Kind::Background);
}

void SessionController::purgeDeleted(qint64 trashId)
{
    if (trashId == 0 || m_tasks->isShutDown())
        return;
    const QString path = m_config.storePath;
    m_tasks->run(
        tr("Removing deleted captures"),
        [path, trashId](TaskControl&) {
            SessionStore store;
            Expected<void> purged = store.open(path);
            if (purged)
                purged = CaptureTrash(store).purge(trashId);
            if (!purged) // the next start purges what is left
                qCWarning(lcSession) << "deleted captures could not be removed:" << purged.error().message;
        },
        {}, TaskRunner::Kind::Background);
}

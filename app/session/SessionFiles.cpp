// SPDX-License-Identifier: MIT
// SessionController's file operations: HAR files in and out of the store, on the task runner.
#include <QFileInfo>

#include "session/SessionController.h"
#include "session/StoreMessages.h"
#include "session/TaskRunner.h"
#include "settings/Settings.h"
#include "store/SessionStore.h"
#include "transfer/CaptureFiles.h"

namespace {
constexpr int maxRecentFiles = 10;

// Why a file task failed: the store's failure in the store's words, or the file's problem.
template<typename Result>
QString failureText(const Result& result)
{
    return result.storeFailure ? StoreMessages::describe(*result.storeFailure) : result.failure->text();
}
} // namespace

void SessionController::openFile(const QString& path)
{
    auto result = std::make_shared<CaptureFiles::ImportResult>();
    const QString storePath = m_config.storePath;
    const QString name = QFileInfo(path).fileName();
    runFileTask(
        tr("Opening %1").arg(name),
        [=](TaskControl& control) {
            *result = CaptureFiles::importHar(path, storePath, 0, name, [&control](qint64 done, qint64 total) {
                return control.report(done, total);
            });
        },
        [=, this](bool) {
            if (result->failed()) {
                Q_EMIT message(tr("%1 was not opened: %2").arg(path, failureText(*result)), Severity::Error);
                Q_EMIT fileTaskFinished(false);
                return;
            }
            m_currentFile = path;
            addRecentFile(path);
            showSession(result->sessionId, [=, this] {
                if (!result->problems.isEmpty()) {
                    Q_EMIT message(
                        tr("Opened %n capture(s) from %1. %2 (and %3 more notes)", nullptr, int(result->imported))
                            .arg(name, result->problems.constFirst().text())
                            .arg(result->problems.size() - 1 + result->problemsOmitted),
                        Severity::Warning);
                } else {
                    Q_EMIT notice(tr("Opened %n capture(s) from %1", nullptr, int(result->imported)).arg(name));
                }
                Q_EMIT fileTaskFinished(true);
            });
        });
}

void SessionController::importFile(const QString& path)
{
    auto result = std::make_shared<CaptureFiles::ImportResult>();
    const QString storePath = m_config.storePath;
    const qint64 session = m_sessionId;
    const QString name = QFileInfo(path).fileName();
    runFileTask(
        tr("Importing %1").arg(name),
        [=](TaskControl& control) {
            *result
                = CaptureFiles::importHar(path, storePath, session, QString(), [&control](qint64 done, qint64 total) {
                      return control.report(done, total);
                  });
        },
        [=, this](bool) {
            auto report = [=, this] {
                if (result->failed()) {
                    Q_EMIT message(tr("%1: %2").arg(path, failureText(*result)), Severity::Error);
                } else if (!result->problems.isEmpty()) {
                    Q_EMIT message(tr("Imported %n capture(s) from %1. %2", nullptr, int(result->imported))
                                       .arg(name, result->problems.constFirst().text()),
                                   Severity::Warning);
                } else {
                    Q_EMIT notice(tr("Imported %n capture(s) from %1", nullptr, int(result->imported)).arg(name));
                }
                Q_EMIT fileTaskFinished(!result->failed());
            };
            if (result->imported > 0)
                showSession(m_sessionId, report);
            else
                report();
        });
}

void SessionController::saveToFile(const QString& path)
{
    auto result = std::make_shared<CaptureFiles::ExportResult>();
    const QString storePath = m_config.storePath;
    const qint64 session = m_sessionId;
    runFileTask(
        tr("Saving"),
        [=](TaskControl& control) {
            SessionStore store;
            if (Expected<void> opened = store.open(storePath); !opened) {
                result->storeFailure = opened.error();
                return;
            }
            *result = CaptureFiles::exportHar(
                path, storePath, store.captureIds(session),
                [&control](qint64 done, qint64 total) { return control.report(done, total); });
        },
        [=, this](bool) {
            if (result->failed()) {
                Q_EMIT message(tr("Not saved: %1. The file on disk is unchanged.").arg(failureText(*result)),
                               Severity::Error);
                Q_EMIT fileTaskFinished(false);
                return;
            }
            m_currentFile = path;
            addRecentFile(path);
            Q_EMIT statusChanged();
            Q_EMIT notice(tr("Saved %n capture(s) to %1", nullptr, int(result->written)).arg(path));
            Q_EMIT fileTaskFinished(true);
        });
}

void SessionController::exportCaptures(const QString& path, const QList<qint64>& ids)
{
    auto result = std::make_shared<CaptureFiles::ExportResult>();
    const QString storePath = m_config.storePath;
    runFileTask(
        tr("Exporting"),
        [=](TaskControl& control) {
            *result = CaptureFiles::exportHar(
                path, storePath, ids, [&control](qint64 done, qint64 total) { return control.report(done, total); });
        },
        [=, this](bool) {
            if (result->failed())
                Q_EMIT message(tr("Not exported: %1").arg(failureText(*result)), Severity::Error);
            else
                Q_EMIT notice(tr("Exported %n capture(s) to %1", nullptr, int(result->written)).arg(path));
            Q_EMIT fileTaskFinished(!result->failed());
        });
}

void SessionController::runFileTask(const QString& title, std::function<void(TaskControl&)> work,
                                    std::function<void(bool)> done)
{
    if (!m_tasks->run(title, std::move(work), std::move(done)))
        Q_EMIT notice(tr("Wait for the current file operation to finish"));
}

QStringList SessionController::recentFiles() const
{
    return m_settings ? m_settings->value(Settings::Key::RecentFiles).toStringList() : QStringList();
}

void SessionController::addRecentFile(const QString& path)
{
    if (!m_settings)
        return;
    QStringList recent = recentFiles();
    const QString absolute = QFileInfo(path).absoluteFilePath();
    recent.removeAll(absolute);
    recent.prepend(absolute);
    while (recent.size() > maxRecentFiles)
        recent.removeLast();
    m_settings->setValue(Settings::Key::RecentFiles, recent);
    Q_EMIT recentFilesChanged();
}

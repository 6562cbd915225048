// SPDX-License-Identifier: MIT
#pragma once

#include <QObject>
#include <QString>
#include <functional>
#include <memory>
#include <optional>
#include <vector>

#include "core/Capture.h"
#include "endpoint/Endpoint.h"
#include "session/CaptureTableModel.h"
#include "signature/SecretSet.h"
#include "signature/SignatureOptions.h"
#include "signature/SignatureResult.h"

class EventIndex;
struct CapturePayload;
class ReplayController;
class ReverificationService;
class SessionStore;
class Settings;
class TaskControl;
class TaskRunner;
struct PruneResult;

// The window's state and work without the window: the endpoint, the store reader, the current session,
// pruning, file operations, secrets and signature checks. Everything slow runs on the task runner's pool;
// results come back as signals on the controller's thread. Tests drive it without widgets.
class SessionController final : public QObject
{
    Q_OBJECT

public:
    enum class Severity
    {
        Information,
        Warning,
        Error
    };
    Q_ENUM(Severity)

    // settings may be null (then nothing is pruned and nothing is remembered).
    SessionController(const EndpointConfig& endpoint, Settings* settings, QObject* parent = nullptr);
    ~SessionController() override;

    // Opens the store, prunes it in the background, then starts the endpoint and shows the session
    // (the latest one when continueLastSession, else a new one). ready() says when it is done.
    void start(bool continueLastSession);
    bool isReady() const { return m_ready; }

    Endpoint* endpoint() const { return m_endpoint; }
    CaptureTableModel* model() const { return m_model; }
    TaskRunner* tasks() const { return m_tasks; }
    SessionStore* reader() const { return m_reader.get(); } // this thread's store connection
    QString storePath() const { return m_config.storePath; }
    qint64 sessionId() const { return m_sessionId; }
    qint64 captureCount() const { return m_captureCount; }
    QString currentFile() const { return m_currentFile; }
    bool isBusy() const;

    // The endpoint on the configured address; stopping keeps the session and its captures.
    bool startEndpoint();
    void stopEndpoint();
    void setRules(const ResponseRules& rules);
    // Listens again with another address, port or limits; the session goes on.
    bool restartEndpoint(const ServerConfig& server);
    const ServerConfig& serverConfig() const { return m_config.server; }
    // Captures of this session per second over the last ten seconds.
    double arrivalRate() const;

    // Captures taken out of a session by deleteCaptures(), which restoreCaptures() puts back. While this exists
    // they wait in the store's trash; purgeDeleted() removes them for good (the window's undo history does,
    // when the step is dropped; trash left at exit goes at the next start).
    struct Deleted
    {
        qint64 trashId = 0; // 0 until the store has moved them
        qint64 sessionId = 0;
        CaptureTableModel::Removed rows;
    };
    // Takes the captures out of the table at once and out of the session in the background; `done` gets
    // what restoreCaptures() needs, or null when the store refused (the rows are back, and message() says why).
    void deleteCaptures(const QList<qint64>& ids, std::function<void(std::shared_ptr<Deleted>)> done = {});
    // Every capture of the session shown.
    void clearSession(std::function<void(std::shared_ptr<Deleted>)> done = {});
    void restoreCaptures(const std::shared_ptr<Deleted>& deleted, std::function<void(bool ok)> done = {});
    void purgeDeleted(qint64 trashId);

    // Switches to an existing session; its summaries load in the background, then `then` runs.
    void showSession(qint64 sessionId, std::function<void()> then = {});
    void newSession();

    // File operations: one at a time, off this thread, with progress and cancel (tasks()).
    void openFile(const QString& path); // a new session holding the file's captures
    void importFile(const QString& path); // the file's captures added to this session
    void saveToFile(const QString& path); // this session's captures
    void exportCaptures(const QString& path, const QList<qint64>& ids);
    QStringList recentFiles() const;

    // Secrets and scheme for every check from now on; the whole session is checked again off this thread.
    void setSecrets(const SecretSet& secrets, const SignatureOptions& options);
    const SecretSet& secrets() const { return m_secrets; }
    const SignatureOptions& signatureOptions() const { return m_options; }

    // Loads one capture with its body off this thread: captureLoaded() follows unless a later request
    // superseded it. Then checkSignature() explains its signature off this thread as well: one check runs
    // at a time and one waits, the newest (a check asked while another waits replaces it).
    void requestCapture(qint64 id);
    void checkSignature(const Capture& capture);
    // The session's Firm App events; replaced (eventIndexChanged) when a session is shown, fed as captures
    // arrive (eventsAdded). Null until the first build is done.
    const EventIndex* eventIndex() const;
    // Replays and live forwarding, recorded with their captures in this store.
    ReplayController* replay() const { return m_replay; }

    // A capture read here and now, for small jobs such as copying it as a command.
    std::optional<Capture> captureNow(qint64 id) const;

Q_SIGNALS:
    void ready();
    void sessionShown(qint64 sessionId); // its captures are in the model
    void statusChanged(); // listening, session, count or file changed
    void message(const QString& text, SessionController::Severity severity); // for the message bar
    void notice(const QString& text); // for the status bar, briefly
    void pruned(const PruneResult& result);
    void capturesArrived(const QList<Capture>& captures); // stored captures of the current session
    void captureLoaded(const Capture& capture);
    void captureUnavailable(qint64 id);
    void signatureChecked(qint64 captureId, const SignatureResult& result);
    void recentFilesChanged();
    void eventIndexChanged(const EventIndex* index);
    void eventsAdded(const QList<qint64>& captureIds);
    void fileTaskFinished(bool ok);

private:
    void startAfterPrune(bool continueLastSession);
    void onCapturesStored(const QList<Capture>& captures);
    void verifyArrivals();
    void runPendingCheck();
    void applySummaries(qint64 sessionId, const QList<CaptureSummary>& summaries);
    void addRecentFile(const QString& path);
    // One file operation at a time: while one runs, another is refused with a notice.
    void runFileTask(const QString& title, std::function<void(TaskControl&)> work, std::function<void(bool)> done);
    void rebuildEvents();
    void addEventArrivals(const QList<Capture>& captures);
    void mergeEventPayloads(quint64 generation, std::shared_ptr<std::vector<CapturePayload>> payloads, size_t from);
    void takeEventArrivals(); // the pending ones, once the batch before them is merged
    QString newSessionName() const;

    EndpointConfig m_config;
    Settings* m_settings;
    Endpoint* m_endpoint;
    std::unique_ptr<SessionStore> m_reader;
    CaptureTableModel* m_model;
    TaskRunner* m_tasks;
    ReverificationService* m_reverifier;
    ReplayController* m_replay = nullptr;
    SecretSet m_secrets;
    SignatureOptions m_options;
    quint64 m_secretsGeneration = 0;
    QList<Capture> m_unverified; // arrivals waiting for the one verification task that runs at a time
    qint64 m_unverifiedBytes = 0; // their bodies
    bool m_verifying = false;
    std::optional<Capture> m_pendingCheck; // the newest checkSignature() waiting for the running one
    bool m_checking = false;
    quint64 m_loadGeneration = 0;
    quint64 m_sessionGeneration = 0;
    bool m_loading = false; // a session's summaries are being read
    QList<CaptureSummary> m_arrivedWhileLoading;
    qint64 m_sessionId = 0;
    qint64 m_captureCount = 0;
    QString m_currentFile;
    bool m_ready = false;
    QList<QPair<qint64, int>> m_arrivals; // (msecs since epoch, count), the last ten seconds
    std::unique_ptr<EventIndex> m_events;
    quint64 m_eventsGeneration = 0;
    bool m_eventsBuilding = false;
    bool m_eventsReading = false; // a batch of arrivals is being read or merged
    bool m_eventsRebuildWanted = false; // arrivals were dropped while the index was built: build again after
    QList<Capture> m_eventsPending; // arrivals waiting for the batch being read, at most maxEventsPending
    qint64 m_eventsPendingBytes = 0;
    static constexpr qsizetype maxEventsPending = 20000;
    static constexpr qint64 maxEventsPendingBytes = 64 * 1024 * 1024;
    static constexpr int eventsMergeSliceMs = 8; // merging into the index yields to the event loop this often
};

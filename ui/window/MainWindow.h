// SPDX-License-Identifier: MIT
#pragma once

#include <QMainWindow>
#include <memory>

#include "http/Endpoint.h"
#include "signature/SecretSet.h"

class CaptureDetailView;
class CaptureFilterModel;
class CaptureTableModel;
class MessageBar;
class ReverificationService;
class SecretsPanel;
class SignatureView;
class QLabel;
class QUrl;
class QLineEdit;
class QMenu;
class QProgressBar;
class QPushButton;
class QSplitter;
class QTableView;
class SessionStore;
class Settings;

struct WindowOptions
{
    EndpointConfig endpoint;
    bool continueLastSession = true;
};

// The main window: the captures table filling live, the selected capture's details below it, and the
// listening URL in the status bar.
class MainWindow final : public QMainWindow
{
    Q_OBJECT

public:
    MainWindow(const WindowOptions& options, Settings* settings, QWidget* parent = nullptr);
    ~MainWindow() override;

    Endpoint* endpoint() const { return m_endpoint; }
    CaptureTableModel* captureModel() const { return m_model; }
    qint64 currentSessionId() const { return m_sessionId; }
    QString currentFile() const { return m_currentFile; }
    bool isBusy() const { return m_busy; }

    // File operations; each runs off the UI thread and reports in the status bar or message bar.
    void openFile(const QString& path); // a new session holding the file's captures
    void importFile(const QString& path); // the file's captures added to this session
    void saveToFile(const QString& path); // this session's captures
    void exportSelected(const QString& path);
    void newSession();
    void showSessionsDialog();
    void showResponseRulesDialog();
    void setSecrets(const SecretSet& secrets);
    bool openDroppedUrls(const QList<QUrl>& urls); // the first local file opens
    void showSession(qint64 sessionId);

Q_SIGNALS:
    void taskFinished(bool ok);

protected:
    void closeEvent(QCloseEvent* event) override;
    void dragEnterEvent(QDragEnterEvent* event) override;
    void dropEvent(QDropEvent* event) override;

private:
    using Task = std::function<void(const std::function<bool(qint64, qint64)>& progress)>;
    void runTask(const QString& title, Task work, std::function<void()> done);
    void createActions();
    void updateRecentMenu();
    void addRecentFile(const QString& path);
    QList<qint64> selectedIds() const;
    void copyAsCurl();
    void verifyInBackground(const QList<Capture>& captures);
    void showSignatureOf(const Capture& capture);
    void pruneStore();

    void startEndpoint();
    void onCapturesStored(const QList<Capture>& captures);
    void onCurrentRowChanged();
    void updateStatus();
    void copyUrl();

    WindowOptions m_options;
    Settings* m_settings;
    Endpoint* m_endpoint;
    std::unique_ptr<SessionStore> m_reader;
    CaptureTableModel* m_model;
    CaptureFilterModel* m_proxy;
    QTableView* m_table;
    QLineEdit* m_filter;
    QSplitter* m_splitter;
    CaptureDetailView* m_detail;
    MessageBar* m_messageBar;
    QLabel* m_statusLabel;
    SecretsPanel* m_secretsPanel;
    SignatureView* m_signatureView;
    ReverificationService* m_reverifier;
    SecretSet m_secrets;
    quint64 m_secretsGeneration = 0;
    QProgressBar* m_progress;
    QPushButton* m_cancel;
    QMenu* m_recentMenu = nullptr;
    QList<QAction*> m_fileActions;
    qint64 m_sessionId = 0;
    QString m_currentFile;
    qint64 m_captureCount = 0;
    bool m_follow = true;
    bool m_busy = false;
    std::atomic<bool> m_cancelRequested {false};
    std::atomic<qint64> m_progressDone {0};
    std::atomic<qint64> m_progressTotal {0};
};

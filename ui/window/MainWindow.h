// SPDX-License-Identifier: MIT
#pragma once

#include <QMainWindow>

#include "endpoint/Endpoint.h"

class AnalysisViews;
class ArrivalNotifier;
class CaptureDeletion;
class CaptureDetailView;
class CapturesPane;
class CaptureTableModel;
class MessageBar;
class QLabel;
class QProgressBar;
class QPushButton;
class QSplitter;
class QUrl;
class SecretsPanel;
class SessionController;
class Settings;
class SignatureView;
class TestDelivery;
class QTimer;
class WindowActions;
struct Capture;

struct WindowOptions
{
    EndpointConfig endpoint;
    bool continueLastSession = true;
};

// The main window: a view over a SessionController. The captures pane fills live, the selected
// capture's details are below it, the listening URL is in the status bar.
class MainWindow final : public QMainWindow
{
    Q_OBJECT

public:
    MainWindow(const WindowOptions& options, Settings* settings, QWidget* parent = nullptr);
    ~MainWindow() override;

    SessionController* controller() const { return m_controller; }
    CaptureDeletion* deletion() const { return m_deletion; }
    ArrivalNotifier* notifier() const { return m_notifier; }
    Endpoint* endpoint() const;
    CaptureTableModel* captureModel() const;
    qint64 currentSessionId() const;
    QString currentFile() const;
    bool isBusy() const;

    // File operations; each runs off the UI thread and reports in the status bar or message bar.
    void openFile(const QString& path);
    void importFile(const QString& path);
    void saveToFile(const QString& path);
    void exportSelected(const QString& path);
    void newSession();
    void showSessionsDialog();
    void showResponseRulesDialog();
    bool openDroppedUrls(const QList<QUrl>& urls); // the first local file opens
    void showSession(qint64 sessionId);

Q_SIGNALS:
    void taskFinished(bool ok);

protected:
    void closeEvent(QCloseEvent* event) override;
    void dragEnterEvent(QDragEnterEvent* event) override;
    void dropEvent(QDropEvent* event) override;

private:
    void connectActions();
    void connectController();
    void updateRecentMenu();
    void updateStatus();
    void requestStatusUpdate();
    void onCurrentCaptureChanged(qint64 id);
    void copyAsCurl();
    void copyUrl();
    void saveState();
    void sendTestDelivery();
    void saveBody(const Capture& capture);
    void showEndpointDialog();

    Settings* m_settings;
    SessionController* m_controller;
    WindowActions* m_actions;
    CapturesPane* m_captures;
    QSplitter* m_splitter;
    CaptureDetailView* m_detail;
    SignatureView* m_signatureView;
    MessageBar* m_messageBar;
    SecretsPanel* m_secretsPanel;
    QLabel* m_statusLabel;
    QProgressBar* m_progress;
    QPushButton* m_cancel;
    TestDelivery* m_testDelivery;
    AnalysisViews* m_analysis;
    CaptureDeletion* m_deletion = nullptr;
    ArrivalNotifier* m_notifier = nullptr;
    QTimer* m_statusTimer;
    bool m_statusPending = false;
    bool m_closed = false;
};

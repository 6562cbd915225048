// SPDX-License-Identifier: MIT
#pragma once

#include <QMainWindow>
#include <memory>

#include "http/Endpoint.h"

class CaptureDetailView;
class CaptureFilterModel;
class CaptureTableModel;
class MessageBar;
class QLabel;
class QLineEdit;
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

protected:
    void closeEvent(QCloseEvent* event) override;

private:
    void createActions();
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
    qint64 m_captureCount = 0;
    bool m_follow = true;
};

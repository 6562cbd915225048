// SPDX-License-Identifier: MIT
#pragma once

#include <QWidget>

#include "core/Capture.h"

class BodyView;
class HeadersView;
class JsonTreeView;
class OverviewView;
class QLabel;
class QPlainTextEdit;
class QTabWidget;

// The selected capture, one tab per view: Overview, Headers, Body, JSON, Raw, and the tabs the window
// adds (Signature, Events, Replay). A one-line summary sits above them.
class CaptureDetailView final : public QWidget
{
    Q_OBJECT

public:
    explicit CaptureDetailView(QWidget* parent = nullptr);
    void showCapture(const Capture& capture);
    void showNothing();
    void addTab(QWidget* page, const QString& title);
    QTabWidget* tabs() const { return m_tabs; }
    BodyView* bodyView() const { return m_body; }
    const Capture& capture() const { return m_capture; }

    // Bytes shown as text with control characters made visible, so the raw head reads exactly.
    static QString visibleText(const QByteArray& bytes);

Q_SIGNALS:
    void saveBodyRequested(const Capture& capture);

private:
    void showJson();

    Capture m_capture;
    bool m_jsonShown = true;
    QLabel* m_summary;
    QTabWidget* m_tabs;
    OverviewView* m_overview;
    HeadersView* m_headers;
    BodyView* m_body;
    JsonTreeView* m_json;
    QPlainTextEdit* m_raw;
};

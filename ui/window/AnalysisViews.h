// SPDX-License-Identifier: MIT
#pragma once

#include <QObject>

class CaptureDetailView;
class CapturesPane;
class EventIndex;
class EventsView;
class QWidget;
class ReplayView;
class SessionController;
struct Capture;
struct ReplayRequest;

// The window's views of what is inside captures: the Events tab, a document's timeline, the schemas
// seen and the comparison of two captures. It keeps them on the controller's current event index, and opens
// the dialogs the Replay tab asks for.
class AnalysisViews final : public QObject
{
    Q_OBJECT

public:
    AnalysisViews(SessionController* controller, CapturesPane* captures, CaptureDetailView* detail, QWidget* window);

    EventsView* eventsView() const { return m_events; }
    ReplayView* replayView() const { return m_replay; }
    void showCapture(const Capture& capture);
    void showNothing();
    void showTimeline(const QString& schema, const QString& docId);
    void showSchemas();
    void compareSelected(); // the two selected captures, or a message saying what to select

private:
    void editReplay(const ReplayRequest& request, bool canResign);

    SessionController* m_controller;
    CapturesPane* m_captures;
    QWidget* m_window;
    EventsView* m_events;
    ReplayView* m_replay;
};

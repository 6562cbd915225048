// SPDX-License-Identifier: MIT
#pragma once

#include <QDialog>

class EventIndex;
class TimelineView;

// A window around a TimelineView for one document, opened from the Events view's timelineRequested().
// Not modal; it deletes itself when closed. The index must outlive it.
class TimelineDialog final : public QDialog
{
    Q_OBJECT

public:
    TimelineDialog(const EventIndex* index, const QString& schema, const QString& docId, QWidget* parent = nullptr);
    TimelineView* view() const { return m_view; }

private:
    TimelineView* m_view;
};

// SPDX-License-Identifier: MIT
#include "window/AnalysisViews.h"

#include <QDialog>
#include <QDialogButtonBox>
#include <QVBoxLayout>

#include "detail/CaptureDetailView.h"
#include "detail/EventsView.h"
#include "detail/ReplayView.h"
#include "detail/SchemaView.h"
#include "detail/TimelineView.h"
#include "dialogs/CompareDialog.h"
#include "dialogs/ReplayEditorDialog.h"
#include "dialogs/ReplayTargetsDialog.h"
#include "dialogs/TimelineDialog.h"
#include "payload/CaptureCompare.h"
#include "payload/EventIndex.h"
#include "session/SessionController.h"
#include "window/CapturesPane.h"

namespace {
constexpr qsizetype maxSelectionLoaded = 500;
}

AnalysisViews::AnalysisViews(SessionController* controller, CapturesPane* captures, CaptureDetailView* detail,
                             QWidget* window)
    : QObject(window)
    , m_controller(controller)
    , m_captures(captures)
    , m_window(window)
    , m_events(new EventsView(detail))
    , m_replay(new ReplayView(controller->replay(), detail))
{
    detail->addTab(m_events, tr("&Events"));
    detail->addTab(m_replay, tr("Re&play"));
    connect(m_replay, &ReplayView::compareRequested, this,
            [this](const QString& leftTitle, const HttpHeaders& leftHeaders, const QByteArray& leftBody,
                   const QString& rightTitle, const HttpHeaders& rightHeaders, const QByteArray& rightBody) {
                auto* dialog = new CompareDialog({leftTitle, leftHeaders, leftBody},
                                                 {rightTitle, rightHeaders, rightBody}, m_window);
                dialog->setAttribute(Qt::WA_DeleteOnClose);
                dialog->show();
            });
    connect(m_replay, &ReplayView::targetsRequested, this, [this] {
        ReplayTargetsDialog dialog(m_controller->replay(), m_replay);
        dialog.exec();
    });
    connect(m_replay, &ReplayView::editRequested, this, &AnalysisViews::editReplay);
    m_events->setTaskRunner(controller->tasks());
    m_events->setIndex(controller->eventIndex());
    connect(controller, &SessionController::eventIndexChanged, m_events, [this](const EventIndex* index) {
        m_events->setIndex(index);
        m_events->refresh();
    });
    connect(controller, &SessionController::eventsAdded, m_events, [this](const QList<qint64>& ids) {
        if (ids.contains(m_events->captureId()))
            m_events->refresh();
    });
    connect(m_events, &EventsView::timelineRequested, this, &AnalysisViews::showTimeline);
}

void AnalysisViews::showCapture(const Capture& capture)
{
    m_events->showCapture(capture);
    // "Replay" sends the selection; bodies of a large selection are read when the batch starts instead.
    QList<Capture> selection;
    const QList<qint64> ids = m_captures->selectedIds();
    if (ids.size() > 1 && ids.size() <= maxSelectionLoaded) {
        for (const qint64 id : ids) {
            if (std::optional<Capture> selected = id == capture.id ? capture : m_controller->captureNow(id))
                selection.append(*selected);
        }
    }
    m_replay->setCapture(capture, selection);
}

void AnalysisViews::editReplay(const ReplayRequest& request, bool canResign)
{
    ReplayEditorDialog dialog(request, canResign, m_replay);
    if (dialog.exec() != QDialog::Accepted)
        return;
    if (const Expected<ReplayRequest> edited = dialog.request())
        m_replay->replayEdited(*edited, dialog.resign());
    else
        m_replay->report(edited.error().message, true);
}

void AnalysisViews::showNothing()
{
    m_events->showNothing();
    m_replay->clear();
}

void AnalysisViews::showTimeline(const QString& schema, const QString& docId)
{
    auto* dialog = new TimelineDialog(m_controller->eventIndex(), schema, docId, m_window);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    // The dialog follows the index while open: arrivals extend the timeline, a new session closes it.
    connect(m_controller, &SessionController::eventIndexChanged, dialog, &QWidget::close);
    connect(m_controller, &SessionController::eventsAdded, dialog, [dialog] { dialog->view()->refresh(); });
    connect(dialog->view(), &TimelineView::captureActivated, m_captures, &CapturesPane::selectCapture);
    dialog->show();
}

void AnalysisViews::showSchemas()
{
    auto* dialog = new QDialog(m_window);
    dialog->setObjectName(QStringLiteral("schemasDialog"));
    dialog->setWindowTitle(tr("Schemas Seen in This Session"));
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    auto* view = new SchemaView(dialog);
    view->setIndex(m_controller->eventIndex());
    view->refresh();
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close, dialog);
    connect(buttons, &QDialogButtonBox::rejected, dialog, &QDialog::reject);
    auto* layout = new QVBoxLayout(dialog);
    layout->addWidget(view, 1);
    layout->addWidget(buttons);
    connect(m_controller, &SessionController::eventIndexChanged, dialog, [view](const EventIndex* index) {
        view->setIndex(index);
        view->refresh();
    });
    connect(m_controller, &SessionController::eventsAdded, view, &SchemaView::refresh);
    dialog->resize(760, 480);
    dialog->show();
}

void AnalysisViews::compareSelected()
{
    const QList<qint64> ids = m_captures->selectedIds();
    if (ids.size() != 2) {
        Q_EMIT m_controller->notice(tr("Select two captures to compare (Ctrl+click the second)"));
        return;
    }
    const std::optional<Capture> left = m_controller->captureNow(ids.at(0));
    const std::optional<Capture> right = m_controller->captureNow(ids.at(1));
    if (!left || !right)
        return;
    auto* dialog = new CompareDialog(CompareSide::of(*left, tr("#%1").arg(left->id)),
                                     CompareSide::of(*right, tr("#%1").arg(right->id)), m_window);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->show();
}

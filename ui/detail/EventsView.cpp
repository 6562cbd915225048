// SPDX-License-Identifier: MIT
#include "detail/EventsView.h"

#include <QCoreApplication>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QKeyEvent>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPointer>
#include <QPushButton>
#include <QSplitter>
#include <QTableView>
#include <QVBoxLayout>

#include "core/Capture.h"
#include "models/EventsTableModel.h"
#include "models/FieldChangesModel.h"
#include "session/TaskRunner.h"
#include "widgets/ReadOnlyViews.h"

namespace {

QTableView* makeTable(const QString& objectName, const QString& name, QWidget* parent)
{
    QTableView* view = ReadOnlyViews::rowTable(objectName, parent);
    view->setAccessibleName(name);
    view->horizontalHeader()->setSectionResizeMode(QHeaderView::Interactive);
    return view;
}

QPlainTextEdit* makeText(const QString& objectName, const QString& name, QWidget* parent)
{
    QPlainTextEdit* text = ReadOnlyViews::fixedText(objectName, parent);
    text->setAccessibleName(name);
    return text;
}

} // namespace

EventsView::EventsView(QWidget* parent)
    : QWidget(parent)
    , m_summary(ReadOnlyViews::plainLabel(QStringLiteral("eventsSummaryLabel"), this))
    , m_notes(makeText(QStringLiteral("payloadNotesPlainTextEdit"), tr("Payload notes"), this))
    , m_events(makeTable(QStringLiteral("eventsTableView"), tr("Events"), this))
    , m_changes(makeTable(QStringLiteral("changesTableView"), tr("Changes of the selected event"), this))
    , m_value(makeText(QStringLiteral("changeValuePlainTextEdit"), tr("Selected value"), this))
    , m_timeline(new QPushButton(tr("&Timeline of this document"), this))
    , m_eventsModel(new EventsTableModel(this))
    , m_changesModel(new FieldChangesModel(this))
{
    setObjectName(QStringLiteral("eventsView"));
    m_notes->setMaximumHeight(fontMetrics().lineSpacing() * 5);
    m_timeline->setObjectName(QStringLiteral("timelinePushButton"));
    m_events->setModel(m_eventsModel);
    m_changes->setModel(m_changesModel);
    m_changes->installEventFilter(this);
    m_value->setPlaceholderText(tr("The selected change's values, whole"));

    auto* top = new QHBoxLayout;
    top->addWidget(m_summary, 1);
    top->addWidget(m_timeline);
    auto* splitter = new QSplitter(Qt::Vertical, this);
    splitter->setObjectName(QStringLiteral("eventsSplitter"));
    splitter->addWidget(m_events);
    splitter->addWidget(m_changes);
    splitter->addWidget(m_value);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 4, 0, 0);
    layout->addLayout(top);
    layout->addWidget(m_notes);
    layout->addWidget(splitter, 1);

    connect(m_events->selectionModel(), &QItemSelectionModel::currentRowChanged, this, &EventsView::showChanges);
    connect(m_changes->selectionModel(), &QItemSelectionModel::currentRowChanged, this, &EventsView::showValue);
    connect(m_events, &QAbstractItemView::doubleClicked, this, &EventsView::requestTimeline);
    connect(m_changes, &QAbstractItemView::doubleClicked, this,
            [this](const QModelIndex& index) { toggleFold(index.row()); });
    connect(m_timeline, &QPushButton::clicked, this, &EventsView::requestTimeline);
    showNothing();
}

EventsView::~EventsView() = default;

void EventsView::setIndex(const EventIndex* index)
{
    m_index = index;
    refresh();
}

const EventIndex* EventsView::source() const
{
    if (m_index && m_index->contains(m_captureId))
        return m_index;
    return &m_single;
}

void EventsView::showCapture(const Capture& capture)
{
    m_showing = true;
    m_captureId = capture.id;
    const quint64 generation = ++m_readGeneration;
    if (capture.body.size() <= readAtOnceBytes) {
        showPayload(capture.id, capture.receivedAt, PayloadReader::read(capture.body));
        return;
    }
    // A large body is read on the session's task runner; the tab says so meanwhile, and a newer selection wins.
    // Closing the window cancels the read and waits for it with the runner's other work.
    m_problems.clear();
    m_single.clear();
    m_summary->setText(tr("Reading the body's events…"));
    QPointer<EventsView> self(this);
    const QByteArray body = capture.body;
    const qint64 id = capture.id;
    const QDateTime receivedAt = capture.receivedAt;
    auto payload = std::make_shared<FirmPayload>();
    const auto show = [self, id, receivedAt, generation, payload](bool canceled) {
        if (!canceled && self && self->m_readGeneration == generation)
            self->showPayload(id, receivedAt, *payload);
    };
    const auto read = [body, payload](TaskControl&) {
        *payload = PayloadReader::read(body);
    };
    if (!m_tasks || !m_tasks->run(QString(), read, show, TaskRunner::Kind::Background)) {
        *payload = PayloadReader::read(body); // no runner (a view on its own, or one shut down): read here
        show(false);
    }
}

void EventsView::setTaskRunner(TaskRunner* tasks)
{
    m_tasks = tasks;
}

void EventsView::showPayload(qint64 captureId, const QDateTime& receivedAt, const FirmPayload& payload)
{
    // Unknown members and problems come from the body itself; the index keeps neither text. Long values are
    // cut: the JSON tab and the Body tab show them whole.
    const auto shortJson = [](const QByteArray& json) {
        constexpr qsizetype shown = 200;
        return json.size() <= shown ? QString::fromUtf8(json) : QString::fromUtf8(json.left(shown)) + u'…';
    };
    QStringList notes;
    for (const PayloadProblem& problem : payload.problems)
        notes.append(tr("Problem: %1").arg(problem.toString()));
    for (const PayloadField& field : payload.unknownFields)
        notes.append(tr("Other member: %1 = %2").arg(field.path, shortJson(field.json)));
    for (const PayloadEvent& event : payload.events) {
        for (const PayloadField& field : event.unknownFields)
            notes.append(tr("Other member: %1 = %2").arg(field.path, shortJson(field.json)));
    }
    m_problems = payload.isFirmApp() ? notes.join(QLatin1Char('\n')) : QString();
    m_single.clear();
    if (!m_index || !m_index->contains(captureId))
        m_single.add(CapturePayload {
            captureId, receivedAt.isValid() ? receivedAt.toMSecsSinceEpoch() : PayloadEvent::noTime, payload});
    showEvents();
}

void EventsView::showNothing()
{
    m_showing = false;
    m_captureId = 0;
    ++m_readGeneration;
    m_problems.clear();
    m_single.clear();
    m_eventsModel->setEvents({});
    m_changesModel->setChanges({});
    m_summary->setText(tr("No capture selected"));
    m_notes->clear();
    m_notes->setVisible(false);
    m_value->clear();
    m_timeline->setEnabled(false);
}

void EventsView::refresh()
{
    if (m_showing)
        showEvents();
}

bool EventsView::eventFilter(QObject* watched, QEvent* event)
{
    if (watched == m_changes && event->type() == QEvent::KeyPress) {
        const int key = static_cast<QKeyEvent*>(event)->key();
        if ((key == Qt::Key_Return || key == Qt::Key_Enter) && m_changes->currentIndex().isValid()) {
            toggleFold(m_changes->currentIndex().row());
            return true;
        }
    }
    return QWidget::eventFilter(watched, event);
}

void EventsView::toggleFold(int row)
{
    m_changesModel->toggleExpanded(row);
    m_changes->resizeRowToContents(row);
}

void EventsView::showEvents()
{
    const EventIndex* index = source();
    const int previous = m_events->currentIndex().row();
    const CaptureEventSummary summary = index->summary(m_captureId);
    m_eventsModel->setEvents(index->events(m_captureId));
    if (!summary.firmApp) {
        m_summary->setText(tr("Not a Firm App delivery: no \"payload\" member in a JSON body"));
    } else {
        QString text = tr("%n event(s)", nullptr, summary.eventCount);
        if (!summary.schemas.isEmpty())
            text += QStringLiteral(" \u00b7 ") + summary.schemas.join(QStringLiteral(", "));
        const QStringList flags = deliveryFlagNames(summary.flags);
        if (!flags.isEmpty())
            text += QStringLiteral(" \u00b7 ") + flags.join(QStringLiteral(", "));
        if (index == &m_single && m_index)
            text += QStringLiteral(" \u00b7 ") + tr("not in the session index yet: earlier values unknown");
        m_summary->setText(text);
    }
    m_notes->setPlainText(m_problems);
    m_notes->setVisible(!m_problems.isEmpty());
    m_events->resizeColumnsToContents();
    selectEvent(qMax(0, qMin(previous, int(m_eventsModel->rowCount()) - 1))); // no rows: none is selected
    if (m_eventsModel->rowCount() == 0)
        showChanges();
}

const EventInfo* EventsView::selectedEvent() const
{
    const int row = m_events->currentIndex().row();
    return row >= 0 && row < m_eventsModel->rowCount() ? &m_eventsModel->eventAt(row) : nullptr;
}

void EventsView::selectEvent(int row)
{
    if (ReadOnlyViews::selectRow(m_events, row))
        showChanges();
}

void EventsView::showChanges()
{
    const EventInfo* event = selectedEvent();
    m_timeline->setEnabled(event != nullptr);
    m_changesModel->setChanges(event ? source()->changes(event->captureId, event->index) : QList<FieldChange>());
    m_changes->resizeColumnsToContents();
    if (m_changesModel->rowCount() > 0)
        m_changes->setCurrentIndex(m_changesModel->index(0, 0));
    showValue();
}

void EventsView::showValue()
{
    const int row = m_changes->currentIndex().row();
    if (row < 0 || row >= m_changesModel->rowCount()) {
        const EventInfo* event = selectedEvent();
        m_value->setPlainText(event && event->action == EventAction::Delete
                                  ? tr("Nothing is known of this document's fields before its delete.")
                                  : QString());
        return;
    }
    const FieldChange& change = m_changesModel->changeAt(row);
    m_value->setPlainText(
        tr("%1\n\nBefore:\n%2\n\nAfter:\n%3")
            .arg(change.path, FieldChangesModel::beforeText(change, true), FieldChangesModel::afterText(change, true)));
}

void EventsView::requestTimeline()
{
    if (const EventInfo* event = selectedEvent())
        Q_EMIT timelineRequested(event->schema, event->docId);
}

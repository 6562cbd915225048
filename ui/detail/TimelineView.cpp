// SPDX-License-Identifier: MIT
#include "detail/TimelineView.h"

#include <QLabel>
#include <QPlainTextEdit>
#include <QSplitter>
#include <QTableView>
#include <QVBoxLayout>

#include "models/FieldChangesModel.h"
#include "models/TimelineModel.h"
#include "payload/EventIndex.h"
#include "widgets/ReadOnlyViews.h"

using namespace ReadOnlyViews;

TimelineView::TimelineView(QWidget* parent)
    : QWidget(parent)
    , m_title(plainLabel(QStringLiteral("timelineTitleLabel"), this))
    , m_entries(rowTable(QStringLiteral("timelineTableView"), this))
    , m_changes(rowTable(QStringLiteral("timelineChangesTableView"), this))
    , m_state(fixedText(QStringLiteral("timelineStatePlainTextEdit"), this))
    , m_model(new TimelineModel(this))
    , m_changesModel(new FieldChangesModel(this))
{
    setObjectName(QStringLiteral("timelineView"));
    m_state->setPlaceholderText(tr("The document's known state after the selected event"));
    m_entries->setModel(m_model);
    m_changes->setModel(m_changesModel);

    auto* splitter = new QSplitter(Qt::Vertical, this);
    splitter->addWidget(m_entries);
    splitter->addWidget(m_changes);
    splitter->addWidget(m_state);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 4, 0, 0);
    layout->addWidget(m_title);
    layout->addWidget(splitter, 1);

    connect(m_entries->selectionModel(), &QItemSelectionModel::currentRowChanged, this, &TimelineView::showEntry);
    connect(m_entries, &QAbstractItemView::activated, this, [this](const QModelIndex& index) {
        Q_EMIT captureActivated(m_model->entryAt(index.row()).event.captureId);
    });
    showDocument({}, {});
}

void TimelineView::setIndex(const EventIndex* index)
{
    m_index = index;
    refresh();
}

void TimelineView::showDocument(const QString& schema, const QString& docId)
{
    m_schema = schema;
    m_docId = docId;
    m_entries->setCurrentIndex({});
    refresh();
}

void TimelineView::refresh()
{
    const int previous = m_entries->currentIndex().row();
    if (!m_index || m_docId.isEmpty()) {
        m_model->setTimeline({});
        m_title->setText(m_docId.isEmpty() ? tr("No document selected") : tr("No session index"));
        showEntry();
        return;
    }
    const DocumentTimeline timeline = m_index->timeline(m_schema, m_docId);
    m_model->setTimeline(timeline);
    m_title->setText(tr("%1 %2: %n event(s)", nullptr, int(timeline.entries.size())).arg(m_schema, m_docId));
    m_entries->resizeColumnsToContents();
    const int rows = m_model->rowCount();
    // A new document starts at its latest state; a refresh keeps the row that was selected.
    selectEntry(previous >= 0 && previous < rows ? previous : rows - 1);
    if (rows == 0)
        showEntry();
}

void TimelineView::selectEntry(int row)
{
    if (ReadOnlyViews::selectRow(m_entries, row))
        showEntry();
}

void TimelineView::showEntry()
{
    const int row = m_entries->currentIndex().row();
    if (row < 0 || row >= m_model->rowCount()) {
        m_changesModel->setChanges({});
        m_state->clear();
        return;
    }
    const TimelineEntry& entry = m_model->entryAt(row);
    m_changesModel->setChanges(entry.changes);
    m_changes->resizeColumnsToContents();
    m_state->setPlainText(
        m_model->data(m_model->index(row, TimelineModel::StateColumn), TimelineModel::FullTextRole).toString());
}

// SPDX-License-Identifier: MIT
#include "window/CapturesPane.h"

#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLineEdit>
#include <QScrollBar>
#include <QTableView>
#include <QVBoxLayout>
#include <algorithm>

#include "models/CaptureFilterModel.h"
#include "session/CaptureTableModel.h"

CapturesPane::CapturesPane(CaptureTableModel* model, QWidget* parent)
    : QWidget(parent)
    , m_model(model)
    , m_proxy(new CaptureFilterModel(this))
    , m_filter(new QLineEdit(this))
    , m_table(new QTableView(this))
{
    setObjectName(QStringLiteral("capturesPane"));
    m_proxy->setCaptureModel(m_model);

    m_table->setObjectName(QStringLiteral("captureTableView"));
    m_table->setAccessibleName(tr("Captures"));
    m_table->setModel(m_proxy);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_table->setSortingEnabled(true);
    m_table->sortByColumn(CaptureTableModel::TimeColumn, Qt::AscendingOrder);
    m_table->verticalHeader()->hide();
    m_table->verticalHeader()->setDefaultSectionSize(m_table->fontMetrics().height() + 6);
    m_table->setWordWrap(false);
    m_table->setAlternatingRowColors(true);
    QHeaderView* header = m_table->horizontalHeader();
    header->setStretchLastSection(false);
    header->setSectionsMovable(true);
    header->setSectionResizeMode(CaptureTableModel::PathColumn, QHeaderView::Stretch);
    const QFontMetrics metrics = m_table->fontMetrics();
    m_table->setColumnWidth(CaptureTableModel::TimeColumn,
                            metrics.horizontalAdvance(QStringLiteral("00:00:00.000000")));
    m_table->setColumnWidth(CaptureTableModel::MethodColumn, metrics.horizontalAdvance(QStringLiteral("OPTIONS000")));
    m_table->setColumnWidth(CaptureTableModel::SizeColumn, metrics.horizontalAdvance(QStringLiteral("000.0 KiB00")));
    m_table->setColumnWidth(CaptureTableModel::StatusColumn,
                            metrics.horizontalAdvance(QStringLiteral("400 malformed00")));
    m_table->setColumnWidth(CaptureTableModel::SignatureColumn,
                            metrics.horizontalAdvance(QStringLiteral("invalid: stale timestamp · Standard Webhooks")));

    m_filter->setObjectName(QStringLiteral("filterLineEdit"));
    m_filter->setAccessibleName(tr("Filter captures"));
    m_filter->setPlaceholderText(tr("Filter by method, path, status (Ctrl+F)"));
    m_filter->setClearButtonEnabled(true);
    connect(m_filter, &QLineEdit::textChanged, this, [this](const QString& text) { m_proxy->setFilterText(text); });

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_filter);
    layout->addWidget(m_table, 1);

    connect(m_table->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            [this] { Q_EMIT currentCaptureChanged(currentId()); });
    connect(m_model, &CaptureTableModel::rowsFlushed, this, [this] {
        const QScrollBar* bar = m_table->verticalScrollBar();
        // Following stops while the user looks at earlier rows, and resumes at the bottom.
        if (m_follow && bar->value() >= bar->maximum() - 2)
            QMetaObject::invokeMethod(m_table, &QTableView::scrollToBottom, Qt::QueuedConnection);
    });
    connect(m_model, &QAbstractItemModel::modelReset, this, [this] {
        if (m_follow)
            QMetaObject::invokeMethod(m_table, &QTableView::scrollToBottom, Qt::QueuedConnection);
        Q_EMIT currentCaptureChanged(0);
    });
}

qint64 CapturesPane::currentId() const
{
    const QModelIndex current = m_proxy->mapToSource(m_table->currentIndex());
    return current.isValid() ? m_model->idAt(current.row()) : 0;
}

QList<qint64> CapturesPane::selectedIds() const
{
    QList<qint64> ids;
    const QModelIndexList rows = m_table->selectionModel()->selectedRows();
    for (const QModelIndex& row : rows)
        ids.append(m_model->idAt(m_proxy->mapToSource(row).row()));
    std::sort(ids.begin(), ids.end());
    return ids;
}

void CapturesPane::setFollowing(bool follow)
{
    m_follow = follow;
    if (follow)
        m_table->scrollToBottom();
}

void CapturesPane::focusFilter()
{
    m_filter->setFocus();
    m_filter->selectAll();
}

void CapturesPane::scrollToEnd()
{
    m_table->scrollToBottom();
}

QByteArray CapturesPane::saveHeaderState() const
{
    return m_table->horizontalHeader()->saveState();
}

void CapturesPane::restoreHeaderState(const QByteArray& state)
{
    if (!state.isEmpty())
        m_table->horizontalHeader()->restoreState(state);
}

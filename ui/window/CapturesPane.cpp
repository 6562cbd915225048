// SPDX-License-Identifier: MIT
#include "window/CapturesPane.h"

#include <QAbstractItemView>
#include <QCompleter>
#include <QCoreApplication>
#include <QEvent>
#include <QHeaderView>
#include <QInputMethodEvent>
#include <QItemSelectionModel>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QScrollBar>
#include <QStringListModel>
#include <QTableView>
#include <QTextCharFormat>
#include <QVBoxLayout>
#include <algorithm>

#include "filter/FilterError.h"
#include "filter/FilterKey.h"
#include "models/CaptureFilterModel.h"
#include "session/CaptureTableModel.h"
#include "widgets/Theme.h"
#include "window/EmptyState.h"

CapturesPane::CapturesPane(CaptureTableModel* model, QWidget* parent)
    : QWidget(parent)
    , m_model(model)
    , m_proxy(new CaptureFilterModel(this))
    , m_filter(new QLineEdit(this))
    , m_table(new QTableView(this))
    , m_empty(new EmptyState(m_table->viewport()))
    , m_filterError(new QLabel(this))
    , m_completer(new QCompleter(this))
    , m_completions(new QStringListModel(this))
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
    header->setContextMenuPolicy(Qt::CustomContextMenu);
    // Any column but the path can be hidden from the header's menu; the window keeps the choice.
    connect(header, &QHeaderView::customContextMenuRequested, this, [this, header](const QPoint& at) {
        QMenu menu(this);
        for (int column = 0; column < m_model->columnCount(); ++column) {
            QAction* action = menu.addAction(m_model->headerData(column, Qt::Horizontal).toString());
            action->setCheckable(true);
            action->setChecked(!header->isSectionHidden(column));
            action->setEnabled(column != CaptureTableModel::PathColumn);
            connect(action, &QAction::toggled, header,
                    [header, column](bool on) { header->setSectionHidden(column, !on); });
        }
        menu.exec(header->mapToGlobal(at));
    });
    header->setSectionResizeMode(CaptureTableModel::PathColumn, QHeaderView::Stretch);
    const QFontMetrics metrics = m_table->fontMetrics();
    m_table->setColumnWidth(CaptureTableModel::NumberColumn, metrics.horizontalAdvance(QStringLiteral("0000000")));
    m_table->setColumnWidth(CaptureTableModel::SourceColumn,
                            metrics.horizontalAdvance(QStringLiteral("127.000.000.1")));
    m_table->setColumnWidth(CaptureTableModel::EventsColumn,
                            metrics.horizontalAdvance(QStringLiteral("00 2 · user  duplicate")));
    m_table->setColumnWidth(CaptureTableModel::TimeColumn,
                            metrics.horizontalAdvance(QStringLiteral("00:00:00.000000")));
    m_table->setColumnWidth(CaptureTableModel::MethodColumn, metrics.horizontalAdvance(QStringLiteral("OPTIONS000")));
    m_table->setColumnWidth(CaptureTableModel::SizeColumn, metrics.horizontalAdvance(QStringLiteral("000.0 KiB00")));
    m_table->setColumnWidth(CaptureTableModel::StatusColumn,
                            metrics.horizontalAdvance(QStringLiteral("400 malformed00")));
    m_table->setColumnWidth(CaptureTableModel::SignatureColumn,
                            metrics.horizontalAdvance(QStringLiteral("00invalid: wrong secret · GitHub")));

    m_filter->setObjectName(QStringLiteral("filterLineEdit"));
    m_filter->setAccessibleName(tr("Filter captures"));
    m_filter->setPlaceholderText(tr("Filter (Ctrl+F): text, method:POST, path:/hooks/*, status:>=400, sig:invalid, "
                                    "schema:user, doc:u1, size:>10k, after:-1h, -negated, or"));
    m_filter->setClearButtonEnabled(true);
    m_filterError->setObjectName(QStringLiteral("filterErrorLabel"));
    m_filterError->setTextFormat(Qt::PlainText);
    m_filterError->setWordWrap(true);
    Theme::applyTone(m_filterError, Theme::Tone::Bad);
    m_filterError->hide();
    // Keys complete as they are typed; recent queries are offered for an empty field.
    m_completer->setModel(m_completions);
    m_completer->setCompletionMode(QCompleter::UnfilteredPopupCompletion);
    m_completer->setCaseSensitivity(Qt::CaseInsensitive);
    m_completer->setWidget(m_filter);
    connect(m_completer, qOverload<const QString&>(&QCompleter::activated), this, [this](const QString& choice) {
        QString text = m_filter->text();
        const qsizetype start = text.lastIndexOf(QLatin1Char(' ')) + 1;
        const bool whole = !choice.endsWith(QLatin1Char(':'));
        m_filter->setText(whole && m_recent.contains(choice) ? choice : text.left(start) + choice);
    });
    connect(m_filter, &QLineEdit::textEdited, this, &CapturesPane::updateCompletions);
    connect(m_filter, &QLineEdit::textChanged, this, [this](const QString& text) {
        clearFilterError();
        m_proxy->setFilterText(text);
    });
    connect(m_filter, &QLineEdit::returnPressed, this, [this] { remember(m_filter->text()); });
    connect(m_proxy, &CaptureFilterModel::filterFailed, this, &CapturesPane::showFilterError);

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_filter);
    layout->addWidget(m_filterError);
    layout->addWidget(m_table, 1);

    connect(m_table->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            [this] { Q_EMIT currentCaptureChanged(currentId()); });
    connect(m_model, &CaptureTableModel::rowsFlushed, this, [this] {
        const QScrollBar* bar = m_table->verticalScrollBar();
        // Following stops while the user looks at earlier rows, and resumes at the bottom.
        if (m_follow && bar->value() >= bar->maximum() - 2)
            QMetaObject::invokeMethod(m_table, &QTableView::scrollToBottom, Qt::QueuedConnection);
    });
    m_table->viewport()->installEventFilter(this);
    connect(m_proxy, &QAbstractItemModel::rowsInserted, this, &CapturesPane::updateEmptyState);
    connect(m_proxy, &QAbstractItemModel::rowsRemoved, this, &CapturesPane::updateEmptyState);
    connect(m_proxy, &QAbstractItemModel::modelReset, this, &CapturesPane::updateEmptyState);
    connect(m_proxy, &QAbstractItemModel::layoutChanged, this, &CapturesPane::updateEmptyState);
    updateEmptyState();
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

void CapturesPane::selectCapture(qint64 id)
{
    const int row = m_model->rowOfId(id);
    if (row < 0)
        return;
    const QModelIndex index = m_proxy->mapFromSource(m_model->index(row, CaptureTableModel::PathColumn));
    if (!index.isValid())
        return;
    m_table->setCurrentIndex(index);
    m_table->scrollTo(index);
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

void CapturesPane::updateEmptyState()
{
    // Only an empty session shows the guide; a filter that matches nothing shows an empty table.
    const bool show = m_model->rowCount() == 0;
    m_empty->setVisible(show);
    if (show) {
        const QRect area = m_table->viewport()->rect();
        const QSize hint = m_empty->sizeHint();
        const int width = qMin(area.width() - 24, qMax(hint.width(), 560));
        m_empty->setGeometry(QRect(QPoint((area.width() - width) / 2, 16), QSize(width, hint.height())));
        m_empty->raise();
    }
}

bool CapturesPane::eventFilter(QObject* watched, QEvent* event)
{
    if (watched == m_table->viewport() && event->type() == QEvent::Resize)
        updateEmptyState();
    return QWidget::eventFilter(watched, event);
}

void CapturesPane::showFilterError(const FilterError& error)
{
    m_filterError->setText(tr("Column %1: %2").arg(error.start + 1).arg(error.message));
    m_filterError->show();
    // The bad part is underlined in the field itself, as a spell checker would.
    QTextCharFormat underline;
    underline.setUnderlineStyle(QTextCharFormat::WaveUnderline);
    underline.setUnderlineColor(Theme::color(Theme::Tone::Bad));
    const int start = int(error.start) - m_filter->cursorPosition();
    QList<QInputMethodEvent::Attribute> attributes {
        {QInputMethodEvent::TextFormat, start, int(qMax<qsizetype>(1, error.length)), underline}};
    QInputMethodEvent event(QString(), attributes);
    QCoreApplication::sendEvent(m_filter, &event);
}

void CapturesPane::clearFilterError()
{
    if (m_filterError->isHidden())
        return;
    m_filterError->hide();
    QInputMethodEvent event(QString(), {});
    QCoreApplication::sendEvent(m_filter, &event);
}

void CapturesPane::updateCompletions()
{
    const QString text = m_filter->text();
    const QString word = text.mid(text.lastIndexOf(QLatin1Char(' ')) + 1);
    QStringList items;
    if (text.isEmpty()) {
        items = m_recent;
    } else if (!word.contains(QLatin1Char(':')) && !word.isEmpty()) {
        const QString bare = word.startsWith(QLatin1Char('-')) ? word.mid(1) : word;
        for (const FilterKeyInfo& info : FilterKeys::all()) {
            if (info.name.startsWith(bare, Qt::CaseInsensitive))
                items.append((word.startsWith(QLatin1Char('-')) ? QStringLiteral("-") : QString()) + info.name
                             + QLatin1Char(':'));
        }
    } else if (const qsizetype colon = word.indexOf(QLatin1Char(':')); colon > 0) {
        const QString key = word.left(colon).remove(QLatin1Char('-'));
        for (const FilterKeyInfo& info : FilterKeys::all()) {
            if (info.name.compare(key, Qt::CaseInsensitive) != 0)
                continue;
            const QString typed = word.mid(colon + 1);
            for (const QString& value : info.values) {
                if (value.startsWith(typed, Qt::CaseInsensitive) && value != typed)
                    items.append(word.left(colon + 1) + value);
            }
        }
    }
    m_completions->setStringList(items);
    if (items.isEmpty())
        m_completer->popup()->hide();
    else
        m_completer->complete();
}

void CapturesPane::remember(const QString& query)
{
    const QString trimmed = query.trimmed();
    if (trimmed.isEmpty() || m_filterError->isVisible())
        return;
    m_recent.removeAll(trimmed);
    m_recent.prepend(trimmed);
    while (m_recent.size() > 20)
        m_recent.removeLast();
    Q_EMIT recentQueriesChanged(m_recent);
}

void CapturesPane::setRecentQueries(const QStringList& queries)
{
    m_recent = queries;
}

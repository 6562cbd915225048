// SPDX-License-Identifier: MIT
#include "detail/HeadersView.h"

#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QHash>
#include <QHeaderView>
#include <QTreeWidget>
#include <QVBoxLayout>

HeadersView::HeadersView(QWidget* parent)
    : QWidget(parent)
    , m_tree(new QTreeWidget(this))
{
    m_tree->setObjectName(QStringLiteral("headersTreeWidget"));
    m_tree->setAccessibleName(tr("Request headers"));
    m_tree->setHeaderLabels({tr("Name"), tr("Value")});
    m_tree->setRootIsDecorated(false);
    m_tree->setUniformRowHeights(true);
    m_tree->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_tree->header()->setSectionResizeMode(0, QHeaderView::ResizeToContents);
    m_tree->setContextMenuPolicy(Qt::ActionsContextMenu);
    auto addCopy = [this](const QString& text, const QKeySequence& keys, auto what) {
        auto* action = new QAction(text, m_tree);
        action->setShortcut(keys);
        action->setShortcutContext(Qt::WidgetShortcut);
        connect(action, &QAction::triggered, this, [what] { QApplication::clipboard()->setText(what()); });
        m_tree->addAction(action);
    };
    addCopy(tr("Copy Lines"), QKeySequence::Copy, [this] { return selectedLines(); });
    addCopy(tr("Copy Name"), {}, [this] { return m_tree->currentItem() ? m_tree->currentItem()->text(0) : QString(); });
    addCopy(tr("Copy Value"), {},
            [this] { return m_tree->currentItem() ? m_tree->currentItem()->text(1) : QString(); });
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_tree);
}

void HeadersView::showHeaders(const HttpHeaders& headers, const HttpHeaders& trailers)
{
    m_tree->clear();
    QHash<QByteArray, int> counts;
    for (const HttpHeader& header : headers)
        ++counts[header.first.toLower()];
    QList<QTreeWidgetItem*> items;
    items.reserve(headers.size() + trailers.size());
    for (const HttpHeader& header : headers) {
        auto* item = new QTreeWidgetItem({QString::fromUtf8(header.first), QString::fromUtf8(header.second)});
        const int count = counts.value(header.first.toLower());
        if (count > 1) {
            QFont font = item->font(0);
            font.setBold(true);
            item->setFont(0, font);
            item->setToolTip(0, tr("Sent %n times: every line is kept, in order", nullptr, count));
        }
        items.append(item);
    }
    for (const HttpHeader& trailer : trailers) {
        auto* item = new QTreeWidgetItem({QString::fromUtf8(trailer.first), QString::fromUtf8(trailer.second)});
        item->setToolTip(0, tr("Trailer (sent after a chunked body)"));
        items.append(item);
    }
    m_tree->addTopLevelItems(items);
}

void HeadersView::clear()
{
    m_tree->clear();
}

QString HeadersView::selectedLines() const
{
    QList<QTreeWidgetItem*> items = m_tree->selectedItems();
    if (items.isEmpty()) {
        for (int i = 0; i < m_tree->topLevelItemCount(); ++i)
            items.append(m_tree->topLevelItem(i));
    }
    std::sort(items.begin(), items.end(), [this](QTreeWidgetItem* a, QTreeWidgetItem* b) {
        return m_tree->indexOfTopLevelItem(a) < m_tree->indexOfTopLevelItem(b);
    });
    QStringList lines;
    for (const QTreeWidgetItem* item : std::as_const(items))
        lines.append(item->text(0) + QStringLiteral(": ") + item->text(1));
    return lines.join(QLatin1Char('\n'));
}

// SPDX-License-Identifier: MIT
#include "detail/JsonTreeView.h"

#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QTreeView>
#include <QVBoxLayout>

#include "core/ByteSize.h"
#include "json/JsonReader.h"
#include "models/JsonTreeModel.h"

JsonTreeView::JsonTreeView(QWidget* parent)
    : QWidget(parent)
    , m_model(new JsonTreeModel(this))
    , m_search(new QLineEdit(this))
    , m_status(new QLabel(this))
    , m_tree(new QTreeView(this))
{
    m_search->setObjectName(QStringLiteral("jsonSearchLineEdit"));
    m_search->setAccessibleName(tr("Search the JSON"));
    m_search->setPlaceholderText(tr("Search keys and values (Enter: next)"));
    m_search->setClearButtonEnabled(true);
    m_status->setObjectName(QStringLiteral("jsonStatusLabel"));
    m_status->setTextFormat(Qt::PlainText);
    m_tree->setObjectName(QStringLiteral("jsonTreeView"));
    m_tree->setAccessibleName(tr("JSON tree"));
    m_tree->setModel(m_model);
    m_tree->setUniformRowHeights(true);
    m_tree->header()->setSectionResizeMode(JsonTreeModel::KeyColumn, QHeaderView::ResizeToContents);
    m_tree->setContextMenuPolicy(Qt::ActionsContextMenu);
    auto* copyPath = new QAction(tr("Copy Path"), m_tree);
    copyPath->setObjectName(QStringLiteral("copyJsonPathAction"));
    connect(copyPath, &QAction::triggered, this, [this] { QApplication::clipboard()->setText(currentPath()); });
    auto* copyValue = new QAction(tr("Copy Value"), m_tree);
    copyValue->setObjectName(QStringLiteral("copyJsonValueAction"));
    copyValue->setShortcut(QKeySequence::Copy);
    copyValue->setShortcutContext(Qt::WidgetShortcut);
    connect(copyValue, &QAction::triggered, this, [this] { QApplication::clipboard()->setText(currentRaw()); });
    m_tree->addActions({copyValue, copyPath});

    auto* bar = new QHBoxLayout;
    bar->addWidget(m_search, 1);
    bar->addWidget(m_status);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(bar);
    layout->addWidget(m_tree, 1);
    connect(m_search, &QLineEdit::textChanged, this, [this] {
        m_nextMatch = 0;
        findNext();
    });
    connect(m_search, &QLineEdit::returnPressed, this, &JsonTreeView::findNext);
}

void JsonTreeView::showBody(const QByteArray& body)
{
    m_nextMatch = 0;
    if (body.size() > maxBytes) {
        m_model->setDocument({});
        m_status->setText(tr("%1: too large for the tree").arg(ByteSize::text(body.size())));
        return;
    }
    const JsonReadResult parsed = JsonReader::read(body, {.maxDepth = 10000, .skipByteOrderMark = true});
    if (!parsed.ok()) {
        m_model->setDocument({});
        m_status->setText(body.isEmpty() ? tr("No body") : tr("Not JSON: %1").arg(parsed.error->toString()));
        return;
    }
    m_model->setDocument(parsed.document);
    m_tree->expandToDepth(2);
    m_status->clear();
}

void JsonTreeView::clear()
{
    m_model->setDocument({});
    m_status->clear();
}

QString JsonTreeView::currentPath() const
{
    return m_tree->currentIndex().data(JsonTreeModel::PathRole).toString();
}

QString JsonTreeView::currentRaw() const
{
    return m_tree->currentIndex().data(JsonTreeModel::RawRole).toString();
}

void JsonTreeView::findNext()
{
    const QModelIndexList found = m_model->find(m_search->text());
    if (found.isEmpty()) {
        m_status->setText(m_search->text().isEmpty() ? QString() : tr("no match"));
        return;
    }
    const int at = m_nextMatch % int(found.size());
    m_nextMatch = at + 1;
    m_tree->setCurrentIndex(found.at(at));
    m_tree->scrollTo(found.at(at));
    m_status->setText(tr("%1 of %2").arg(at + 1).arg(found.size()));
}

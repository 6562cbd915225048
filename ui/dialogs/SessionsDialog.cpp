// SPDX-License-Identifier: MIT
#include "dialogs/SessionsDialog.h"

#include <QAction>
#include <QFont>
#include <QHeaderView>
#include <QLocale>
#include <QMessageBox>
#include <QPushButton>
#include <QThread>
#include <QTreeWidget>
#include <algorithm>
#include <memory>
#include <optional>
#include <utility>

#include "core/ByteSize.h"
#include "session/StoreMessages.h"
#include "ui_SessionsDialog.h"
#include "widgets/MessageBar.h"

namespace {

SessionsDialog::Confirmation nextConfirmation = SessionsDialog::Confirmation::Ask;

QString formatSize(qint64 bytes)
{
    return ByteSize::text(bytes);
}

QString formatDate(const QDateTime& time)
{
    return QLocale().toString(time.toLocalTime(), QLocale::ShortFormat);
}

} // namespace

SessionsDialog::SessionsDialog(SessionStore* store, qint64 currentSessionId, const StoreBudget& budget, QWidget* parent)
    : QDialog(parent)
    , m_ui(std::make_unique<Ui::SessionsDialog>())
    , m_store(store)
    , m_currentSessionId(currentSessionId)
    , m_budget(budget)
    , m_messageBar(new MessageBar(this))
    , m_openAction(new QAction(tr("&Open"), this))
    , m_renameAction(new QAction(tr("&Rename"), this))
    , m_deleteAction(new QAction(tr("&Delete…"), this))
{
    m_ui->setupUi(this);
    setObjectName(QStringLiteral("sessionsDialog"));
    m_ui->mainVerticalLayout->insertWidget(0, m_messageBar);

    QTreeWidget* tree = m_ui->sessionsTreeWidget;
    tree->setAccessibleName(tr("Sessions"));
    tree->header()->setStretchLastSection(false);
    tree->header()->setSectionResizeMode(NameColumn, QHeaderView::Stretch);
    for (int column : {CreatedColumn, LastCaptureColumn, CapturesColumn, SizeColumn})
        tree->header()->setSectionResizeMode(column, QHeaderView::ResizeToContents);
    tree->headerItem()->setTextAlignment(CapturesColumn, Qt::AlignRight | Qt::AlignVCenter);
    tree->headerItem()->setTextAlignment(SizeColumn, Qt::AlignRight | Qt::AlignVCenter);

    // Enter reaches the Open button as the dialog's default; Delete and F2 belong to the list only, so that they
    // edit text normally inside the rename editor.
    m_openAction->setObjectName(QStringLiteral("openSessionAction"));
    m_renameAction->setObjectName(QStringLiteral("renameSessionAction"));
    m_renameAction->setShortcut(QKeySequence(Qt::Key_F2));
    m_deleteAction->setObjectName(QStringLiteral("deleteSessionAction"));
    m_deleteAction->setShortcut(QKeySequence(Qt::Key_Delete));
    for (QAction* action : {m_openAction, m_renameAction, m_deleteAction}) {
        action->setShortcutContext(Qt::WidgetShortcut);
        tree->addAction(action);
    }
    tree->setContextMenuPolicy(Qt::ActionsContextMenu);

    connect(m_openAction, &QAction::triggered, this, &SessionsDialog::openSelected);
    connect(m_renameAction, &QAction::triggered, this, &SessionsDialog::renameSelected);
    connect(m_deleteAction, &QAction::triggered, this, &SessionsDialog::deleteSelected);
    connect(m_ui->openSessionPushButton, &QPushButton::clicked, this, &SessionsDialog::openSelected);
    connect(m_ui->renameSessionPushButton, &QPushButton::clicked, this, &SessionsDialog::renameSelected);
    connect(m_ui->deleteSessionPushButton, &QPushButton::clicked, this, &SessionsDialog::deleteSelected);
    connect(m_ui->dialogButtonBox, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(tree, &QTreeWidget::itemDoubleClicked, this, &SessionsDialog::openSelected);
    connect(tree, &QTreeWidget::itemChanged, this, &SessionsDialog::onItemChanged);
    connect(tree, &QTreeWidget::currentItemChanged, this, &SessionsDialog::updateActions);

    refresh();
    tree->setFocus();
}

SessionsDialog::~SessionsDialog() = default;

void SessionsDialog::setNextConfirmation(Confirmation answer)
{
    nextConfirmation = answer;
}

void SessionsDialog::refresh()
{
    const qint64 selected = selectedSessionId();
    m_sessions = m_store ? m_store->sessions() : QList<SessionInfo> {};
    std::stable_sort(m_sessions.begin(), m_sessions.end(), [](const SessionInfo& a, const SessionInfo& b) {
        return a.createdAt != b.createdAt ? a.createdAt > b.createdAt : a.id > b.id;
    });

    QTreeWidget* tree = m_ui->sessionsTreeWidget;
    m_filling = true;
    tree->clear();
    QList<QTreeWidgetItem*> items;
    items.reserve(m_sessions.size());
    for (const SessionInfo& info : std::as_const(m_sessions)) {
        auto* item = new QTreeWidgetItem;
        item->setText(NameColumn, info.name);
        item->setText(CreatedColumn, formatDate(info.createdAt));
        item->setText(LastCaptureColumn, info.captureCount > 0 ? formatDate(info.lastActivityAt) : QString());
        item->setText(CapturesColumn, QLocale().toString(info.captureCount));
        item->setText(SizeColumn, formatSize(info.storedBytes));
        item->setTextAlignment(CapturesColumn, Qt::AlignRight | Qt::AlignVCenter);
        item->setTextAlignment(SizeColumn, Qt::AlignRight | Qt::AlignVCenter);
        item->setFlags(item->flags() | Qt::ItemIsEditable);
        const bool current = info.id == m_currentSessionId;
        for (int column = 0; column < tree->columnCount(); ++column) {
            item->setData(column, SessionIdRole, info.id);
            item->setData(column, CurrentRole, current);
            if (current) {
                QFont font = item->font(column);
                font.setBold(true);
                item->setFont(column, font);
                item->setToolTip(column, tr("The current session: it is capturing now and cannot be deleted."));
            }
        }
        items.append(item);
    }
    tree->addTopLevelItems(items);
    m_filling = false;

    if (itemFor(selected))
        selectSession(selected);
    else if (itemFor(m_currentSessionId))
        selectSession(m_currentSessionId);
    else if (tree->topLevelItemCount() > 0)
        selectSession(tree->topLevelItem(0)->data(NameColumn, SessionIdRole).toLongLong());
    updateActions();
    updateBudget();
}

qint64 SessionsDialog::selectedSessionId() const
{
    const QTreeWidgetItem* item = m_ui->sessionsTreeWidget->currentItem();
    return item && item->isSelected() ? item->data(NameColumn, SessionIdRole).toLongLong() : 0;
}

void SessionsDialog::selectSession(qint64 sessionId)
{
    if (QTreeWidgetItem* item = itemFor(sessionId)) {
        m_ui->sessionsTreeWidget->setCurrentItem(item, NameColumn);
        m_ui->sessionsTreeWidget->scrollToItem(item);
    }
    updateActions();
}

QTreeWidgetItem* SessionsDialog::itemFor(qint64 sessionId) const
{
    QTreeWidget* tree = m_ui->sessionsTreeWidget;
    for (int row = 0; sessionId != 0 && row < tree->topLevelItemCount(); ++row) {
        if (tree->topLevelItem(row)->data(NameColumn, SessionIdRole).toLongLong() == sessionId)
            return tree->topLevelItem(row);
    }
    return nullptr;
}

const SessionInfo* SessionsDialog::sessionInfo(qint64 sessionId) const
{
    for (const SessionInfo& info : m_sessions) {
        if (info.id == sessionId)
            return &info;
    }
    return nullptr;
}

void SessionsDialog::updateActions()
{
    const qint64 id = selectedSessionId();
    const bool other = id != 0 && id != m_currentSessionId;
    m_ui->openSessionPushButton->setEnabled(other);
    m_openAction->setEnabled(other);
    m_ui->deleteSessionPushButton->setEnabled(other && !m_deleting);
    m_deleteAction->setEnabled(other && !m_deleting);
    m_ui->renameSessionPushButton->setEnabled(id != 0);
    m_renameAction->setEnabled(id != 0);
}

void SessionsDialog::updateBudget()
{
    const QString used = m_store ? formatSize(m_store->totalBytes()) : QString();
    QStringList parts;
    parts.append(m_budget.maxBytes > 0 ? tr("The store holds %1 of its %2.").arg(used, formatSize(m_budget.maxBytes))
                                       : tr("The store holds %1 and has no size limit.").arg(used));
    if (m_budget.maxAgeDays > 0)
        parts.append(tr("Sessions unused for %n day(s) are removed, and the oldest ones when the store is full.",
                        nullptr, m_budget.maxAgeDays));
    else if (m_budget.maxBytes > 0)
        parts.append(tr("The oldest sessions are removed when the store is full."));
    parts.append(tr("The current session is in bold; it is never removed."));
    m_ui->budgetLabel->setText(parts.join(QLatin1Char(' ')));
}

void SessionsDialog::openSelected()
{
    const qint64 id = selectedSessionId();
    if (id == 0 || id == m_currentSessionId)
        return;
    Q_EMIT openRequested(id);
    accept();
}

void SessionsDialog::renameSelected()
{
    QTreeWidgetItem* item = itemFor(selectedSessionId());
    if (!item)
        return;
    m_ui->sessionsTreeWidget->setFocus();
    m_ui->sessionsTreeWidget->editItem(item, NameColumn);
}

void SessionsDialog::onItemChanged(QTreeWidgetItem* item, int column)
{
    if (m_filling || column != NameColumn || !m_store)
        return;
    const qint64 id = item->data(NameColumn, SessionIdRole).toLongLong();
    const SessionInfo* info = sessionInfo(id);
    if (!info)
        return;
    const QString name = item->text(NameColumn).trimmed();
    const QString oldName = info->name;
    const bool changed = !name.isEmpty() && name != oldName;
    const Expected<void> renamed = changed ? m_store->renameSession(id, name) : Expected<void>();
    if (!changed || !renamed) {
        if (!renamed)
            m_messageBar->showMessage(
                tr("“%1” was not renamed: %2").arg(oldName, StoreMessages::describe(renamed.error())),
                MessageBar::Kind::Error);
        m_filling = true;
        item->setText(NameColumn, oldName);
        m_filling = false;
        return;
    }
    for (SessionInfo& session : m_sessions) {
        if (session.id == id)
            session.name = name;
    }
    m_filling = true;
    item->setText(NameColumn, name);
    m_filling = false;
    Q_EMIT sessionRenamed(id, name);
}

bool SessionsDialog::confirmDelete(const SessionInfo& info)
{
    const Confirmation answer = std::exchange(nextConfirmation, Confirmation::Ask);
    if (answer != Confirmation::Ask)
        return answer == Confirmation::Delete;
    QMessageBox box(QMessageBox::Warning, tr("Delete Session"),
                    tr("Delete “%1” and its %n capture(s)?", nullptr, int(info.captureCount)).arg(info.name),
                    QMessageBox::Cancel, this);
    box.setInformativeText(tr("This frees %1 and cannot be undone. Save it as a HAR file first to keep a copy.")
                               .arg(formatSize(info.storedBytes)));
    QPushButton* remove = box.addButton(tr("Delete"), QMessageBox::DestructiveRole);
    remove->setObjectName(QStringLiteral("confirmDeletePushButton"));
    box.setDefaultButton(QMessageBox::Cancel);
    box.exec();
    return box.clickedButton() == remove;
}

void SessionsDialog::deleteSelected()
{
    const qint64 id = selectedSessionId();
    const SessionInfo* found = sessionInfo(id);
    if (!found || id == m_currentSessionId || !m_store || m_deleting)
        return;
    const SessionInfo info = *found;
    if (!confirmDelete(info))
        return;
    // The row below takes the selection, as in a file manager.
    const int row = m_ui->sessionsTreeWidget->indexOfTopLevelItem(itemFor(id));
    // Deleting a large session takes a while: it runs on its own thread and store connection, in slices, so
    // neither the window nor the endpoint's commits wait for it.
    m_deleting = true;
    updateActions();
    m_messageBar->showMessage(tr("Deleting “%1”…").arg(info.name), MessageBar::Kind::Information);
    m_store->releaseClaim(id); // this window's own connection does not keep it
    auto error = std::make_shared<std::optional<Error>>();
    QThread* worker = QThread::create([path = m_store->path(), id, error] {
        SessionStore store;
        Expected<void> deleted = store.open(path);
        if (deleted)
            deleted = store.deleteSession(id);
        if (!deleted)
            *error = deleted.error();
    });
    connect(worker, &QThread::finished, worker, &QObject::deleteLater);
    connect(worker, &QThread::finished, this, [this, info, id, row, error] {
        m_deleting = false;
        if (*error) {
            m_messageBar->showMessage(tr("“%1” was not deleted: %2").arg(info.name, StoreMessages::describe(**error)),
                                      MessageBar::Kind::Error);
            updateActions();
            return;
        }
        m_messageBar->showMessage(tr("Deleted “%1”: %n capture(s), %2.", nullptr, int(info.captureCount))
                                      .arg(info.name, formatSize(info.storedBytes)),
                                  MessageBar::Kind::Information);
        refresh();
        QTreeWidget* tree = m_ui->sessionsTreeWidget;
        if (tree->topLevelItemCount() > 0) {
            const int next = std::min(row, tree->topLevelItemCount() - 1);
            selectSession(tree->topLevelItem(next)->data(NameColumn, SessionIdRole).toLongLong());
        }
        Q_EMIT sessionDeleted(id);
    });
    worker->start();
}

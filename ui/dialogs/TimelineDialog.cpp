// SPDX-License-Identifier: MIT
#include "dialogs/TimelineDialog.h"

#include <QDialogButtonBox>
#include <QVBoxLayout>

#include "detail/TimelineView.h"

TimelineDialog::TimelineDialog(const EventIndex* index, const QString& schema, const QString& docId, QWidget* parent)
    : QDialog(parent)
    , m_view(new TimelineView(this))
{
    setObjectName(QStringLiteral("timelineDialog"));
    setAttribute(Qt::WA_DeleteOnClose);
    setWindowTitle(tr("Timeline of %1 %2").arg(schema, docId));
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(m_view, 1);
    layout->addWidget(buttons);
    m_view->setIndex(index);
    m_view->showDocument(schema, docId);
    resize(900, 600);
}

// SPDX-License-Identifier: MIT
#include "dialogs/CompareDialog.h"

#include <QDialogButtonBox>
#include <QVBoxLayout>

#include "detail/CompareView.h"

CompareDialog::CompareDialog(const CompareSide& left, const CompareSide& right, QWidget* parent)
    : QDialog(parent)
    , m_view(new CompareView(this))
{
    setObjectName(QStringLiteral("compareDialog"));
    setAttribute(Qt::WA_DeleteOnClose);
    setWindowTitle(tr("Compare %1 and %2").arg(left.title, right.title));
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(m_view, 1);
    layout->addWidget(buttons);
    m_view->setSides(left, right);
    resize(900, 600);
}

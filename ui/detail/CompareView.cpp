// SPDX-License-Identifier: MIT
#include "detail/CompareView.h"

#include <QCheckBox>
#include <QLabel>
#include <QPlainTextEdit>
#include <QSplitter>
#include <QTabWidget>
#include <QTableView>
#include <QVBoxLayout>

#include "models/HeaderDiffModel.h"
#include "models/StructuralDiffModel.h"
#include "widgets/ReadOnlyViews.h"

using namespace ReadOnlyViews;

CompareView::CompareView(QWidget* parent)
    : QWidget(parent)
    , m_titles(plainLabel(QStringLiteral("compareTitlesLabel"), this))
    , m_bodyNote(plainLabel(QStringLiteral("compareBodyNoteLabel"), this))
    , m_headerNote(plainLabel(QStringLiteral("compareHeadersNoteLabel"), this))
    , m_body(rowTable(QStringLiteral("compareBodyTableView"), this))
    , m_headers(rowTable(QStringLiteral("compareHeadersTableView"), this))
    , m_differencesOnly(new QCheckBox(tr("&Differences only"), this))
    , m_left(fixedText(QStringLiteral("compareLeftPlainTextEdit"), this))
    , m_right(fixedText(QStringLiteral("compareRightPlainTextEdit"), this))
    , m_bodyModel(new StructuralDiffModel(this))
    , m_headerModel(new HeaderDiffModel(this))
{
    setObjectName(QStringLiteral("compareView"));
    m_differencesOnly->setObjectName(QStringLiteral("differencesOnlyCheckBox"));
    m_body->setModel(m_bodyModel);
    m_headers->setModel(m_headerModel);

    auto* values = new QSplitter(Qt::Horizontal, this);
    values->addWidget(m_left);
    values->addWidget(m_right);
    auto* bodyPage = new QSplitter(Qt::Vertical, this);
    bodyPage->addWidget(m_body);
    bodyPage->addWidget(values);
    auto* bodyTab = new QWidget(this);
    auto* bodyLayout = new QVBoxLayout(bodyTab);
    bodyLayout->addWidget(m_bodyNote);
    bodyLayout->addWidget(bodyPage, 1);
    auto* headerTab = new QWidget(this);
    auto* headerLayout = new QVBoxLayout(headerTab);
    headerLayout->addWidget(m_headerNote);
    headerLayout->addWidget(m_differencesOnly);
    headerLayout->addWidget(m_headers, 1);
    auto* tabs = new QTabWidget(this);
    tabs->setObjectName(QStringLiteral("compareTabWidget"));
    tabs->addTab(bodyTab, tr("&Body"));
    tabs->addTab(headerTab, tr("&Headers"));
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 4, 0, 0);
    layout->addWidget(m_titles);
    layout->addWidget(tabs, 1);

    connect(m_body->selectionModel(), &QItemSelectionModel::currentRowChanged, this, &CompareView::showBodyValues);
    connect(m_differencesOnly, &QCheckBox::toggled, m_headerModel, &HeaderDiffModel::setDifferencesOnly);
    clear();
}

void CompareView::setSides(const CompareSide& left, const CompareSide& right)
{
    m_comparison = CaptureCompare::compare(left, right);
    m_titles->setText(m_comparison.identical() ? tr("%1 and %2: identical").arg(left.title, right.title)
                                               : tr("%1 (left) and %2 (right)").arg(left.title, right.title));
    m_bodyNote->setText(m_comparison.bodyNote);
    m_bodyModel->setDiff(m_comparison.body, left.title, right.title);
    m_headerModel->setHeaders(m_comparison.headers, left.title, right.title);
    int differing = 0;
    for (const HeaderDifference& header : m_comparison.headers)
        differing += header.kind != HeaderDifference::Kind::Same;
    QString note = tr("%n header name(s) differ", nullptr, differing);
    if (m_comparison.headerOrderChanged)
        note += QStringLiteral("; ") + tr("the names both have come in another order");
    m_headerNote->setText(note);
    m_body->resizeColumnsToContents();
    m_headers->resizeColumnsToContents();
    m_left->setPlaceholderText(left.title);
    m_right->setPlaceholderText(right.title);
    if (m_bodyModel->rowCount() > 0)
        m_body->setCurrentIndex(m_bodyModel->index(0, 0));
    showBodyValues();
}

void CompareView::clear()
{
    m_comparison = {};
    m_titles->setText(tr("Nothing to compare"));
    m_bodyNote->clear();
    m_headerNote->clear();
    m_bodyModel->setDiff({}, {}, {});
    m_headerModel->setHeaders({}, {}, {});
    showBodyValues();
}

void CompareView::showBodyValues()
{
    const int row = m_body->currentIndex().row();
    if (row < 0 || row >= m_bodyModel->rowCount()) {
        m_left->clear();
        m_right->clear();
        return;
    }
    m_left->setPlainText(
        m_bodyModel->data(m_bodyModel->index(row, StructuralDiffModel::LeftColumn), StructuralDiffModel::FullTextRole)
            .toString());
    m_right->setPlainText(
        m_bodyModel->data(m_bodyModel->index(row, StructuralDiffModel::RightColumn), StructuralDiffModel::FullTextRole)
            .toString());
}

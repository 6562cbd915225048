// SPDX-License-Identifier: MIT
#pragma once

#include <QWidget>

#include "payload/CaptureCompare.h"

class HeaderDiffModel;
class QCheckBox;
class QLabel;
class QPlainTextEdit;
class QTableView;
class StructuralDiffModel;

// Two (headers, body) pairs side by side: the bodies' structural differences (path, left, right, kind;
// key order ignored but noted) and the headers by name. Each side has a title ("Capture 12", "Original
// answer", "Replay answer"), so replay can compare the answer it got with the one recorded.
class CompareView final : public QWidget
{
    Q_OBJECT

public:
    explicit CompareView(QWidget* parent = nullptr);

    void setSides(const CompareSide& left, const CompareSide& right);
    void clear();
    const CaptureComparison& comparison() const { return m_comparison; }

private:
    void showBodyValues();

    CaptureComparison m_comparison;
    QLabel* m_titles;
    QLabel* m_bodyNote;
    QLabel* m_headerNote;
    QTableView* m_body;
    QTableView* m_headers;
    QCheckBox* m_differencesOnly;
    QPlainTextEdit* m_left;
    QPlainTextEdit* m_right;
    StructuralDiffModel* m_bodyModel;
    HeaderDiffModel* m_headerModel;
};

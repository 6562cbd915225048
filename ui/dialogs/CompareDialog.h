// SPDX-License-Identifier: MIT
#pragma once

#include <QDialog>

struct CompareSide;
class CompareView;

// A window around a CompareView: two captures (or a replay's answer and the original) side by side.
// Not modal; it deletes itself when closed.
class CompareDialog final : public QDialog
{
    Q_OBJECT

public:
    CompareDialog(const CompareSide& left, const CompareSide& right, QWidget* parent = nullptr);
    CompareView* view() const { return m_view; }

private:
    CompareView* m_view;
};

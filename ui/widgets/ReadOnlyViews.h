// SPDX-License-Identifier: MIT
#pragma once

class QLabel;
class QPlainTextEdit;
class QString;
class QTableView;
class QWidget;

// The read-only pieces the detail views are built from, set up alike in every view.
namespace ReadOnlyViews {
// A table that selects one whole row, is not edited, shows no row numbers and stretches its last column.
QTableView* rowTable(const QString& objectName, QWidget* parent);
// A label for outside text: plain, wrapped, selectable with the mouse.
QLabel* plainLabel(const QString& objectName, QWidget* parent);
// Text shown as it is: read-only, in the fixed-width font, lines not wrapped.
QPlainTextEdit* fixedText(const QString& objectName, QWidget* parent);
// Makes row the table's current and selected row; false (and nothing changed) when there is no such row.
bool selectRow(QTableView* view, int row);
} // namespace ReadOnlyViews

// SPDX-License-Identifier: MIT
#pragma once

#include <QWidget>

#include "core/Capture.h"

class QTreeWidget;

// A capture's headers in received order with their case; repeated names are marked, trailers follow.
// Copy a name, a value, a line or every line from the context menu or with Ctrl+C.
class HeadersView final : public QWidget
{
    Q_OBJECT

public:
    explicit HeadersView(QWidget* parent = nullptr);
    void showHeaders(const HttpHeaders& headers, const HttpHeaders& trailers);
    void clear();
    QString selectedLines() const; // "Name: value" per selected line, or every line when none is selected

private:
    QTreeWidget* m_tree;
};

// SPDX-License-Identifier: MIT
#pragma once

#include <QHash>
#include <QWidget>

#include "core/Capture.h"

class QLabel;

// What a capture is at a glance: the request line, who sent it, when and how long it took, what its
// body is, and what Hookbench answered. Every value from outside is shown as plain text.
class OverviewView final : public QWidget
{
    Q_OBJECT

public:
    explicit OverviewView(QWidget* parent = nullptr);
    void showCapture(const Capture& capture);
    void clear();
    QString valueText(const QString& field) const; // for tests: "request", "peer", "answer", ...

private:
    QLabel* addRow(const QString& field, const QString& title);
    static QString answerBodyText(const QByteArray& body);
    QHash<QString, QLabel*> m_values;
};

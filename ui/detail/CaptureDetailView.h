// SPDX-License-Identifier: MIT
#pragma once

#include <QWidget>

#include "core/Capture.h"

class QLabel;
class QPlainTextEdit;
class QTabWidget;
class QTreeWidget;

// The selected capture: a one-line summary, its headers (and trailers) in received order, the body
// (text as is, binary as a hex dump) and the raw request head.
class CaptureDetailView final : public QWidget
{
    Q_OBJECT

public:
    explicit CaptureDetailView(QWidget* parent = nullptr);

    void showCapture(const Capture& capture);
    void showNothing();
    void addTab(QWidget* page, const QString& title);

    // Text bodies up to this size are shown whole; bigger ones and hex dumps are cut with a note.
    static constexpr qsizetype displayLimit = 2 * 1024 * 1024;

    static QString hexDump(const QByteArray& bytes, qsizetype limit);
    static bool isDisplayableText(const QByteArray& bytes);

private:
    QLabel* m_summary;
    QTabWidget* m_tabs;
    QTreeWidget* m_headers;
    QPlainTextEdit* m_body;
    QPlainTextEdit* m_raw;
};

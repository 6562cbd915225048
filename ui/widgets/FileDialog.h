// SPDX-License-Identifier: MIT
#pragma once

#include <QString>

class QWidget;

// File choosers behind a seam: tests queue the answer with setNextFileName(); an empty queued name
// answers as a cancel would.
class FileDialog final
{
public:
    static QString openFileName(QWidget* parent, const QString& caption, const QString& filter);
    static QString saveFileName(QWidget* parent, const QString& caption, const QString& suggestion,
                                const QString& filter);
    static void setNextFileName(const QString& name);

private:
    static bool takeNext(QString* name);
};

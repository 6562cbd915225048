// SPDX-License-Identifier: MIT
#include "widgets/FileDialog.h"

#include <QFileDialog>
#include <QStringList>

namespace {

QStringList& queued()
{
    static QStringList names;
    return names;
}

} // namespace

void FileDialog::setNextFileName(const QString& name)
{
    queued().append(name);
}

bool FileDialog::takeNext(QString* name)
{
    if (queued().isEmpty())
        return false;
    *name = queued().takeFirst();
    return true;
}

QString FileDialog::openFileName(QWidget* parent, const QString& caption, const QString& filter)
{
    QString name;
    if (takeNext(&name))
        return name;
    return QFileDialog::getOpenFileName(parent, caption, QString(), filter);
}

QString FileDialog::saveFileName(QWidget* parent, const QString& caption, const QString& suggestion,
                                 const QString& filter)
{
    QString name;
    if (takeNext(&name))
        return name;
    return QFileDialog::getSaveFileName(parent, caption, suggestion, filter);
}

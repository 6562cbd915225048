// SPDX-License-Identifier: MIT
#pragma once

#include <QByteArray>
#include <QWidget>

class JsonTreeModel;
class QLabel;
class QLineEdit;
class QTreeView;

// A JSON body as a tree in received order with typed values; copy a value's path or its JSON text, and
// search keys and values (Enter goes to the next match).
class JsonTreeView final : public QWidget
{
    Q_OBJECT

public:
    explicit JsonTreeView(QWidget* parent = nullptr);
    void showBody(const QByteArray& body);
    void clear();
    JsonTreeModel* model() const { return m_model; }
    QString currentPath() const;
    QString currentRaw() const;

    static constexpr qsizetype maxBytes = 2 * 1024 * 1024; // larger bodies: the Body tab pages them

private:
    void findNext();

    JsonTreeModel* m_model;
    QLineEdit* m_search;
    QLabel* m_status;
    QTreeView* m_tree;
    int m_nextMatch = 0;
};

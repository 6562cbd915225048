// SPDX-License-Identifier: MIT
#pragma once

#include <QSet>
#include <QSortFilterProxyModel>

class CaptureTableModel;

// Sorting and filtering over the captures model, plus the colours of the view: malformed captures and
// error answers stand out. Filtering a large table runs on a worker thread; the view changes once the
// matching ids are known, and rows that arrive meanwhile are matched as they come.
class CaptureFilterModel final : public QSortFilterProxyModel
{
    Q_OBJECT

public:
    explicit CaptureFilterModel(QObject* parent = nullptr);
    void setCaptureModel(CaptureTableModel* model);
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;

    void setFilterText(const QString& text);
    QString filterText() const { return m_text; }
    bool isFiltering() const { return m_pending; }

Q_SIGNALS:
    void filterApplied(int visibleRows);

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex& sourceParent) const override;

private:
    CaptureTableModel* m_captures = nullptr;
    QString m_text;
    quint64 m_generation = 0;
    bool m_pending = false;
    QSet<qint64> m_matches; // ids that matched, of the rows that existed when the search started
    qint64 m_searchedUpToId = 0; // rows with larger ids arrived later and are matched inline
};

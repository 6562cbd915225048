// SPDX-License-Identifier: MIT
#include "session/CaptureTableModel.h"

#include <QCoreApplication>
#include <QLocale>
#include <algorithm>

#include "core/ByteSize.h"
#include "signature/SignatureReport.h"
#include "signature/SignatureResult.h"
#include "signature/SignatureScheme.h"

CaptureTableModel::CaptureTableModel(QObject* parent)
    : QAbstractTableModel(parent)
{ }

int CaptureTableModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int CaptureTableModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant CaptureTableModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const CaptureSummary& row = m_rows.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case NumberColumn:
            return row.id;
        case TimeColumn:
            return row.receivedAt.toLocalTime().toString(QStringLiteral("HH:mm:ss.zzz"));
        case SourceColumn:
            return row.peerAddress;
        case EventsColumn: {
            const EventsCell cell = m_events.value(row.id);
            return cell.flags ? cell.text + QStringLiteral("  ") + deliveryFlagNames(cell.flags).join(u", ")
                              : cell.text;
        }
        case MethodColumn:
            return QString::fromUtf8(row.method.isEmpty() ? QByteArray("?") : row.method);
        case PathColumn:
            return QString::fromUtf8(row.target);
        case SizeColumn:
            return ByteSize::text(row.bodyBytes);
        case SignatureColumn:
            return m_signatures.value(row.id).text;
        case StatusColumn:
            if (row.responseStatus == 0)
                return row.malformed ? tr("no answer, malformed") : tr("no answer");
            return row.malformed ? tr("%1 malformed").arg(row.responseStatus) : QString::number(row.responseStatus);
        }
        break;
    case Qt::ToolTipRole:
        if (index.column() == EventsColumn && m_events.value(row.id).flags)
            return tr("Delivery checks: %1").arg(deliveryFlagNames(m_events.value(row.id).flags).join(u", "));
        if (index.column() == SignatureColumn)
            return m_signatures.value(row.id).toolTip;
        if (index.column() == PathColumn)
            return QString::fromUtf8(row.target);
        if (row.malformed)
            return tr("Malformed request: answered %1 and closed").arg(row.responseStatus);
        break;
    case Qt::TextAlignmentRole:
        if (index.column() == SizeColumn || index.column() == StatusColumn || index.column() == NumberColumn)
            return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
        break;
    case SortRole:
        switch (index.column()) {
        case NumberColumn:
        case TimeColumn:
            return row.id;
        case SourceColumn:
            return row.peerAddress;
        case EventsColumn:
            return m_events.value(row.id).count;
        case MethodColumn:
            return QString::fromUtf8(row.method);
        case PathColumn:
            return QString::fromUtf8(row.target);
        case SizeColumn:
            return row.bodyBytes;
        case StatusColumn:
            return row.responseStatus;
        case SignatureColumn:
            return m_signatures.value(row.id).state;
        }
        break;
    case SignatureStateRole:
        return m_signatures.value(row.id).state;
    case EventFlagsRole:
        return deliveryFlagNames(m_events.value(row.id).flags);
    case IdRole:
        return row.id;
    case MalformedRole:
        return row.malformed;
    }
    return {};
}

QVariant CaptureTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case NumberColumn:
        return tr("#");
    case TimeColumn:
        return tr("Time");
    case SourceColumn:
        return tr("Source");
    case EventsColumn:
        return tr("Events");
    case MethodColumn:
        return tr("Method");
    case PathColumn:
        return tr("Path");
    case SizeColumn:
        return tr("Size");
    case StatusColumn:
        return tr("Status");
    case SignatureColumn:
        return tr("Signature");
    }
    return {};
}

void CaptureTableModel::enqueue(const QList<CaptureSummary>& summaries)
{
    m_queued.reserve(m_queued.size() + summaries.size());
    for (CaptureSummary summary : summaries) {
        summary.method = m_bytes.intern(summary.method);
        summary.target = m_bytes.intern(summary.target);
        summary.peerAddress = m_texts.intern(summary.peerAddress);
        m_queued.append(std::move(summary));
    }
    if (!m_flushScheduled && !m_queued.isEmpty()) {
        m_flushScheduled = true;
        QMetaObject::invokeMethod(this, &CaptureTableModel::flushQueued, Qt::QueuedConnection);
    }
}

void CaptureTableModel::flushQueued()
{
    m_flushScheduled = false;
    if (m_queued.isEmpty())
        return;
    const int first = int(m_rows.size());
    const int count = int(m_queued.size());
    beginInsertRows({}, first, first + count - 1);
    m_rows.append(m_queued);
    for (int row = first; row < first + count; ++row)
        m_rowById.insert(m_rows.at(row).id, row);
    m_queued.clear();
    endInsertRows();
    Q_EMIT rowsFlushed(count);
}

void CaptureTableModel::reset(const QList<CaptureSummary>& summaries)
{
    beginResetModel();
    m_bytes.clear();
    m_texts.clear();
    m_rows = summaries;
    m_queued.clear();
    m_signatures.clear();
    m_validCount = m_invalidCount = 0;
    m_events.clear();
    m_rowById.clear();
    m_rowById.reserve(m_rows.size());
    for (int row = 0; row < int(m_rows.size()); ++row)
        m_rowById.insert(m_rows.at(row).id, row);
    endResetModel();
}

void CaptureTableModel::setSignatures(const QHash<qint64, SignatureCell>& cells, bool replaceAll)
{
    const auto count = [this](int state, int delta) {
        countSignature(state, delta);
    };
    if (replaceAll) {
        m_signatures = cells;
        m_validCount = m_invalidCount = 0;
        for (const SignatureCell& cell : cells)
            count(cell.state, 1);
    } else {
        for (auto it = cells.constBegin(); it != cells.constEnd(); ++it) {
            count(m_signatures.value(it.key()).state, -1);
            count(it->state, 1);
            SignatureCell cell = *it;
            cell.text = m_texts.intern(cell.text);
            cell.toolTip = m_texts.intern(cell.toolTip);
            m_signatures.insert(it.key(), std::move(cell));
        }
    }
    columnChanged(SignatureColumn, replaceAll ? QList<qint64>() : cells.keys(),
                  {Qt::DisplayRole, Qt::ToolTipRole, SortRole, SignatureStateRole});
}

void CaptureTableModel::setEvents(const QHash<qint64, EventsCell>& cells, bool replaceAll)
{
    if (replaceAll) {
        m_events = cells;
    } else {
        for (auto it = cells.constBegin(); it != cells.constEnd(); ++it)
            m_events.insert(it.key(), {it->count, m_texts.intern(it->text), it->flags});
    }
    columnChanged(EventsColumn, replaceAll ? QList<qint64>() : cells.keys(),
                  {Qt::DisplayRole, Qt::ToolTipRole, SortRole, EventFlagsRole});
}

void CaptureTableModel::columnChanged(int column, const QList<qint64>& ids, const QList<int>& roles)
{
    if (m_rows.isEmpty())
        return;
    if (ids.isEmpty()) {
        Q_EMIT dataChanged(index(0, column), index(int(m_rows.size()) - 1, column), roles);
        return;
    }
    QList<int> rows;
    rows.reserve(ids.size());
    for (const qint64 id : ids) {
        const int row = m_rowById.value(id, -1);
        if (row >= 0)
            rows.append(row); // a capture still queued gets its cells when it is inserted
    }
    if (rows.isEmpty())
        return;
    std::sort(rows.begin(), rows.end());
    QList<std::pair<int, int>> runs; // first and last row
    for (const int row : std::as_const(rows)) {
        if (!runs.isEmpty() && runs.constLast().second + 1 >= row)
            runs.last().second = row;
        else
            runs.append({row, row});
    }
    if (runs.size() > maxRunsInPlace)
        runs = {{rows.constFirst(), rows.constLast()}};
    for (const auto& [first, last] : std::as_const(runs))
        Q_EMIT dataChanged(index(first, column), index(last, column), roles);
}

QHash<qint64, FilterSignature> CaptureTableModel::filterSignatures() const
{
    QHash<qint64, FilterSignature> out;
    out.reserve(m_signatures.size());
    for (auto it = m_signatures.constBegin(); it != m_signatures.constEnd(); ++it)
        out.insert(it.key(), it->filter);
    return out;
}

void CaptureTableModel::clear()
{
    reset({});
}

bool CaptureTableModel::matches(const CaptureSummary& summary, const QString& needle)
{
    if (needle.isEmpty())
        return true;
    const QByteArray utf8 = needle.toUtf8();
    auto contains = [&utf8](const QByteArray& haystack) {
        return QByteArrayView(haystack).toByteArray().toLower().contains(utf8.toLower());
    };
    return contains(summary.method) || contains(summary.target)
        || (summary.responseStatus != 0 && QByteArray::number(summary.responseStatus).contains(utf8))
        || (summary.malformed && QByteArrayLiteral("malformed").contains(utf8.toLower()));
}

int CaptureTableModel::rowOfId(qint64 id) const
{
    return m_rowById.value(id, -1);
}

qint64 CaptureTableModel::idAt(int row) const
{
    return row >= 0 && row < m_rows.size() ? m_rows.at(row).id : 0;
}

CaptureTableModel::SignatureCell CaptureTableModel::signatureCell(const SignatureResult& result)
{
    CaptureTableModel::SignatureCell cell;
    switch (result.status) {
    case SignatureStatus::Valid:
        cell.state = 1;
        cell.text = tr("valid");
        break;
    case SignatureStatus::Invalid:
        cell.state = 2;
        cell.text = result.cause == SignatureCause::None
            ? tr("invalid")
            : tr("invalid: %1")
                  .arg(SignatureReport::causeName(result.cause).replace(QLatin1Char('_'), QLatin1Char(' ')));
        break;
    case SignatureStatus::UnreadableBody:
        cell.state = 2;
        cell.text = tr("unreadable body");
        break;
    case SignatureStatus::Missing:
        cell.state = 3;
        cell.text = tr("missing");
        break;
    case SignatureStatus::NotApplicable:
        cell.state = 3;
        cell.text = QString();
        break;
    case SignatureStatus::NoSecret:
        cell.state = 3;
        cell.text = tr("no secret");
        break;
    }
    if (result.scheme != SignatureScheme::None && !cell.text.isEmpty())
        cell.text += QStringLiteral(" · ") + SignatureSchemes::displayName(result.scheme);
    cell.toolTip = SignatureReport::toText(result);
    cell.filter = FilterSignature::of(result);
    return cell;
}

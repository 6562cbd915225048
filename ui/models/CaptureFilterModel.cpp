// SPDX-License-Identifier: MIT
#include "models/CaptureFilterModel.h"

#include <QBrush>
#include <QLoggingCategory>
#include <QPointer>

#include "core/Capture.h"
#include "filter/FilterEngine.h"
#include "filter/FilterEvaluator.h"
#include "filter/FilterParser.h"
#include "filter/FilterQuery.h"
#include "filter/FilterRecord.h"
#include "session/CaptureTableModel.h"
#include "session/TaskRunner.h"
#include "widgets/Theme.h"

Q_LOGGING_CATEGORY(lcFilter, "hookbench.ui.filter", QtInfoMsg)

CaptureFilterModel::CaptureFilterModel(QObject* parent)
    : QSortFilterProxyModel(parent)
{
    setSortRole(CaptureTableModel::SortRole);
    setFilterKeyColumn(-1);
}

CaptureFilterModel::~CaptureFilterModel() = default;

void CaptureFilterModel::setCaptureModel(CaptureTableModel* model)
{
    m_captures = model;
    setSourceModel(model);
    connect(model, &QAbstractItemModel::dataChanged, this,
            [this](const QModelIndex& topLeft, const QModelIndex& bottomRight) {
                if (!m_awaited.isEmpty() && topLeft.column() <= CaptureTableModel::SignatureColumn
                    && bottomRight.column() >= CaptureTableModel::SignatureColumn)
                    decideAwaited();
            });
    connect(model, &QAbstractItemModel::modelReset, this, [this] {
        m_awaited.clear();
        m_awaitedBytes = 0;
    });
}

void CaptureFilterModel::setSession(const QString& storePath, qint64 sessionId, TaskRunner* tasks)
{
    m_storePath = storePath;
    m_sessionId = sessionId;
    m_tasks = tasks;
    if (m_query)
        run();
}

void CaptureFilterModel::setFilterText(const QString& text)
{
    m_text = text;
    m_awaited.clear();
    m_awaitedBytes = 0;
    m_decidedWhileSearching.clear();
    const FilterParseResult parsed = FilterParser::parse(text);
    if (parsed.error) {
        ++m_generation; // a search still running for an older text is not applied either
        m_pending = false;
        Q_EMIT filterFailed(*parsed.error);
        return;
    }
    if (parsed.query.isEmpty()) {
        ++m_generation;
        m_query.reset();
        m_evaluator.reset();
        m_pending = false;
        m_matches.clear();
        invalidateRowsFilter();
        Q_EMIT filterApplied(rowCount());
        return;
    }
    m_query = std::make_shared<const FilterQuery>(parsed.query);
    m_evaluator = std::make_unique<FilterEvaluator>(*m_query);
    run();
}

void CaptureFilterModel::run()
{
    if (!m_captures || !m_tasks || m_storePath.isEmpty())
        return;
    m_pending = true;
    const quint64 generation = ++m_generation;
    const qint64 upTo = m_captures->rowCount() > 0 ? m_captures->idAt(m_captures->rowCount() - 1) : 0;
    const QHash<qint64, FilterSignature> signatures = m_captures->filterSignatures();
    auto result = std::make_shared<FilterRunResult>();
    QPointer<CaptureFilterModel> self(this);
    m_tasks->run(
        QString(),
        [path = m_storePath, session = m_sessionId, query = m_query, signatures, result](TaskControl& control) {
            FilterRunOptions options;
            options.progress = [&control](qint64 done, qint64 total) {
                return control.report(done, total);
            };
            *result = FilterEngine::matchingIds(path, session, *query, signatures, options);
        },
        [self, generation, upTo, result](bool canceled) {
            if (!self || canceled || generation != self->m_generation)
                return; // a newer query superseded this one
            if (result->error)
                qCWarning(lcFilter) << "filtering failed:" << result->error->message;
            self->m_matches = QSet<qint64>(result->ids.cbegin(), result->ids.cend());
            // Arrivals matched while the search ran are kept.
            for (const qint64 id : std::as_const(self->m_arrivalMatches)) {
                if (id > upTo)
                    self->m_matches.insert(id);
            }
            self->m_arrivalMatches.clear();
            for (auto it = self->m_decidedWhileSearching.cbegin(); it != self->m_decidedWhileSearching.cend(); ++it) {
                if (it.value())
                    self->m_matches.insert(it.key());
                else
                    self->m_matches.remove(it.key());
            }
            self->m_decidedWhileSearching.clear();
            self->m_searchedUpToId = upTo;
            self->m_pending = false;
            self->invalidateRowsFilter();
            Q_EMIT self->filterApplied(self->rowCount());
        },
        TaskRunner::Kind::Background);
}

void CaptureFilterModel::matchArrivals(const QList<Capture>& captures)
{
    if (!m_evaluator)
        return;
    const bool readsSignature = m_evaluator->needs().testFlag(FilterNeed::Signature);
    for (const Capture& capture : captures) {
        if (readsSignature)
            awaitSignature(capture);
        if (!m_evaluator->matches(FilterRecord::of(capture)))
            continue;
        m_matches.insert(capture.id);
        if (m_pending)
            m_arrivalMatches.insert(capture.id);
    }
}

void CaptureFilterModel::awaitSignature(const Capture& capture)
{
    if (m_awaited.size() >= maxAwaited || m_awaitedBytes + capture.body.size() > maxAwaitedBytes) {
        qCWarning(lcFilter) << "arrivals came faster than their signatures were checked; the older ones keep the"
                               " filter's answer from their arrival";
        m_awaited.clear();
        m_awaitedBytes = 0;
    }
    m_awaited.insert(capture.id, capture);
    m_awaitedBytes += capture.body.size();
}

void CaptureFilterModel::decideAwaited()
{
    for (auto it = m_awaited.begin(); it != m_awaited.end();) {
        const FilterSignature signature = m_captures->filterSignature(it.key());
        if (signature.state == FilterSignatureState::Unknown) {
            ++it;
            continue;
        }
        const bool matches = m_evaluator && m_evaluator->matches(FilterRecord::of(*it, signature));
        if (matches)
            m_matches.insert(it.key());
        else
            m_matches.remove(it.key());
        if (m_pending)
            m_decidedWhileSearching.insert(it.key(), matches); // newer than the signatures the search took
        m_awaitedBytes -= it->body.size();
        it = m_awaited.erase(it);
    }
}

void CaptureFilterModel::sort(int column, Qt::SortOrder order)
{
    const bool idOrder = (column == CaptureTableModel::NumberColumn || column == CaptureTableModel::TimeColumn)
        && order == Qt::AscendingOrder;
    QSortFilterProxyModel::sort(idOrder ? -1 : column, order);
}

bool CaptureFilterModel::filterAcceptsRow(int sourceRow, const QModelIndex& sourceParent) const
{
    Q_UNUSED(sourceParent)
    if (!m_query || !m_captures)
        return true;
    if (m_pending && m_searchedUpToId == 0)
        return true; // until the first search finishes, the view keeps showing what it showed
    const qint64 id = m_captures->summaryAt(sourceRow).id;
    // An arrival whose check has just been done is decided with it, whichever sees the change first: the
    // proxy's own refiltering or decideAwaited().
    if (const auto awaited = m_awaited.constFind(id); awaited != m_awaited.constEnd()) {
        const FilterSignature signature = m_captures->filterSignature(id);
        if (signature.state != FilterSignatureState::Unknown && m_evaluator)
            return m_evaluator->matches(FilterRecord::of(*awaited, signature));
    }
    return m_matches.contains(id);
}

QVariant CaptureFilterModel::data(const QModelIndex& index, int role) const
{
    if (role == Qt::ForegroundRole) {
        if (index.data(CaptureTableModel::MalformedRole).toBool())
            return QBrush(Theme::color(Theme::Tone::Bad));
        if (index.column() == CaptureTableModel::SignatureColumn) {
            const int state = index.data(CaptureTableModel::SignatureStateRole).toInt();
            if (state == 1)
                return QBrush(Theme::color(Theme::Tone::Good));
            if (state == 2)
                return QBrush(Theme::color(Theme::Tone::Bad));
        }
        if (index.column() == CaptureTableModel::StatusColumn && index.data(CaptureTableModel::SortRole).toInt() >= 400)
            return QBrush(Theme::color(Theme::Tone::Warning));
    }
    if (role == Qt::DecorationRole) {
        if (index.column() == CaptureTableModel::SignatureColumn) {
            switch (index.data(CaptureTableModel::SignatureStateRole).toInt()) {
            case 1:
                return Theme::icon(Theme::Tone::Good);
            case 2:
                return Theme::icon(Theme::Tone::Bad);
            case 3:
                if (!index.data(Qt::DisplayRole).toString().isEmpty())
                    return Theme::icon(Theme::Tone::Muted);
                break;
            }
        }
        if (index.column() == CaptureTableModel::EventsColumn) {
            // An update for a document this session never saw created is information, not a warning.
            QStringList flags = index.data(CaptureTableModel::EventFlagsRole).toStringList();
            flags.removeAll(QStringLiteral("unknown_document"));
            if (!flags.isEmpty())
                return Theme::icon(Theme::Tone::Warning);
        }
    }
    return QSortFilterProxyModel::data(index, role);
}

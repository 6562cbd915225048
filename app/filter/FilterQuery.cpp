// SPDX-License-Identifier: MIT
#include "filter/FilterQuery.h"

#include <QStringList>
#include <QTimeZone>

#include "filter/FilterSyntax.h"

namespace {

QString compareText(FilterCompare compare)
{
    switch (compare) {
    case FilterCompare::Equal:
        return {};
    case FilterCompare::Less:
        return QStringLiteral("<");
    case FilterCompare::LessOrEqual:
        return QStringLiteral("<=");
    case FilterCompare::Greater:
        return QStringLiteral(">");
    case FilterCompare::GreaterOrEqual:
        return QStringLiteral(">=");
    }
    return {};
}

QString sizeText(qint64 bytes)
{
    struct Unit
    {
        qint64 factor;
        char name;
    };
    for (const Unit unit : {Unit {qint64(1) << 30, 'g'}, Unit {qint64(1) << 20, 'm'}, Unit {qint64(1) << 10, 'k'}}) {
        if (bytes > 0 && bytes % unit.factor == 0)
            return QString::number(bytes / unit.factor) + QLatin1Char(unit.name);
    }
    return QString::number(bytes);
}

qint64 unitMs(char unit)
{
    switch (unit) {
    case 's':
        return 1000;
    case 'm':
        return 60 * 1000;
    case 'h':
        return 3600 * 1000;
    case 'd':
        return 24 * 3600 * 1000;
    case 'w':
        return 7 * 24 * 3600 * 1000;
    }
    return 0;
}

QString nodeText(const FilterNode& node)
{
    switch (node.kind) {
    case FilterNode::Kind::Term:
        return node.term.toString();
    case FilterNode::Kind::Not: {
        if (node.children.empty())
            return QStringLiteral("-");
        const FilterNode& child = node.children.front();
        const bool group = child.kind == FilterNode::Kind::And || child.kind == FilterNode::Kind::Or;
        if (group)
            return QStringLiteral("-(") + nodeText(child) + QLatin1Char(')');
        return QLatin1Char('-') + nodeText(child);
    }
    case FilterNode::Kind::And: {
        // Or binds tighter than the implicit and, so its children need no parentheses here.
        QStringList parts;
        for (const FilterNode& child : node.children)
            parts.append(nodeText(child));
        return parts.join(QLatin1Char(' '));
    }
    case FilterNode::Kind::Or: {
        QStringList parts;
        for (const FilterNode& child : node.children) {
            const QString text = nodeText(child);
            parts.append(child.kind == FilterNode::Kind::And ? QString(QLatin1Char('(') + text + QLatin1Char(')'))
                                                             : text);
        }
        return parts.join(QStringLiteral(" or "));
    }
    }
    return {};
}

void collectNeeds(const FilterNode& node, FilterNeeds& needs)
{
    if (node.kind != FilterNode::Kind::Term) {
        for (const FilterNode& child : node.children)
            collectNeeds(child, needs);
        return;
    }
    switch (node.term.key) {
    case FilterKey::Text:
        needs |= FilterNeed::Headers | FilterNeed::Body;
        break;
    case FilterKey::Header:
        needs |= FilterNeed::Headers;
        break;
    case FilterKey::Body:
        needs |= FilterNeed::Body;
        break;
    case FilterKey::Sig:
    case FilterKey::Scheme:
        needs |= FilterNeed::Signature;
        break;
    case FilterKey::Schema:
    case FilterKey::Action:
    case FilterKey::Doc:
        needs |= FilterNeed::Events;
        break;
    case FilterKey::Peer:
        needs |= FilterNeed::Peer;
        break;
    case FilterKey::Method:
    case FilterKey::Path:
    case FilterKey::Status:
    case FilterKey::Size:
    case FilterKey::After:
    case FilterKey::Before:
        break;
    }
}

} // namespace

qint64 FilterTime::resolveMs(const QDateTime& now, const QTimeZone& zone) const
{
    const QTimeZone local = zone.isValid() ? zone : QTimeZone::utc();
    switch (kind) {
    case Kind::Relative:
        return now.toMSecsSinceEpoch() - amount * unitMs(unit);
    case Kind::Today:
    case Kind::Yesterday: {
        const QDate today = now.toTimeZone(local).date();
        return QDateTime(kind == Kind::Today ? today : today.addDays(-1), QTime(0, 0), local).toMSecsSinceEpoch();
    }
    case Kind::Absolute:
        break;
    }
    const QTime at = time.isValid() ? time : QTime(0, 0);
    // Computed rather than through QTimeZone, which refuses offsets beyond 14 hours.
    if (offsetSeconds)
        return QDateTime(date, at, QTimeZone::utc()).toMSecsSinceEpoch() - qint64(*offsetSeconds) * 1000;
    return QDateTime(date, at, local).toMSecsSinceEpoch();
}

QString FilterTime::toString() const
{
    switch (kind) {
    case Kind::Relative:
        return QLatin1Char('-') + QString::number(amount) + QLatin1Char(unit);
    case Kind::Today:
        return QStringLiteral("today");
    case Kind::Yesterday:
        return QStringLiteral("yesterday");
    case Kind::Absolute:
        break;
    }
    QString text = date.toString(QStringLiteral("yyyy-MM-dd"));
    if (!time.isValid())
        return text;
    text += time.toString(time.msec() ? QStringLiteral("'T'HH:mm:ss.zzz") : QStringLiteral("'T'HH:mm:ss"));
    if (offsetSeconds) {
        if (*offsetSeconds == 0)
            return text + QLatin1Char('Z');
        const int minutes = qAbs(*offsetSeconds) / 60;
        text += QLatin1Char(*offsetSeconds < 0 ? '-' : '+')
            + QStringLiteral("%1:%2")
                  .arg(minutes / 60, 2, 10, QLatin1Char('0'))
                  .arg(minutes % 60, 2, 10, QLatin1Char('0'));
    }
    return text;
}

QString FilterTerm::toString() const
{
    if (key == FilterKey::Text)
        return FilterSyntax::quoteText(value);
    QString text;
    switch (FilterKeys::valueForm(key)) {
    case FilterValueForm::Method:
        text = value.toUpper();
        break;
    case FilterValueForm::Status:
        text = compareText(compare)
            + (statusClass ? QString::number(statusClass) + QStringLiteral("xx") : QString::number(number));
        break;
    case FilterValueForm::Size:
        text = compareText(compare) + sizeText(number);
        break;
    case FilterValueForm::Signature:
        text = FilterSignature::stateName(signature);
        break;
    case FilterValueForm::Scheme:
        text = SignatureSchemes::name(scheme);
        break;
    case FilterValueForm::Header:
        text = headerValue ? headerName + QLatin1Char('=') + *headerValue : headerName;
        break;
    case FilterValueForm::Time:
        text = time.toString();
        break;
    case FilterValueForm::Text:
        text = value;
        break;
    }
    return FilterKeys::name(key) + QLatin1Char(':') + FilterSyntax::quoteValue(text);
}

FilterQuery::FilterQuery(FilterNode root)
    : m_root(std::move(root))
{ }

QString FilterQuery::toString() const
{
    return m_root ? nodeText(*m_root) : QString();
}

FilterNeeds FilterQuery::needs() const
{
    FilterNeeds needs;
    if (m_root)
        collectNeeds(*m_root, needs);
    return needs;
}

// SPDX-License-Identifier: MIT
#include "filter/FilterEvaluator.h"

#include <algorithm>

#include "filter/EventMatcher.h"
#include "filter/FilterPattern.h"
#include "filter/FilterRecord.h"

namespace {

using Result = FilterEvaluator::Result;

bool compareNumber(qint64 value, FilterCompare compare, qint64 number)
{
    switch (compare) {
    case FilterCompare::Equal:
        return value == number;
    case FilterCompare::Less:
        return value < number;
    case FilterCompare::LessOrEqual:
        return value <= number;
    case FilterCompare::Greater:
        return value > number;
    case FilterCompare::GreaterOrEqual:
        return value >= number;
    }
    return false;
}

Result fromBool(bool value)
{
    return value ? Result::True : Result::False;
}

bool isEventKey(FilterKey key)
{
    return key == FilterKey::Schema || key == FilterKey::Action || key == FilterKey::Doc;
}

} // namespace

struct FilterEvaluator::Program
{
    enum class Kind : quint8
    {
        Term,
        Events,
        And,
        Or,
        Not
    };

    struct Node
    {
        Kind kind = Kind::Term;
        FilterKey key = FilterKey::Text;
        FilterText text; // free text, body:
        FilterPattern pattern; // path:, peer:, a header's name
        std::optional<FilterPattern> valuePattern; // header:name=value
        QByteArray method;
        FilterCompare compare = FilterCompare::Equal;
        qint64 number = 0; // status, size, or the time in ms for after:/before:
        int statusClass = 0;
        FilterSignatureState signature = FilterSignatureState::Unknown;
        SignatureScheme scheme = SignatureScheme::None;
        EventCondition events;
        std::vector<int> children; // cheapest first
        int cost = 1;
    };

    std::vector<Node> nodes;
    int root = -1; // -1: the empty query, which matches everything
    std::shared_ptr<EventMatcher> matcher;
    FilterNeeds needs;
    QDateTime now;
    QTimeZone zone;

    int add(Node node)
    {
        nodes.push_back(std::move(node));
        return int(nodes.size()) - 1;
    }

    int compileTerm(const FilterTerm& term)
    {
        Node node;
        node.key = term.key;
        switch (term.key) {
        case FilterKey::Text:
            node.text = FilterText(term.value);
            node.cost = 20;
            needs |= FilterNeed::Headers | FilterNeed::Body;
            break;
        case FilterKey::Body:
            node.text = FilterText(term.value);
            node.cost = 30;
            needs |= FilterNeed::Body;
            break;
        case FilterKey::Method:
            node.method = term.value.toUtf8();
            break;
        case FilterKey::Path:
        case FilterKey::Peer:
            node.pattern = FilterPattern(term.value);
            node.cost = 2;
            if (term.key == FilterKey::Peer)
                needs |= FilterNeed::Peer;
            break;
        case FilterKey::Header:
            node.pattern = FilterPattern(term.headerName);
            if (term.headerValue)
                node.valuePattern = FilterPattern(*term.headerValue);
            node.cost = 10;
            needs |= FilterNeed::Headers;
            break;
        case FilterKey::Status:
        case FilterKey::Size:
            node.compare = term.compare;
            node.number = term.number;
            node.statusClass = term.statusClass;
            break;
        case FilterKey::After:
        case FilterKey::Before:
            node.number = term.time.resolveMs(now, zone);
            break;
        case FilterKey::Sig:
            node.signature = term.signature;
            needs |= FilterNeed::Signature;
            break;
        case FilterKey::Scheme:
            node.scheme = term.scheme;
            needs |= FilterNeed::Signature;
            break;
        case FilterKey::Schema:
        case FilterKey::Action:
        case FilterKey::Doc: {
            EventCondition condition;
            addEventTerm(condition, term);
            return compileEvents(std::move(condition));
        }
        }
        return add(std::move(node));
    }

    static void addEventTerm(EventCondition& condition, const FilterTerm& term)
    {
        std::vector<FilterPattern>& patterns = term.key == FilterKey::Schema ? condition.schemas
            : term.key == FilterKey::Action                                  ? condition.actions
                                                                             : condition.docIds;
        patterns.emplace_back(term.value);
    }

    int compileEvents(EventCondition condition)
    {
        Node node;
        node.kind = Kind::Events;
        node.events = std::move(condition);
        node.cost = matcher->needsBody() ? 50 : 5;
        needs |= FilterNeed::Events;
        if (matcher->needsBody())
            needs |= FilterNeed::Body;
        return add(std::move(node));
    }

    int compile(const FilterNode& source)
    {
        if (source.kind == FilterNode::Kind::Term)
            return compileTerm(source.term);
        Node node;
        node.kind = source.kind == FilterNode::Kind::And ? Kind::And
            : source.kind == FilterNode::Kind::Or        ? Kind::Or
                                                         : Kind::Not;
        std::vector<int> children;
        EventCondition together;
        bool hasEvents = false;
        for (const FilterNode& child : source.children) {
            // Event terms side by side in one group describe one event.
            if (node.kind == Kind::And && child.kind == FilterNode::Kind::Term && isEventKey(child.term.key)) {
                addEventTerm(together, child.term);
                hasEvents = true;
                continue;
            }
            children.push_back(compile(child));
        }
        if (hasEvents)
            children.push_back(compileEvents(std::move(together)));
        node.cost = 0;
        for (const int child : children)
            node.cost += nodes[size_t(child)].cost;
        std::stable_sort(children.begin(), children.end(),
                         [this](int a, int b) { return nodes[size_t(a)].cost < nodes[size_t(b)].cost; });
        node.children = std::move(children);
        return add(std::move(node));
    }

    Result term(const Node& node, const FilterRecord& record) const
    {
        switch (node.key) {
        case FilterKey::Text: {
            if (node.text.foundIn(record.target))
                return Result::True;
            if (!record.hasContent)
                return Result::Unknown;
            for (const FilterHeader& header : record.headers) {
                if (node.text.foundIn(header.name) || node.text.foundIn(header.value))
                    return Result::True;
            }
            return fromBool(node.text.foundIn(record.body));
        }
        case FilterKey::Body:
            return record.hasContent ? fromBool(node.text.foundIn(record.body)) : Result::Unknown;
        case FilterKey::Header: {
            if (!record.hasContent)
                return Result::Unknown;
            for (const FilterHeader& header : record.headers) {
                if (node.pattern.matches(header.name)
                    && (!node.valuePattern || node.valuePattern->matches(header.value)))
                    return Result::True;
            }
            return Result::False;
        }
        case FilterKey::Method:
            return fromBool(
                qstrnicmp(record.method.data(), record.method.size(), node.method.constData(), node.method.size())
                == 0);
        case FilterKey::Path:
            return fromBool(node.pattern.matches(record.path()));
        case FilterKey::Peer:
            return fromBool(node.pattern.matches(record.peer));
        case FilterKey::Status:
            if (node.statusClass)
                return fromBool(record.responseStatus / 100 == node.statusClass);
            return fromBool(compareNumber(record.responseStatus, node.compare, node.number));
        case FilterKey::Size:
            return fromBool(compareNumber(record.bodyBytes, node.compare, node.number));
        case FilterKey::After:
            return fromBool(record.receivedAtMs >= node.number);
        case FilterKey::Before:
            return fromBool(record.receivedAtMs < node.number);
        case FilterKey::Sig:
            return fromBool(record.signature.state != FilterSignatureState::Unknown
                            && record.signature.state == node.signature);
        case FilterKey::Scheme:
            return fromBool(record.signature.state != FilterSignatureState::Unknown
                            && record.signature.scheme == node.scheme);
        case FilterKey::Schema:
        case FilterKey::Action:
        case FilterKey::Doc:
            break; // compiled as Events
        }
        return Result::False;
    }

    Result evaluate(int index, const FilterRecord& record) const
    {
        const Node& node = nodes[size_t(index)];
        switch (node.kind) {
        case Kind::Term:
            return term(node, record);
        case Kind::Events:
            if (matcher->needsBody() && !record.hasContent)
                return Result::Unknown;
            return fromBool(
                matcher->matches(record.id, matcher->needsBody() ? record.body : QByteArrayView(), node.events));
        case Kind::Not: {
            const Result child = evaluate(node.children.front(), record);
            return child == Result::Unknown ? child : fromBool(child == Result::False);
        }
        case Kind::And:
        case Kind::Or: {
            // Kleene logic: one decisive child settles it; otherwise any unknown child leaves it unknown.
            const Result decisive = node.kind == Kind::And ? Result::False : Result::True;
            bool unknown = false;
            for (const int child : node.children) {
                const Result result = evaluate(child, record);
                if (result == decisive)
                    return decisive;
                unknown = unknown || result == Result::Unknown;
            }
            if (unknown)
                return Result::Unknown;
            return node.kind == Kind::And ? Result::True : Result::False;
        }
        }
        return Result::False;
    }
};

FilterEvaluator::FilterEvaluator(const FilterQuery& query, const FilterContext& context)
    : d(std::make_unique<Program>())
{
    d->matcher = context.events ? context.events : std::make_shared<JsonEventMatcher>();
    d->now = context.now;
    d->zone = context.zone;
    if (const FilterNode* root = query.root())
        d->root = d->compile(*root);
}

FilterEvaluator::~FilterEvaluator() = default;
FilterEvaluator::FilterEvaluator(FilterEvaluator&&) noexcept = default;
FilterEvaluator& FilterEvaluator::operator=(FilterEvaluator&&) noexcept = default;

FilterEvaluator::Result FilterEvaluator::evaluate(const FilterRecord& record) const
{
    return d->root < 0 ? Result::True : d->evaluate(d->root, record);
}

FilterNeeds FilterEvaluator::needs() const
{
    return d->needs;
}

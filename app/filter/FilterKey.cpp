// SPDX-License-Identifier: MIT
#include "filter/FilterKey.h"

#include <algorithm>
#include <vector>

#include "signature/SignatureScheme.h"

namespace {

QStringList schemeNames()
{
    QStringList names;
    for (const SignatureScheme scheme : SignatureSchemes::all())
        names.append(SignatureSchemes::name(scheme));
    names.append(SignatureSchemes::name(SignatureScheme::None));
    return names;
}

QList<FilterKeyInfo> makeKeys()
{
    using namespace Qt::StringLiterals;
    return {
        {FilterKey::Method,
         u"method"_s,
         u"an HTTP method, e.g. POST"_s,
         {u"GET"_s, u"POST"_s, u"PUT"_s, u"PATCH"_s, u"DELETE"_s, u"HEAD"_s, u"OPTIONS"_s}},
        {FilterKey::Path, u"path"_s, u"the path without its query; * and ? as wildcards, e.g. /hooks/*"_s, {}},
        {FilterKey::Status,
         u"status"_s,
         u"the status answered: 2xx, 404, >=400, <300"_s,
         {u"2xx"_s, u"3xx"_s, u"4xx"_s, u"5xx"_s, u">=400"_s}},
        {FilterKey::Sig,
         u"sig"_s,
         u"the signature check: valid, invalid, missing or none"_s,
         {u"valid"_s, u"invalid"_s, u"missing"_s, u"none"_s}},
        {FilterKey::Scheme, u"scheme"_s, u"the signature scheme recognised"_s, schemeNames()},
        {FilterKey::Schema, u"schema"_s, u"a Firm App event's schema, e.g. user"_s, {}},
        {FilterKey::Action, u"action"_s, u"a Firm App event's action"_s, {u"create"_s, u"update"_s, u"delete"_s}},
        {FilterKey::Doc, u"doc"_s, u"a Firm App event's docId; * and ? as wildcards"_s, {}},
        {FilterKey::Header, u"header"_s, u"has a header: name, or name=value (* and ? as wildcards)"_s, {}},
        {FilterKey::Body, u"body"_s, u"text in the body"_s, {}},
        {FilterKey::Size, u"size"_s, u"the body's size: >10k, <=2m, 0 (k = 1024 bytes)"_s, {u">10k"_s, u"0"_s}},
        {FilterKey::After,
         u"after"_s,
         u"received at or after: 2024-11-08, 2024-11-08T21:49, -1h, -30m, today"_s,
         {u"-1h"_s, u"-30m"_s, u"today"_s, u"yesterday"_s}},
        {FilterKey::Before,
         u"before"_s,
         u"received before: 2024-11-08, 2024-11-08T21:49, -1h, -30m, today"_s,
         {u"-1h"_s, u"today"_s, u"yesterday"_s}},
        {FilterKey::Peer, u"peer"_s, u"the sender's address; * and ? as wildcards"_s, {}},
    };
}

const QList<FilterKeyInfo>& keys()
{
    static const QList<FilterKeyInfo> table = makeKeys();
    return table;
}

int editDistance(QStringView a, QStringView b)
{
    std::vector<int> previous(size_t(b.size()) + 1);
    std::vector<int> current(previous.size());
    for (size_t j = 0; j < previous.size(); ++j)
        previous[j] = int(j);
    for (qsizetype i = 1; i <= a.size(); ++i) {
        current[0] = int(i);
        for (qsizetype j = 1; j <= b.size(); ++j) {
            const int substitution = previous[size_t(j - 1)] + (a.at(i - 1).toLower() == b.at(j - 1).toLower() ? 0 : 1);
            current[size_t(j)] = std::min({previous[size_t(j)] + 1, current[size_t(j - 1)] + 1, substitution});
        }
        std::swap(previous, current);
    }
    return previous.back();
}

} // namespace

QList<FilterKeyInfo> FilterKeys::all()
{
    return keys();
}

QString FilterKeys::name(FilterKey key)
{
    for (const FilterKeyInfo& info : keys()) {
        if (info.key == key)
            return info.name;
    }
    return {};
}

std::optional<FilterKey> FilterKeys::fromName(QStringView name)
{
    for (const FilterKeyInfo& info : keys()) {
        if (name.compare(info.name, Qt::CaseInsensitive) == 0)
            return info.key;
    }
    return std::nullopt;
}

FilterValueForm FilterKeys::valueForm(FilterKey key)
{
    switch (key) {
    case FilterKey::Method:
        return FilterValueForm::Method;
    case FilterKey::Status:
        return FilterValueForm::Status;
    case FilterKey::Size:
        return FilterValueForm::Size;
    case FilterKey::Sig:
        return FilterValueForm::Signature;
    case FilterKey::Scheme:
        return FilterValueForm::Scheme;
    case FilterKey::Header:
        return FilterValueForm::Header;
    case FilterKey::After:
    case FilterKey::Before:
        return FilterValueForm::Time;
    case FilterKey::Text:
    case FilterKey::Path:
    case FilterKey::Schema:
    case FilterKey::Action:
    case FilterKey::Doc:
    case FilterKey::Body:
    case FilterKey::Peer:
        break;
    }
    return FilterValueForm::Text;
}

QString FilterKeys::nearest(QStringView name)
{
    if (name.isEmpty())
        return {};
    // A key started but not finished ("stat") is the likeliest meaning.
    for (const FilterKeyInfo& info : keys()) {
        if (info.name.startsWith(name, Qt::CaseInsensitive))
            return info.name;
    }
    // Otherwise the closest by edits, as long as most of the word stays.
    QString best;
    int bestDistance = int(name.size()) / 2 + 1;
    for (const FilterKeyInfo& info : keys()) {
        const int distance = editDistance(name, info.name);
        if (distance < bestDistance) {
            best = info.name;
            bestDistance = distance;
        }
    }
    return best;
}

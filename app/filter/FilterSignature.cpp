// SPDX-License-Identifier: MIT
#include "filter/FilterSignature.h"

#include "signature/SignatureResult.h"

FilterSignature FilterSignature::of(const SignatureResult& result)
{
    FilterSignature signature;
    signature.scheme = result.scheme;
    switch (result.status) {
    case SignatureStatus::Valid:
        signature.state = FilterSignatureState::Valid;
        break;
    case SignatureStatus::Invalid:
    case SignatureStatus::UnreadableBody:
        signature.state = FilterSignatureState::Invalid;
        break;
    case SignatureStatus::Missing:
        signature.state = FilterSignatureState::Missing;
        break;
    case SignatureStatus::NotApplicable:
    case SignatureStatus::NoSecret:
        signature.state = FilterSignatureState::None;
        break;
    }
    return signature;
}

QString FilterSignature::stateName(FilterSignatureState state)
{
    switch (state) {
    case FilterSignatureState::Unknown:
        return QStringLiteral("unknown");
    case FilterSignatureState::Valid:
        return QStringLiteral("valid");
    case FilterSignatureState::Invalid:
        return QStringLiteral("invalid");
    case FilterSignatureState::Missing:
        return QStringLiteral("missing");
    case FilterSignatureState::None:
        return QStringLiteral("none");
    }
    return {};
}

std::optional<FilterSignatureState> FilterSignature::stateFromName(QStringView name)
{
    for (const FilterSignatureState state : {FilterSignatureState::Valid, FilterSignatureState::Invalid,
                                             FilterSignatureState::Missing, FilterSignatureState::None}) {
        if (name.compare(stateName(state), Qt::CaseInsensitive) == 0)
            return state;
    }
    return std::nullopt;
}

// SPDX-License-Identifier: MIT
#pragma once

#include <QString>
#include <optional>

#include "signature/SignatureScheme.h"

struct SignatureResult;

// What the sig: values name. Unknown: not checked yet; such a capture matches no sig: or scheme: term.
enum class FilterSignatureState : quint8
{
    Unknown,
    Valid,
    Invalid, // the signature is wrong, or the body could not be read to check it
    Missing, // a scheme applies but the request carries no signature
    None // nothing to check: no scheme recognised, or no secret to check it with
};

// A capture's signature as the filter sees it. The window knows these (it checks every capture); the engine
// takes them as a map from capture id.
struct FilterSignature
{
    FilterSignatureState state = FilterSignatureState::Unknown;
    SignatureScheme scheme = SignatureScheme::None;

    static FilterSignature of(const SignatureResult& result);
    static QString stateName(FilterSignatureState state); // "valid", ...; "unknown" for Unknown
    static std::optional<FilterSignatureState> stateFromName(QStringView name); // the four sig: values
};

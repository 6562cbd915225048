// SPDX-License-Identifier: MIT
#pragma once

#include <QString>
#include <optional>

#include "signature/GenericHmacProfile.h"

// A generic HMAC profile written as one line, for the command line and settings:
//   header=X-Signature;algorithm=sha256;encoding=hex;prefix=sha256=;template={timestamp}.{body};
//   timestamp-header=X-Timestamp;id-header=X-Id;tolerance=300
// Every key is optional; unknown keys and bad values are errors that name the key.
class GenericHmacSpec final
{
public:
    static std::optional<GenericHmacProfile> parse(QStringView spec, QString* error);
    static QString write(const GenericHmacProfile& profile);
};

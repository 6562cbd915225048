// SPDX-License-Identifier: MIT
#pragma once

#include <QString>

#include "core/Expected.h"
#include "signature/GenericHmacProfile.h"

// A generic HMAC profile written as one line, for the command line and settings:
//   header=X-Signature;algorithm=sha256;encoding=hex;prefix=sha256=;template={timestamp}.{body};
//   timestamp-header=X-Timestamp;id-header=X-Id;tolerance=300
// Every key is optional; unknown keys and bad values are errors (InvalidInput) that name the key.
class GenericHmacSpec final
{
public:
    static Expected<GenericHmacProfile> parse(QStringView spec);
    static QString write(const GenericHmacProfile& profile);
};

// SPDX-License-Identifier: MIT
#pragma once

#include <QString>

#include "core/Error.h"

namespace StoreMessages {

// What the window says of a failure of the session store: what happened to the store, in words for the user
// (the disk is full, the folder is read-only, another program holds it), then the store's own message. An
// error of another kind is its message.
QString describe(const Error& error);

} // namespace StoreMessages

// SPDX-License-Identifier: MIT
#pragma once

#include <optional>

#include "har/HarError.h"
#include "har/HarJsonParser.h"
#include "har/HarReader.h"

// Converts one parsed entry of log.entries (the tree rooted at root) into entry, or says which field
// made that impossible. Warnings about what the file could not give exactly go to entry.warnings.
std::optional<HarError> convertHarEntry(const HarJsonParser& json, int index, qint32 root, HarEntry& entry);

// "a string", "an object", ...: a JSON type as error messages name it.
const char* harJsonTypeName(HarJsonParser::Type type);

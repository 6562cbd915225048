// SPDX-License-Identifier: MIT
#pragma once

#include "har/HarError.h"
#include "har/HarJsonParser.h"
#include "har/HarReader.h"

// Converts one parsed entry of log.entries (the tree rooted at root) into an entry with that index, or says
// which field made that impossible. Warnings about what the file could not give exactly go to its warnings.
HarExpected<HarEntry> convertHarEntry(const HarJsonParser& json, int index, qint32 root);

// "a string", "an object", ...: a JSON type as error messages name it.
const char* harJsonTypeName(HarJsonParser::Type type);

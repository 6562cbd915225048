// SPDX-License-Identifier: MIT
#pragma once

#include <QByteArray>

// The reason phrase of a status code as RFC 9110 names it; empty for codes it does not name.
QByteArray knownReasonPhrase(int status);
// The same, with a generic phrase by class ("Client Error", ...) for the others.
QByteArray reasonPhrase(int status);

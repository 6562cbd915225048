// SPDX-License-Identifier: MIT
#pragma once

#include <QByteArray>
#include <QString>

#include "core/Capture.h"

// The RFC 9112 checks the request parser makes in its own code, so that they hold whatever llhttp
// build is in use (a system llhttp built lenient lets these shapes through). Each returns an empty
// string when the input is fine, else why it is not.
namespace RequestChecks {

bool isTokenChar(char c);
// RFC 9110 section 9.1: a method is a token. llhttp 8 knows 33 methods; knownToLlhttp() says which.
bool isToken(QByteArrayView bytes);
bool knownToLlhttp(QByteArrayView method);

// Field names, obsolete line folding, and bare CR or LF in a header or trailer section (raw bytes).
QString checkFields(const HttpHeaders& fields, const QByteArray& raw, bool trailerSection);
// Message framing of a request head (RFC 9112 section 6): at most one Content-Length, made of digits;
// not both Content-Length and Transfer-Encoding; chunked last in Transfer-Encoding.
QString checkFraming(const HttpHeaders& headers);

} // namespace RequestChecks

// SPDX-License-Identifier: MIT
#pragma once

#include <QString>
#include <utility>

#include "core/Expected.h"

// What went wrong while reading or writing a HAR file.
enum class HarErrorCode
{
    FileOpen, // the file could not be opened or created
    FileTooLarge, // larger than the reader's limit
    FileWrite, // writing failed part way (disk full, file size limit, I/O error)
    FileCommit, // the finished file could not replace the old one
    Canceled, // the progress callback asked to stop
    Syntax, // not JSON
    Truncated, // the JSON ends early
    TooDeep, // nesting beyond the reader's limit
    EntryTooLarge, // one entry holds more JSON values or bytes than the reader's limit; it was skipped
    NotHar, // JSON, but no log.entries
    MissingField, // a required field is absent
    WrongType, // a field has the wrong JSON type
    InvalidValue, // right type, unusable value (bad date, bad token, ...)
    InvalidBase64, // a base64 field does not decode
    NotHttp, // an entry that is not an HTTP request (data:, ws:, ...)
    BodyNotKept, // a warning: the tool that wrote the file did not keep the body
    BodyMayDiffer, // a warning: the body was rebuilt or may have lost bytes
};

// One error or warning. entryIndex is -1 for the file as a whole; field is a path such as
// "request.headers[2].value" (empty when the problem is not about one field).
struct HarError
{
    HarError() = default;
    HarError(HarErrorCode errorCode, QString errorMessage, int entry = -1, QString errorField = {})
        : code(errorCode)
        , message(std::move(errorMessage))
        , entryIndex(entry)
        , field(std::move(errorField))
    { }

    HarErrorCode code = HarErrorCode::Syntax;
    QString message;
    int entryIndex = -1;
    QString field;

    // "entry 3: request.headers[2].value: expected a string"
    QString text() const;
};

// A value, or the HAR error that prevented it.
template<typename T>
using HarExpected = Expected<T, HarError>;

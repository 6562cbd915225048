// SPDX-License-Identifier: MIT
#pragma once

#include <QByteArrayView>

// Strict UTF-8 checks shared by the HAR writer, the reader and the curl export.
class HarUtf8 final
{
public:
    // Well-formed UTF-8 (no overlong forms, no surrogates, nothing above U+10FFFF).
    static bool isValid(QByteArrayView bytes);
    // Valid UTF-8 that a JSON string can carry as text without surprising readers: no NUL.
    static bool isRepresentableText(QByteArrayView bytes);
};

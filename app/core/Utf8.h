// SPDX-License-Identifier: MIT
#pragma once

#include <QByteArrayView>

// Strict UTF-8 checks: the HAR writer and reader and the curl export decide text against binary with them.
class Utf8 final
{
public:
    // Well-formed UTF-8 (no overlong forms, no surrogates, nothing above U+10FFFF).
    static bool isValid(QByteArrayView bytes);
    // Valid UTF-8 that a JSON string can carry as text without surprising readers: no NUL.
    static bool isRepresentableText(QByteArrayView bytes);
};

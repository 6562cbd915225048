// SPDX-License-Identifier: MIT
// Checks of the core's Expected results, for every test.
#pragma once

#include <QTest>

#include "core/Expected.h"

// Verifies that a call returning an Expected succeeded; when it did not, the test prints the error's message.
#define QVERIFY_EXPECTED(expression)                                                                                   \
    do {                                                                                                               \
        const auto& expected_ = (expression);                                                                          \
        QVERIFY2(expected_.has_value(), expected_.has_value() ? "" : qPrintable(expected_.error().message));           \
    } while (false)

// Verifies that a call returning an Expected failed with this code (an Error::Code, or an area's own code).
#define QVERIFY_FAILS_WITH(expression, errorCode)                                                                      \
    do {                                                                                                               \
        const auto& expected_ = (expression);                                                                          \
        QVERIFY(!expected_.has_value());                                                                               \
        QCOMPARE(expected_.error().code, errorCode);                                                                   \
    } while (false)

// SPDX-License-Identifier: MIT
#pragma once

#include <QByteArray>
#include <QByteArrayView>

// ECMAScript number conversions, locale-independent.
class JsonNumber final
{
public:
    // The nearest double to a JSON number text (round-half-even); beyond the range it is +-Infinity,
    // below it +-0, as JSON.parse gives.
    static double parse(QByteArrayView text);

    // Number.prototype.toString(): shortest round-trip digits, "-0" as "0", exponent form below 1e-6
    // and from 1e21 ("1e+21", "5e-324"), "NaN", "Infinity", "-Infinity".
    static QByteArray toEcmaString(double value);

    // What JSON.stringify writes for a number: toEcmaString, or "null" when not finite.
    static void appendJson(QByteArray& out, double value);
};

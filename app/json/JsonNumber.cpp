// SPDX-License-Identifier: MIT
#include "json/JsonNumber.h"

#include <charconv>
#include <cmath>
#include <cstdlib>
#include <limits>
#include <system_error>

double JsonNumber::parse(QByteArrayView text)
{
    const char* begin = text.data();
    const char* end = begin + text.size();
    double value = 0;
    const auto [ptr, ec] = std::from_chars(begin, end, value, std::chars_format::general);
    if (ec == std::errc())
        return value;
    if (ec != std::errc::result_out_of_range)
        return std::numeric_limits<double>::quiet_NaN();

    // Out of range: decide between overflow and underflow from the decimal magnitude.
    const bool negative = begin != end && *begin == '-';
    const char* p = negative ? begin + 1 : begin;
    long long magnitude = 0; // position of the first significant digit relative to the decimal point
    bool seenNonZero = false;
    bool inFraction = false;
    long long intDigits = 0;
    long long leadingFractionZeros = 0;
    for (; p != end && *p != 'e' && *p != 'E'; ++p) {
        if (*p == '.') {
            inFraction = true;
            continue;
        }
        if (!seenNonZero) {
            if (*p != '0') {
                seenNonZero = true;
                if (inFraction)
                    magnitude = -leadingFractionZeros - 1;
                else
                    intDigits = 1;
            } else if (inFraction) {
                ++leadingFractionZeros;
            }
        } else if (!inFraction) {
            ++intDigits;
        }
    }
    if (seenNonZero && magnitude == 0)
        magnitude = intDigits - 1;
    long long exponent = 0;
    if (p != end) {
        ++p;
        bool expNegative = false;
        if (p != end && (*p == '+' || *p == '-'))
            expNegative = *p++ == '-';
        for (; p != end; ++p) {
            if (exponent < 100000000000LL)
                exponent = exponent * 10 + (*p - '0');
        }
        if (expNegative)
            exponent = -exponent;
    }
    const double result = (seenNonZero && magnitude + exponent > 0) ? std::numeric_limits<double>::infinity() : 0.0;
    return negative ? -result : result;
}

QByteArray JsonNumber::toEcmaString(double value)
{
    if (std::isnan(value))
        return QByteArrayLiteral("NaN");
    if (std::isinf(value))
        return value < 0 ? QByteArrayLiteral("-Infinity") : QByteArrayLiteral("Infinity");
    if (value == 0)
        return QByteArrayLiteral("0");

    char buffer[64];
    const auto [ptr, ec] = std::to_chars(buffer, buffer + sizeof buffer, value, std::chars_format::scientific);
    Q_ASSERT(ec == std::errc());
    // buffer holds "-d.ddde+XX": split into digits and exponent.
    const char* p = buffer;
    const bool negative = *p == '-';
    if (negative)
        ++p;
    char digits[32];
    int k = 0;
    for (; p != ptr && *p != 'e'; ++p) {
        if (*p != '.')
            digits[k++] = *p;
    }
    ++p; // 'e'; to_chars does not terminate the buffer, so the exponent is read up to ptr
    const bool negativeExponent = *p == '-';
    ++p;
    int exponent = 0;
    for (; p != ptr; ++p)
        exponent = exponent * 10 + (*p - '0');
    if (negativeExponent)
        exponent = -exponent;
    const int n = exponent + 1; // the decimal point sits after n digits

    QByteArray out;
    out.reserve(32);
    if (negative)
        out.append('-');
    if (k <= n && n <= 21) {
        out.append(digits, k);
        out.append(QByteArray(n - k, '0'));
    } else if (0 < n && n <= 21) {
        out.append(digits, n);
        out.append('.');
        out.append(digits + n, k - n);
    } else if (-6 < n && n <= 0) {
        out.append("0.", 2);
        out.append(QByteArray(-n, '0'));
        out.append(digits, k);
    } else {
        out.append(digits[0]);
        if (k > 1) {
            out.append('.');
            out.append(digits + 1, k - 1);
        }
        out.append('e');
        out.append(n - 1 >= 0 ? '+' : '-');
        out.append(QByteArray::number(std::abs(n - 1)));
    }
    return out;
}

void JsonNumber::appendJson(QByteArray& out, double value)
{
    if (!std::isfinite(value)) {
        out.append("null", 4);
        return;
    }
    out.append(toEcmaString(value));
}

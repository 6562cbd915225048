// SPDX-License-Identifier: MIT
#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QString>
#include <initializer_list>

enum class HmacAlgorithm
{
    Sha1,
    Sha256,
    Sha512
};

// HMAC through OpenSSL, and the constant-time comparison every verification uses.
class Hmac final
{
public:
    static QByteArray compute(HmacAlgorithm algorithm, QByteArrayView key, QByteArrayView data);
    // The HMAC of the parts' concatenation, without building it.
    static QByteArray compute(HmacAlgorithm algorithm, QByteArrayView key, std::initializer_list<QByteArrayView> parts);
    enum class Case
    {
        Sensitive,
        Insensitive // ASCII letters only: hex digits written in the other case
    };
    // The one comparison of signatures: constant time in the contents when the lengths match (lengths are
    // not secret; false otherwise). Every scheme and forensics compare through it.
    static bool equals(QByteArrayView a, QByteArrayView b, Case letterCase = Case::Sensitive);

    static QString name(HmacAlgorithm algorithm); // "sha1", "sha256", "sha512"
    static bool fromName(QStringView name, HmacAlgorithm* algorithm);
};

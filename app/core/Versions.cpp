// SPDX-License-Identifier: MIT
#include "core/Versions.h"

#include <QStringList>
#include <QtGlobal>

#include <llhttp.h>
#include <openssl/crypto.h>
#include <sqlite3.h>

namespace Versions {

QList<LibraryVersion> libraries()
{
    return {
        {QStringLiteral("Qt"), QString::fromLatin1(qVersion())},
        {QStringLiteral("OpenSSL"), QString::fromLatin1(OpenSSL_version(OPENSSL_VERSION_STRING))},
        {QStringLiteral("llhttp"),
         QStringLiteral("%1.%2.%3").arg(LLHTTP_VERSION_MAJOR).arg(LLHTTP_VERSION_MINOR).arg(LLHTTP_VERSION_PATCH)},
        {QStringLiteral("SQLite"), QString::fromLatin1(sqlite3_libversion())},
    };
}

QString summary()
{
    QStringList parts;
    for (const LibraryVersion& library : libraries())
        parts.append(library.name + QLatin1Char(' ') + library.version);
    return parts.join(QStringLiteral(", "));
}

} // namespace Versions

// SPDX-License-Identifier: MIT
#include "signature/schemes/SchemeHandler.h"

namespace SchemeSupport {

std::optional<qint64> parseTimestamp(QByteArrayView text)
{
    bool ok = false;
    const qint64 value = text.trimmed().toLongLong(&ok);
    return ok ? std::optional<qint64>(value) : std::nullopt;
}

void takePrefixed(SignatureCheck& check, const QByteArray& value, const QByteArray& prefix)
{
    check.prefix = prefix;
    check.receivedDisplay = value;
    const QByteArray trimmed = value.trimmed();
    if (prefix.isEmpty() || trimmed.startsWith(prefix)) {
        check.received.append(trimmed.mid(prefix.size()));
    } else {
        check.received.append(trimmed);
        check.receivedHadNoPrefix = true;
    }
}

bool replaceHeader(HttpHeaders& headers, QByteArrayView name, const QByteArray& value)
{
    for (HttpHeader& header : headers) {
        if (header.first.compare(name, Qt::CaseInsensitive) == 0) {
            header.second = value;
            return true;
        }
    }
    return false;
}

QByteArray encode(SignatureEncoding encoding, const QByteArray& digest)
{
    return encoding == SignatureEncoding::Hex ? digest.toHex() : digest.toBase64();
}

} // namespace SchemeSupport

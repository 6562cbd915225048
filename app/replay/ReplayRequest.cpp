// SPDX-License-Identifier: MIT
#include "replay/ReplayRequest.h"

#include <QList>

namespace {

const QByteArrayView connectionHeaders[]
    = {"Connection", "Keep-Alive",         "Proxy-Connection",    "TE",   "Trailer",        "Transfer-Encoding",
       "Upgrade",    "Proxy-Authenticate", "Proxy-Authorization", "Host", "Content-Length", "Expect"};

// Methods whose empty body is usually sent without a length; others say "Content-Length: 0" as curl does.
bool bodylessMethod(const QByteArray& method)
{
    for (const char* name : {"GET", "HEAD", "DELETE", "OPTIONS", "TRACE", "CONNECT"}) {
        if (method == name)
            return true;
    }
    return false;
}

} // namespace

QByteArray ReplayRequest::requestTarget() const
{
    QByteArray target = url.path(QUrl::FullyEncoded).toLatin1();
    if (target.isEmpty())
        target = "/";
    if (url.hasQuery())
        target += '?' + url.query(QUrl::FullyEncoded).toLatin1();
    return target;
}

bool ReplayRequest::isConnectionHeader(QByteArrayView name)
{
    for (const QByteArrayView candidate : connectionHeaders) {
        if (name.compare(candidate, Qt::CaseInsensitive) == 0)
            return true;
    }
    return false;
}

HttpHeaders ReplayRequest::forwardableHeaders(const HttpHeaders& headers)
{
    QList<QByteArray> listed;
    for (const HttpHeader& header : headers) {
        if (header.first.compare("Connection", Qt::CaseInsensitive) != 0)
            continue;
        for (const QByteArray& name : header.second.split(','))
            listed.append(name.trimmed().toLower());
    }
    HttpHeaders out;
    for (const HttpHeader& header : headers) {
        if (isConnectionHeader(header.first) || listed.contains(header.first.toLower()))
            continue;
        out.append(header);
    }
    return out;
}

QByteArray ReplayRequest::serialize() const
{
    const bool defaultPort = url.port() < 0 || (url.scheme() == QLatin1String("https") && url.port() == 443)
        || (url.scheme() == QLatin1String("http") && url.port() == 80);
    QByteArray host = url.host(QUrl::FullyEncoded).toLatin1();
    if (host.contains(':'))
        host = '[' + host + ']';
    if (!defaultPort)
        host += ':' + QByteArray::number(url.port());
    const bool sendLength = !body.isEmpty() || !bodylessMethod(method);

    QByteArray out;
    out.reserve(256 + body.size());
    out += method + ' ' + requestTarget() + " HTTP/1.1\r\n";
    out += "Host: " + host + "\r\n";
    for (const HttpHeader& header : headers) {
        if (isConnectionHeader(header.first))
            continue; // the caller's list should not have them; the target's values are written above
        out += header.first + ": " + header.second + "\r\n";
    }
    if (sendLength)
        out += "Content-Length: " + QByteArray::number(body.size()) + "\r\n";
    out += "\r\n";
    out += body;
    return out;
}

ClientOptions ClientOptions::withConnection(const ClientOptions& connection) const
{
    ClientOptions options = *this;
    options.timeoutMs = connection.timeoutMs;
    options.verifyCertificates = connection.verifyCertificates;
    options.caFile = connection.caFile;
    return options;
}

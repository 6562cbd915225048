// SPDX-License-Identifier: MIT
#include "replay/ReplayPreparer.h"

#include <algorithm>

#include "signature/SignatureSigner.h"

QUrl ReplayPreparer::targetUrl(const ReplayTarget& target, const Capture& capture)
{
    if (!target.appendOriginalPath)
        return target.url;
    QByteArray original = capture.target;
    if (!original.startsWith('/')) {
        // absolute-form ("http://host/path?q") or asterisk-form: keep the path and query only
        const QUrl absolute = QUrl::fromEncoded(original, QUrl::TolerantMode);
        original = absolute.path(QUrl::FullyEncoded).toLatin1();
        if (absolute.hasQuery())
            original += '?' + absolute.query(QUrl::FullyEncoded).toLatin1();
    }
    const qsizetype question = original.indexOf('?');
    const QByteArray path = question < 0 ? original : original.left(question);
    const QByteArray query = question < 0 ? QByteArray() : original.mid(question + 1);

    QUrl base = target.url;
    QByteArray basePath = base.path(QUrl::FullyEncoded).toLatin1();
    while (basePath.endsWith('/'))
        basePath.chop(1);
    QByteArray joinedQuery = base.query(QUrl::FullyEncoded).toLatin1();
    if (!query.isEmpty())
        joinedQuery = joinedQuery.isEmpty() ? query : joinedQuery + '&' + query;
    base.setPath(QString::fromLatin1(basePath + (path.isEmpty() ? QByteArray("/") : path)), QUrl::TolerantMode);
    base.setQuery(joinedQuery.isEmpty() ? QString() : QString::fromLatin1(joinedQuery), QUrl::TolerantMode);
    return base;
}

ReplayRequest ReplayPreparer::request(const Capture& capture, const ReplayTarget& target)
{
    ReplayRequest request;
    request.method = capture.method;
    request.url = targetUrl(target, capture);
    request.body = capture.body;
    HttpHeaders headers;
    for (const HttpHeader& header : ReplayRequest::forwardableHeaders(capture.headers)) {
        const bool dropped
            = std::any_of(target.dropHeaders.cbegin(), target.dropHeaders.cend(), [&header](const QByteArray& name) {
                  return header.first.compare(name.trimmed(), Qt::CaseInsensitive) == 0;
              });
        if (!dropped)
            headers.append(header);
    }
    for (const HttpHeader& added : target.addHeaders) {
        if (ReplayRequest::isConnectionHeader(added.first))
            continue;
        // Replaces the first header of that name in place and removes its duplicates; else appends.
        bool replaced = false;
        for (qsizetype i = 0; i < headers.size();) {
            if (headers.at(i).first.compare(added.first, Qt::CaseInsensitive) != 0) {
                ++i;
            } else if (!replaced) {
                headers[i] = added;
                replaced = true;
                ++i;
            } else {
                headers.removeAt(i);
            }
        }
        if (!replaced)
            headers.append(added);
    }
    request.headers = headers;
    return request;
}

Expected<QString> ReplayPreparer::resign(ReplayRequest& request, const ReplayTarget& target, const QByteArray& secret,
                                         qint64 nowSecs)
{
    SignOptions options;
    options.now = nowSecs;
    options.renewMessageId = target.renewMessageId;
    options.generic = target.generic;
    const Expected<SignatureScheme> scheme
        = SignatureSigner::sign(request.headers, request.body, secret, target.resignScheme, options);
    if (!scheme)
        return scheme.error();
    return SignatureSchemes::name(*scheme);
}

PreparedReplay ReplayPreparer::prepareEdited(const ReplayRequest& request, const ReplayTarget& target,
                                             const QByteArray& secret, qint64 nowSecs)
{
    PreparedReplay prepared;
    prepared.request = request;
    if (target.resign) {
        const Expected<QString> scheme = resign(prepared.request, target, secret, nowSecs);
        if (scheme)
            prepared.resignedScheme = *scheme;
        else
            prepared.resigning = scheme.error();
    }
    return prepared;
}

PreparedReplay ReplayPreparer::prepare(const Capture& capture, const ReplayTarget& target, const QByteArray& secret,
                                       qint64 nowSecs)
{
    return prepareEdited(request(capture, target), target, secret, nowSecs);
}

ClientOptions ReplayPreparer::clientOptions(const ReplayTarget& target)
{
    ClientOptions options;
    options.timeoutMs = target.timeoutMs;
    options.verifyCertificates = target.verifyCertificates;
    options.caFile = target.caFile;
    return options;
}

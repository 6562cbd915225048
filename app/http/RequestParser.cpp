// SPDX-License-Identifier: MIT
#include "http/RequestParser.h"

#include <llhttp.h>

namespace {

bool isTokenChar(char c)
{
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'))
        return true;
    switch (c) {
    case '!':
    case '#':
    case '$':
    case '%':
    case '&':
    case '\'':
    case '*':
    case '+':
    case '-':
    case '.':
    case '^':
    case '_':
    case '`':
    case '|':
    case '~':
        return true;
    default:
        return false;
    }
}

QString byteCount(qint64 bytes)
{
    return QString::number(bytes) + (bytes == 1 ? QStringLiteral(" byte") : QStringLiteral(" bytes"));
}

} // namespace

struct RequestParser::Private
{
    enum class Phase
    {
        Idle,
        Head,
        Body,
        Rejected
    };

    HttpLimits limits;
    llhttp_t parser;
    llhttp_settings_t settings;

    Phase phase = Phase::Idle;
    Capture current;
    bool lastWasValue = false;
    bool inTrailers = false;
    bool continueWanted = false;
    int userRejectStatus = 0;
    QString userRejectReason;
    QList<ParsedRequest> done;

    explicit Private(HttpLimits l)
        : limits(l)
    {
        llhttp_settings_init(&settings);
        settings.on_message_begin = &Private::onMessageBegin;
        settings.on_method = &Private::onMethod;
        settings.on_url = &Private::onUrl;
        settings.on_version = &Private::onVersion;
        settings.on_header_field = &Private::onHeaderField;
        settings.on_header_value = &Private::onHeaderValue;
        settings.on_headers_complete = &Private::onHeadersComplete;
        settings.on_body = &Private::onBody;
        settings.on_message_complete = &Private::onMessageComplete;
        llhttp_init(&parser, HTTP_REQUEST, &settings);
        parser.data = this;
    }

    static Private* self(llhttp_t* p) { return static_cast<Private*>(p->data); }

    static int onMessageBegin(llhttp_t* p)
    {
        Private* d = self(p);
        d->phase = Phase::Head;
        d->current = Capture {};
        d->current.receivedAt = QDateTime::currentDateTimeUtc();
        d->lastWasValue = false;
        d->inTrailers = false;
        d->continueWanted = false;
        return 0;
    }
    static int onMethod(llhttp_t* p, const char* at, size_t length)
    {
        self(p)->current.method.append(at, qsizetype(length));
        return 0;
    }
    static int onUrl(llhttp_t* p, const char* at, size_t length)
    {
        self(p)->current.target.append(at, qsizetype(length));
        return 0;
    }
    static int onVersion(llhttp_t* p, const char* at, size_t length)
    {
        self(p)->current.httpVersion.append(at, qsizetype(length));
        return 0;
    }
    static int onHeaderField(llhttp_t* p, const char* at, size_t length)
    {
        Private* d = self(p);
        HttpHeaders& list = d->inTrailers ? d->current.trailers : d->current.headers;
        if (list.isEmpty() || d->lastWasValue)
            list.append(HttpHeader {});
        list.last().first.append(at, qsizetype(length));
        d->lastWasValue = false;
        return 0;
    }
    static int onHeaderValue(llhttp_t* p, const char* at, size_t length)
    {
        Private* d = self(p);
        HttpHeaders& list = d->inTrailers ? d->current.trailers : d->current.headers;
        if (list.isEmpty())
            list.append(HttpHeader {});
        list.last().second.append(at, qsizetype(length));
        d->lastWasValue = true;
        return 0;
    }
    static int onHeadersComplete(llhttp_t* p)
    {
        // Pausing here tells feed() exactly where the head ends; the checks run there.
        Private* d = self(p);
        d->lastWasValue = false;
        d->inTrailers = true;
        return HPE_PAUSED;
    }
    static int onBody(llhttp_t* p, const char* at, size_t length)
    {
        Private* d = self(p);
        if (d->current.body.size() + qint64(length) > d->limits.maxBodyBytes) {
            d->userRejectStatus = 413;
            d->userRejectReason
                = QStringLiteral("body larger than the limit of %1").arg(byteCount(d->limits.maxBodyBytes));
            return HPE_USER;
        }
        d->current.body.append(at, qsizetype(length));
        d->continueWanted = false;
        return 0;
    }
    static int onMessageComplete(llhttp_t* p)
    {
        Private* d = self(p);
        d->current.completedAt = QDateTime::currentDateTimeUtc();
        ParsedRequest request;
        request.keepAlive = llhttp_should_keep_alive(p) != 0;
        request.upgrade = p->upgrade != 0;
        request.capture = std::move(d->current);
        d->current = Capture {};
        d->done.append(std::move(request));
        d->phase = Phase::Idle;
        d->continueWanted = false;
        return HPE_PAUSED;
    }

    // Checks llhttp leaves to its caller (or skips when built lenient). Empty when the head is fine.
    QString checkHead() const
    {
        if (current.method.isEmpty() || current.target.isEmpty())
            return QStringLiteral("request line is incomplete");
        if (!current.target.startsWith('/') && current.target != "*" && !current.target.contains("://")
            && current.method != "CONNECT")
            return QStringLiteral("request target is not a path, an absolute URL or *");
        for (const HttpHeader& header : current.headers) {
            if (header.first.isEmpty())
                return QStringLiteral("empty header name");
            for (char c : header.first) {
                if (!isTokenChar(c))
                    return QStringLiteral("invalid character 0x%1 in header name \"%2\"")
                        .arg(uchar(c), 2, 16, QLatin1Char('0'))
                        .arg(QString::fromLatin1(header.first.left(64)));
            }
        }
        // Obsolete line folding: a header line that starts with a space or a tab.
        const QByteArray& head = current.rawHead;
        for (qsizetype i = head.indexOf('\n'); i >= 0 && i + 1 < head.size(); i = head.indexOf('\n', i + 1)) {
            const char next = head.at(i + 1);
            if (next == ' ' || next == '\t')
                return QStringLiteral("obsolete line folding in the header section (RFC 9112 section 5.2)");
        }
        return {};
    }

    void reject(int status, const QString& reason)
    {
        ParsedRequest request;
        request.rejectStatus = status;
        request.keepAlive = false;
        request.capture = std::move(current);
        request.capture.malformedReason = reason;
        if (!request.capture.receivedAt.isValid())
            request.capture.receivedAt = QDateTime::currentDateTimeUtc();
        request.capture.completedAt = QDateTime::currentDateTimeUtc();
        current = Capture {};
        done.append(std::move(request));
        phase = Phase::Rejected;
        continueWanted = false;
    }

    void feed(const char* data, qsizetype length)
    {
        const char* cur = data;
        const char* end = data + length;
        while (cur < end && phase != Phase::Rejected) {
            const llhttp_errno_t err = llhttp_execute(&parser, cur, size_t(end - cur));
            const char* stop = err == HPE_OK ? end : llhttp_get_error_pos(&parser);
            if (!stop || stop < cur || stop > end)
                stop = end;

            if (err == HPE_PAUSED && phase == Phase::Head && inTrailers) {
                // Paused at the end of the header section.
                current.rawHead.append(cur, qsizetype(stop - cur));
                trimLeadingBlankLines();
                if (!headerSectionFits())
                    return;
                const QString problem = checkHead();
                if (!problem.isEmpty()) {
                    appendRejectedTail(stop, end);
                    reject(400, problem);
                    return;
                }
                if ((parser.flags & F_CONTENT_LENGTH) && qint64(parser.content_length) > limits.maxBodyBytes) {
                    reject(413,
                           QStringLiteral("Content-Length %1 is larger than the limit of %2")
                               .arg(parser.content_length)
                               .arg(byteCount(limits.maxBodyBytes)));
                    return;
                }
                continueWanted
                    = headerValue(current.headers, "expect").compare("100-continue", Qt::CaseInsensitive) == 0;
                phase = Phase::Body;
                llhttp_resume(&parser);
                cur = stop;
                continue;
            }
            if (err == HPE_PAUSED) {
                // Paused at the end of a message: the next one starts at `stop`.
                llhttp_resume(&parser);
                cur = stop;
                continue;
            }
            if (err == HPE_PAUSED_UPGRADE) {
                // Upgrades are answered, then the connection closes; what follows is not HTTP/1.
                phase = Phase::Rejected;
                return;
            }
            if (err == HPE_OK) {
                if (phase == Phase::Head)
                    current.rawHead.append(cur, qsizetype(end - cur));
                if (phase == Phase::Head)
                    headerSectionFits();
                return;
            }
            // A parse error or a limit decided in a callback.
            if (phase == Phase::Head || phase == Phase::Idle) {
                current.rawHead.append(cur, qsizetype(end - cur));
                trimLeadingBlankLines();
            }
            if (err == HPE_USER && userRejectStatus != 0) {
                reject(userRejectStatus, userRejectReason);
            } else {
                const char* reason = llhttp_get_error_reason(&parser);
                reject(400,
                       QStringLiteral("%1: %2").arg(QString::fromLatin1(llhttp_errno_name(err)),
                                                    QString::fromLatin1(reason ? reason : "parse error")));
            }
            return;
        }
    }

    void trimLeadingBlankLines()
    {
        qsizetype skip = 0;
        while (skip < current.rawHead.size() && (current.rawHead.at(skip) == '\r' || current.rawHead.at(skip) == '\n'))
            ++skip;
        if (skip > 0)
            current.rawHead.remove(0, skip);
    }

    bool headerSectionFits()
    {
        if (current.rawHead.size() <= limits.maxHeaderBytes)
            return true;
        current.rawHead.truncate(limits.maxHeaderBytes);
        reject(431,
               QStringLiteral("header section larger than the limit of %1 (kept the first %1)")
                   .arg(byteCount(limits.maxHeaderBytes)));
        return false;
    }

    void appendRejectedTail(const char* from, const char* to)
    {
        // Bytes after a rejected head are kept as the body: nothing that arrived is dropped.
        current.body.append(from, qsizetype(to - from));
    }
};

RequestParser::RequestParser(HttpLimits limits)
    : d(std::make_unique<Private>(limits))
{ }

RequestParser::~RequestParser() = default;

void RequestParser::feed(QByteArrayView data)
{
    if (!data.isEmpty())
        d->feed(data.data(), data.size());
}

QList<ParsedRequest> RequestParser::takeRequests()
{
    return std::exchange(d->done, {});
}

std::optional<ParsedRequest> RequestParser::finish()
{
    if (d->phase != Private::Phase::Head && d->phase != Private::Phase::Body)
        return std::nullopt;
    const bool inBody = d->phase == Private::Phase::Body;
    QString reason = inBody
        ? QStringLiteral("connection closed after %1 of the body").arg(byteCount(d->current.body.size()))
        : QStringLiteral("connection closed before the header section was complete");
    if (inBody && (d->parser.flags & F_CONTENT_LENGTH))
        reason += QStringLiteral(" (%1 more were announced)").arg(d->parser.content_length);
    return abort(400, reason);
}

ParsedRequest RequestParser::abort(int status, const QString& reason)
{
    d->reject(status, reason);
    return d->done.takeLast();
}

bool RequestParser::failed() const
{
    return d->phase == Private::Phase::Rejected;
}

bool RequestParser::inHead() const
{
    return d->phase == Private::Phase::Head;
}

bool RequestParser::inMessage() const
{
    return d->phase == Private::Phase::Head || d->phase == Private::Phase::Body;
}

bool RequestParser::wantsContinue() const
{
    return d->continueWanted && d->phase == Private::Phase::Body;
}

void RequestParser::continueSent()
{
    d->continueWanted = false;
}

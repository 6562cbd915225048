// SPDX-License-Identifier: MIT
#include "http/RequestParser.h"

#include <llhttp.h>

#include "http/RequestChecks.h"

namespace {

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
        Trailers,
        Rejected
    };
    // Where one of our callbacks paused llhttp; feed() takes it from there.
    enum class Pause
    {
        None,
        MessageBegin,
        HeadersComplete,
        LastChunk,
        MessageComplete
    };

    HttpLimits limits;
    ParserOptions options;
    llhttp_t parser;
    llhttp_settings_t settings;

    Phase phase = Phase::Idle;
    Pause pause = Pause::None;
    Capture current;
    QByteArray rawTrailers; // the trailer section of a chunked body, checked like the head
    bool lastWasValue = false;
    bool continueWanted = false;
    bool methodChecked = false;
    QByteArray methodOverride; // a token method llhttp does not know; llhttp saw POST in its place
    QByteArray stash; // the start of a method whose end has not arrived yet
    qint64 chunkExtensionBytes = 0;
    int userRejectStatus = 0;
    QString userRejectReason;
    QList<ParsedRequest> done;

    Private(HttpLimits l, ParserOptions o)
        : limits(l)
        , options(std::move(o))
    {
        llhttp_settings_init(&settings);
        settings.on_message_begin = &Private::onMessageBegin;
        settings.on_method = &Private::onMethod;
        settings.on_url = &Private::onUrl;
        settings.on_version = &Private::onVersion;
        settings.on_header_field = &Private::onHeaderField;
        settings.on_header_value = &Private::onHeaderValue;
        settings.on_header_value_complete = &Private::onHeaderValueComplete;
        settings.on_headers_complete = &Private::onHeadersComplete;
        settings.on_chunk_header = &Private::onChunkHeader;
        settings.on_body = &Private::onBody;
        settings.on_message_complete = &Private::onMessageComplete;
        settings.on_chunk_extension_name = &Private::onChunkExtension;
        settings.on_chunk_extension_value = &Private::onChunkExtension;
        if (options.lenientLlhttp)
            settings.on_header_field_complete = &Private::forgetContentLength;
        llhttp_init(&parser, HTTP_REQUEST, &settings);
        parser.data = this;
        if (options.lenientLlhttp) {
            llhttp_set_lenient_headers(&parser, 1);
            llhttp_set_lenient_chunked_length(&parser, 1);
            llhttp_set_lenient_keep_alive(&parser, 1);
            llhttp_set_lenient_transfer_encoding(&parser, 1);
        }
    }

    QDateTime now() const { return options.clock ? options.clock() : QDateTime::currentDateTimeUtc(); }

    static Private* self(llhttp_t* p) { return static_cast<Private*>(p->data); }

    HttpHeaders& fieldList() { return phase == Phase::Trailers ? current.trailers : current.headers; }

    static int onMessageBegin(llhttp_t* p)
    {
        // Pausing here tells feed() where the request starts, after any blank lines before it.
        Private* d = self(p);
        d->phase = Phase::Head;
        d->current = Capture {};
        d->current.receivedAt = d->now();
        d->rawTrailers.clear();
        d->lastWasValue = false;
        d->continueWanted = false;
        d->methodChecked = false;
        d->chunkExtensionBytes = 0;
        d->pause = Pause::MessageBegin;
        return HPE_PAUSED;
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
        // llhttp reports the digits only; Capture keeps the protocol too ("HTTP/1.1").
        QByteArray& version = self(p)->current.httpVersion;
        if (version.isEmpty() && length > 0)
            version = QByteArrayLiteral("HTTP/");
        version.append(at, qsizetype(length));
        return 0;
    }
    static int onHeaderField(llhttp_t* p, const char* at, size_t length)
    {
        Private* d = self(p);
        HttpHeaders& list = d->fieldList();
        if (list.isEmpty() || d->lastWasValue)
            list.append(HttpHeader {});
        list.last().first.append(at, qsizetype(length));
        d->lastWasValue = false;
        return 0;
    }
    static int forgetContentLength(llhttp_t* p)
    {
        // Test option: llhttp refuses a second Content-Length whatever its flags; forgetting that it saw
        // one lets the head through to checkFraming, as a build that took duplicates would.
        const HttpHeaders& list = self(p)->fieldList();
        if (!list.isEmpty() && list.last().first.compare("content-length", Qt::CaseInsensitive) == 0)
            p->flags &= uint16_t(~F_CONTENT_LENGTH);
        return 0;
    }
    static int onHeaderValue(llhttp_t* p, const char* at, size_t length)
    {
        Private* d = self(p);
        HttpHeaders& list = d->fieldList();
        if (list.isEmpty())
            list.append(HttpHeader {});
        list.last().second.append(at, qsizetype(length));
        d->lastWasValue = true;
        return 0;
    }
    static int onHeaderValueComplete(llhttp_t* p)
    {
        // llhttp drops the whitespace before a value but keeps the whitespace after it, which is not
        // part of the value either (RFC 9112 section 5).
        Private* d = self(p);
        HttpHeaders& list = d->fieldList();
        if (!list.isEmpty()) {
            QByteArray& value = list.last().second;
            qsizetype size = value.size();
            while (size > 0 && (value.at(size - 1) == ' ' || value.at(size - 1) == '\t'))
                --size;
            value.truncate(size);
        }
        d->lastWasValue = true;
        return 0;
    }
    static int onHeadersComplete(llhttp_t* p)
    {
        // Pausing here tells feed() exactly where the head ends; the checks run there.
        Private* d = self(p);
        d->lastWasValue = false;
        d->pause = Pause::HeadersComplete;
        return HPE_PAUSED;
    }
    static int onChunkHeader(llhttp_t* p)
    {
        // The last chunk: what follows is the trailer section, which feed() keeps and checks.
        if (p->content_length != 0)
            return 0;
        self(p)->pause = Pause::LastChunk;
        return HPE_PAUSED;
    }
    static int onBody(llhttp_t* p, const char* at, size_t length)
    {
        Private* d = self(p);
        const qint64 room = d->limits.maxBodyBytes - d->current.body.size();
        if (qint64(length) > room) {
            // Keep what fits: the same bytes however the stream was split.
            d->current.body.append(at, qsizetype(qMax<qint64>(room, 0)));
            d->userRejectStatus = 413;
            d->userRejectReason
                = QStringLiteral("body larger than the limit of %1").arg(byteCount(d->limits.maxBodyBytes));
            return HPE_USER;
        }
        d->current.body.append(at, qsizetype(length));
        d->continueWanted = false;
        return 0;
    }
    static int onChunkExtension(llhttp_t* p, const char*, size_t length)
    {
        // Chunk extensions are not kept, but they are bytes a client can send without end.
        Private* d = self(p);
        d->chunkExtensionBytes += qint64(length);
        if (d->chunkExtensionBytes <= d->limits.maxChunkExtensionBytes)
            return 0;
        d->userRejectStatus = 400;
        d->userRejectReason = QStringLiteral("chunk extensions larger than the limit of %1")
                                  .arg(byteCount(d->limits.maxChunkExtensionBytes));
        return HPE_USER;
    }
    static int onMessageComplete(llhttp_t* p)
    {
        self(p)->pause = Pause::MessageComplete;
        return HPE_PAUSED;
    }

    QString checkHead() const
    {
        // llhttp takes "GET /" without a version for HTTP/0.9, which RFC 9112 section 3 no longer has.
        if (current.method.isEmpty() || current.target.isEmpty() || current.httpVersion.isEmpty())
            return QStringLiteral("request line is incomplete");
        if (!current.target.startsWith('/') && current.target != "*" && !current.target.contains("://")
            && current.method != "CONNECT")
            return QStringLiteral("request target is not a path, an absolute URL or *");
        QString problem = RequestChecks::checkFields(current.headers, current.rawHead, false);
        if (!problem.isEmpty())
            return QStringLiteral("header section: ") + problem;
        return RequestChecks::checkFraming(current.headers);
    }

    void reject(int status, const QString& reason)
    {
        ParsedRequest request;
        request.rejectStatus = status;
        request.keepAlive = false;
        current.method.append(stash); // a method cut short (only token characters wait in the stash)
        current.rawHead.append(std::exchange(stash, {}));
        request.capture = std::move(current);
        request.capture.malformedReason = reason;
        if (!request.capture.receivedAt.isValid())
            request.capture.receivedAt = now();
        request.capture.completedAt = now();
        current = Capture {};
        rawTrailers.clear();
        done.append(std::move(request));
        phase = Phase::Rejected;
        continueWanted = false;
    }

    void feed(const char* data, qsizetype length)
    {
        if (!stash.isEmpty()) {
            const QByteArray joined = std::exchange(stash, {}) + QByteArray(data, length);
            feedBytes(joined.constData(), joined.size());
        } else {
            feedBytes(data, length);
        }
    }

    // A method is any RFC 9110 token. llhttp 8 knows 33 of them and rejects the rest, so a token it does
    // not know is kept here and llhttp parses the request with POST in its place. Returns false when
    // feedBytes() stops: the method has not ended yet (its bytes wait in the stash) or the head is over
    // its limit.
    bool checkMethod(const char*& cur, const char* end)
    {
        const char* p = cur;
        while (p < end && RequestChecks::isTokenChar(*p))
            ++p;
        if (p == end && current.rawHead.size() + (end - cur) <= limits.maxHeaderBytes) {
            stash = QByteArray(cur, end - cur);
            return false;
        }
        methodChecked = true;
        if (p == end) {
            keepSectionBytes(cur, end); // a token longer than the head limit: rejected with 431
            return false;
        }
        if (current.rawHead.size() + (p - cur) > limits.maxHeaderBytes) {
            // Over the head limit before the token ends, whatever follows it: 431, as when it arrives in
            // pieces and the stash outgrows the limit.
            keepSectionBytes(cur, p);
            return false;
        }
        if (p == cur || *p != ' ' || RequestChecks::knownToLlhttp(QByteArrayView(cur, p - cur)))
            return true; // llhttp decides, as for any other byte of the head
        methodOverride = QByteArray(cur, p - cur);
        if (!keepSectionBytes(cur, p))
            return false;
        llhttp_execute(&parser, "POST", 4);
        current.method = methodOverride;
        cur = p;
        return true;
    }

    struct FieldSnapshot
    {
        llhttp_t parser;
        QByteArray method, target, version;
        HttpHeaders headers, trailers;
        bool lastWasValue;
    };

    void feedBytes(const char* data, qsizetype length)
    {
        const char* cur = data;
        const char* const end = data + length;
        // After a pause llhttp may still have steps that consume no bytes (completing a request without
        // a body, noticing an upgrade): run it once more even at the end of the data so that they happen
        // now, not when the next bytes arrive.
        bool runAfterPause = false;
        while ((cur < end || runAfterPause) && phase != Phase::Rejected) {
            runAfterPause = false;
            if (phase == Phase::Head && !methodChecked && cur < end && !checkMethod(cur, end))
                return;
            // Bytes after the head, chunk framing included, are the body arriving: 100 Continue is moot.
            if (cur < end && (phase == Phase::Body || phase == Phase::Trailers))
                continueWanted = false;
            // llhttp sees at most one byte past the limit of a header or trailer section, so what it
            // parsed of an oversized section does not depend on how the stream was split.
            qsizetype size = end - cur;
            if (phase == Phase::Head)
                size = qMin(size, qMax<qsizetype>(1, limits.maxHeaderBytes + 1 - current.rawHead.size()));
            else if (phase == Phase::Trailers)
                size = qMin(size, qMax<qsizetype>(1, limits.maxHeaderBytes + 1 - rawTrailers.size()));
            const char* const chunkEnd = cur + size;

            // On an error llhttp drops the part of the field it was reading (method, target, header
            // name...) that it had not reported yet, while a stream split before the error reported it at
            // the end of the previous piece. So the fields do not depend on the split, a section that
            // fails is parsed again from a copy of the parser up to the byte before the error: llhttp
            // reports a pending field at the end of its input.
            const bool inSection = phase == Phase::Head || phase == Phase::Trailers;
            std::optional<FieldSnapshot> before;
            if (inSection)
                before = FieldSnapshot {parser,          current.method,   current.target, current.httpVersion,
                                        current.headers, current.trailers, lastWasValue};
            pause = Pause::None;
            llhttp_errno_t err = llhttp_execute(&parser, cur, size_t(size));
            const char* stop = err == HPE_OK ? chunkEnd : llhttp_get_error_pos(&parser);
            if (!stop || stop < cur || stop > chunkEnd)
                stop = chunkEnd;

            if (err == HPE_OK) {
                if (!keepSectionBytes(cur, chunkEnd))
                    return;
                cur = chunkEnd;
                continue;
            }
            if (err == HPE_PAUSED) {
                switch (pause) {
                case Pause::MessageBegin: // what came before were blank lines between requests
                case Pause::None:
                    break;
                case Pause::HeadersComplete:
                    if (!keepSectionBytes(cur, stop) || !headComplete())
                        return;
                    break;
                case Pause::LastChunk:
                    phase = Phase::Trailers;
                    break;
                case Pause::MessageComplete:
                    if (!keepSectionBytes(cur, stop) || !messageComplete())
                        return;
                    break;
                }
                llhttp_resume(&parser);
                cur = stop;
                runAfterPause = true;
                continue;
            }
            if (err == HPE_PAUSED_UPGRADE) {
                // Upgrades are answered, then the connection closes; what follows is not HTTP/1.
                phase = Phase::Rejected;
                return;
            }
            // A parse error or a limit decided in a callback. The head keeps the bytes before the one
            // llhttp stopped at; what came after depends on how the stream was split, so it is not kept.
            const char* llhttpReason = llhttp_get_error_reason(&parser);
            if (err != HPE_USER && before)
                parseAgainUpTo(*before, cur, stop);
            if (phase == Phase::Idle) {
                current.rawHead.append(cur, qsizetype(stop - cur));
                trimLeadingBlankLines();
            }
            if (!keepSectionBytes(cur, stop))
                return;
            if (err == HPE_USER && userRejectStatus != 0) {
                reject(userRejectStatus, userRejectReason);
            } else {
                QString message
                    = QStringLiteral("%1: %2").arg(QString::fromLatin1(llhttp_errno_name(err)),
                                                   QString::fromLatin1(llhttpReason ? llhttpReason : "parse error"));
                if (phase == Phase::Head)
                    message += QStringLiteral(" (at byte %1 of the head)").arg(current.rawHead.size());
                reject(400, message);
            }
            return;
        }
    }

    // Keeps the bytes of the header or trailer section being parsed and checks its limit.
    bool keepSectionBytes(const char* from, const char* to)
    {
        if (phase == Phase::Head) {
            current.rawHead.append(from, qsizetype(to - from));
            if (current.rawHead.size() <= limits.maxHeaderBytes)
                return true;
            current.rawHead.truncate(limits.maxHeaderBytes);
            reject(431,
                   QStringLiteral("header section larger than the limit of %1 (kept the first %1)")
                       .arg(byteCount(limits.maxHeaderBytes)));
            return false;
        }
        if (phase == Phase::Trailers) {
            rawTrailers.append(from, qsizetype(to - from));
            if (rawTrailers.size() <= limits.maxHeaderBytes)
                return true;
            reject(431,
                   QStringLiteral("trailer section larger than the limit of %1").arg(byteCount(limits.maxHeaderBytes)));
            return false;
        }
        return true;
    }

    void parseAgainUpTo(const FieldSnapshot& before, const char* from, const char* to)
    {
        // The byte llhttp stopped at, or the one before it, is the one it refused: parse up to the
        // last position it accepts.
        for (const char* last = to; last >= from && last >= to - 2; --last) {
            restore(before);
            if (last == from || llhttp_execute(&parser, from, size_t(last - from)) == HPE_OK)
                return;
        }
        restore(before);
    }

    void restore(const FieldSnapshot& before)
    {
        parser = before.parser;
        current.method = before.method;
        current.target = before.target;
        current.httpVersion = before.version;
        current.headers = before.headers;
        current.trailers = before.trailers;
        lastWasValue = before.lastWasValue;
    }

    bool headComplete()
    {
        const QString problem = checkHead();
        if (!problem.isEmpty()) {
            reject(400, problem);
            return false;
        }
        if ((parser.flags & F_CONTENT_LENGTH)
            && parser.content_length > quint64(qMax<qint64>(limits.maxBodyBytes, 0))) {
            reject(413,
                   QStringLiteral("Content-Length %1 is larger than the limit of %2")
                       .arg(parser.content_length)
                       .arg(byteCount(limits.maxBodyBytes)));
            return false;
        }
        // An HTTP/1.0 client cannot expect 100 Continue (RFC 9110 section 10.1.1).
        const bool http11 = parser.http_major > 1 || (parser.http_major == 1 && parser.http_minor >= 1);
        continueWanted
            = http11 && headerValue(current.headers, "expect").compare("100-continue", Qt::CaseInsensitive) == 0;
        phase = Phase::Body;
        return true;
    }

    bool messageComplete()
    {
        if (phase == Phase::Trailers) {
            const QString problem = RequestChecks::checkFields(current.trailers, rawTrailers, true);
            if (!problem.isEmpty()) {
                reject(400, QStringLiteral("trailer section: ") + problem);
                return false;
            }
        }
        ParsedRequest request;
        request.keepAlive = llhttp_should_keep_alive(&parser) != 0;
        request.upgrade = parser.upgrade != 0;
        request.capture = std::move(current);
        request.capture.completedAt = now();
        current = Capture {};
        rawTrailers.clear();
        done.append(std::move(request));
        phase = Phase::Idle;
        continueWanted = false;
        return true;
    }

    void trimLeadingBlankLines()
    {
        qsizetype skip = 0;
        while (skip < current.rawHead.size() && (current.rawHead.at(skip) == '\r' || current.rawHead.at(skip) == '\n'))
            ++skip;
        if (skip > 0)
            current.rawHead.remove(0, skip);
    }
};

RequestParser::RequestParser(HttpLimits limits, ParserOptions options)
    : d(std::make_unique<Private>(limits, std::move(options)))
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
    if (!inMessage())
        return std::nullopt;
    const bool inBody = d->phase != Private::Phase::Head;
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

qint64 RequestParser::bodyBytesHeld() const
{
    // The memory the body takes (QByteArray grows ahead of what it holds), not only its size.
    return d->phase == Private::Phase::Body || d->phase == Private::Phase::Trailers ? d->current.body.capacity() : 0;
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
    return d->phase == Private::Phase::Head || d->phase == Private::Phase::Body || d->phase == Private::Phase::Trailers;
}

bool RequestParser::wantsContinue() const
{
    return d->continueWanted && d->phase == Private::Phase::Body;
}

void RequestParser::continueSent()
{
    d->continueWanted = false;
}

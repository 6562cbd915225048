// SPDX-License-Identifier: MIT
#include "replay/ResponseParser.h"

#include <QCoreApplication>

#include <llhttp.h>

struct ResponseParser::Private
{
    ResponseLimits limits;
    bool headRequest = false;
    llhttp_t parser;
    llhttp_settings_t settings;
    State state = State::NeedMore;
    Failure failure = Failure::None;
    QString failureText;
    bool headersDone = false;
    bool inFinal = false; // the current message is the final (non-1xx) answer
    int status = 0;
    QByteArray reason;
    HttpHeaders headers;
    QByteArray field;
    QByteArray value;
    bool inValue = false;
    qint64 headerBytes = 0;
    QByteArray body;
    qint64 bodyBytes = 0;
    qint64 expected = -1;

    static Private* self(llhttp_t* p) { return static_cast<Private*>(p->data); }

    Private(ResponseLimits l, bool head)
        : limits(l)
        , headRequest(head)
    {
        llhttp_settings_init(&settings);
        settings.on_message_begin = &Private::onMessageBegin;
        settings.on_status = &Private::onStatus;
        settings.on_header_field = &Private::onHeaderField;
        settings.on_header_value = &Private::onHeaderValue;
        settings.on_header_value_complete = &Private::onHeaderValueComplete;
        settings.on_headers_complete = &Private::onHeadersComplete;
        settings.on_body = &Private::onBody;
        settings.on_message_complete = &Private::onMessageComplete;
        llhttp_init(&parser, HTTP_RESPONSE, &settings);
        parser.data = this;
    }

    bool countHead(size_t length)
    {
        headerBytes += qint64(length);
        return headerBytes <= limits.maxHeaderBytes;
    }

    static int onMessageBegin(llhttp_t* p)
    {
        Private* d = self(p);
        d->status = 0;
        d->reason.clear();
        d->headers.clear();
        d->field.clear();
        d->value.clear();
        d->inValue = false;
        d->headerBytes = 0;
        return 0;
    }
    static int onStatus(llhttp_t* p, const char* at, size_t length)
    {
        Private* d = self(p);
        if (!d->countHead(length))
            return -1;
        d->reason.append(at, qsizetype(length));
        return 0;
    }
    static int onHeaderField(llhttp_t* p, const char* at, size_t length)
    {
        Private* d = self(p);
        if (!d->countHead(length))
            return -1;
        if (d->inValue) {
            d->field.clear();
            d->inValue = false;
        }
        d->field.append(at, qsizetype(length));
        return 0;
    }
    static int onHeaderValue(llhttp_t* p, const char* at, size_t length)
    {
        Private* d = self(p);
        if (!d->countHead(length))
            return -1;
        d->inValue = true;
        d->value.append(at, qsizetype(length));
        return 0;
    }
    static int onHeaderValueComplete(llhttp_t* p)
    {
        Private* d = self(p);
        d->headers.append({d->field, d->value.trimmed()});
        d->value.clear();
        d->inValue = true;
        return 0;
    }
    static int onHeadersComplete(llhttp_t* p)
    {
        Private* d = self(p);
        d->status = int(p->status_code);
        if (d->status >= 200 || d->status < 100) {
            d->inFinal = true;
            d->headersDone = true;
            if (p->flags & F_CONTENT_LENGTH)
                d->expected = qint64(p->content_length);
            if (d->expected > d->limits.maxBodyBytes) {
                d->fail(Failure::TooLarge,
                        QCoreApplication::translate("ResponseParser",
                                                    "the answer announces %1 body bytes, more than the %2 read")
                            .arg(d->expected)
                            .arg(d->limits.maxBodyBytes));
                return -1;
            }
        }
        // A HEAD answer has no body whatever its Content-Length says.
        return d->inFinal && d->headRequest ? 1 : 0;
    }
    static int onBody(llhttp_t* p, const char* at, size_t length)
    {
        Private* d = self(p);
        if (!d->inFinal)
            return 0;
        d->bodyBytes += qint64(length);
        const qint64 room = d->limits.maxStoredBodyBytes - d->body.size();
        if (room > 0)
            d->body.append(at, qsizetype(qMin<qint64>(room, qint64(length))));
        if (d->bodyBytes > d->limits.maxBodyBytes) {
            d->fail(
                Failure::TooLarge,
                QCoreApplication::translate("ResponseParser", "the answer went on past %1 body bytes; stopped reading")
                    .arg(d->limits.maxBodyBytes));
            return -1;
        }
        return 0;
    }
    static int onMessageComplete(llhttp_t* p)
    {
        Private* d = self(p);
        if (!d->inFinal)
            return 0; // a 1xx answer: the final one follows
        d->state = State::Complete;
        return HPE_PAUSED;
    }

    void fail(Failure kind, const QString& text)
    {
        if (state == State::Failed)
            return;
        state = State::Failed;
        failure = kind;
        failureText = text;
    }
};

ResponseParser::ResponseParser(ResponseLimits limits, bool headRequest)
    : d(std::make_unique<Private>(limits, headRequest))
{ }

ResponseParser::~ResponseParser() = default;

ResponseParser::State ResponseParser::feed(QByteArrayView data)
{
    if (d->state != State::NeedMore || data.isEmpty())
        return d->state;
    const llhttp_errno_t err = llhttp_execute(&d->parser, data.data(), size_t(data.size()));
    if (d->state != State::NeedMore)
        return d->state; // complete (bytes after the answer are ignored) or failed in a callback
    if (err != HPE_OK) {
        if (err == HPE_USER && d->headerBytes > d->limits.maxHeaderBytes)
            d->fail(Failure::TooLarge,
                    QCoreApplication::translate("ResponseParser", "the answer's header section is larger than %1 bytes")
                        .arg(d->limits.maxHeaderBytes));
        else
            d->fail(Failure::Malformed,
                    QCoreApplication::translate("ResponseParser", "not a valid HTTP/1.x answer (%1: %2)")
                        .arg(QString::fromLatin1(llhttp_errno_name(err)),
                             QString::fromLatin1(llhttp_get_error_reason(&d->parser))));
    }
    return d->state;
}

ResponseParser::State ResponseParser::finish()
{
    if (d->state != State::NeedMore)
        return d->state;
    // An answer framed by the end of the connection completes here (llhttp calls on_message_complete).
    llhttp_finish(&d->parser);
    if (d->state == State::NeedMore) {
        if (!d->headersDone)
            d->fail(Failure::Truncated,
                    QCoreApplication::translate("ResponseParser",
                                                "the receiver closed the connection before the answer's headers "
                                                "were complete"));
        else if (d->expected >= 0)
            d->fail(Failure::Truncated,
                    QCoreApplication::translate("ResponseParser",
                                                "the receiver closed the connection after %1 of %2 body bytes")
                        .arg(d->bodyBytes)
                        .arg(d->expected));
        else
            d->fail(
                Failure::Truncated,
                QCoreApplication::translate(
                    "ResponseParser", "the receiver closed the connection in the middle of a chunked body (%1 bytes)")
                    .arg(d->bodyBytes));
    }
    return d->state;
}

ResponseParser::State ResponseParser::state() const
{
    return d->state;
}

ResponseParser::Failure ResponseParser::failure() const
{
    return d->failure;
}

QString ResponseParser::failureText() const
{
    return d->failureText;
}

bool ResponseParser::headersComplete() const
{
    return d->headersDone;
}

int ResponseParser::status() const
{
    return d->status;
}

QByteArray ResponseParser::reason() const
{
    return d->reason;
}

const HttpHeaders& ResponseParser::headers() const
{
    return d->headers;
}

const QByteArray& ResponseParser::body() const
{
    return d->body;
}

qint64 ResponseParser::bodyBytes() const
{
    return d->bodyBytes;
}

qint64 ResponseParser::expectedBodyBytes() const
{
    return d->expected;
}

// SPDX-License-Identifier: MIT
// Replays against real local receivers: the request arrives exactly (method, headers in order with case and
// duplicates, body bytes), over plain HTTP and TLS, and every failure is named and ends in time.
#include <QTemporaryDir>
#include <QTest>

#include "ReplayReceiver.h"
#include "replay/ReplayPreparer.h"
#include "replay/Replayer.h"

using namespace Qt::StringLiterals;

namespace {

Capture sampleCapture()
{
    Capture capture;
    capture.id = 11;
    capture.method = "PATCH";
    capture.target = "/orig/path?x=1&y=%20z";
    capture.httpVersion = "HTTP/1.1";
    capture.headers = {
        {"Host", "sender.example:8787"},
        {"content-type", "application/json"},
        {"X-Dup", "one"},
        {"Connection", "keep-alive, X-Hop"},
        {"X-Hop", "connection-scoped"},
        {"x-DUP", "two"},
        {"Transfer-Encoding", "chunked"},
        {"Keep-Alive", "timeout=5"},
        {"Expect", "100-continue"},
        {"User-Agent", "Sender/1.0"},
        {"X-Dup", "three"},
        {"Content-Length", "999"},
    };
    static constexpr char body[] = "{\"k\":\"\xff\xfe\x00 binary\"}\r\n";
    capture.body = QByteArray(body, sizeof(body) - 1); // the NUL inside is part of the body
    capture.receivedAt = QDateTime::currentDateTimeUtc();
    return capture;
}

// What must arrive: the capture's headers minus the connection's own, in order.
QList<QPair<QByteArray, QByteArray>> expectedHeaders()
{
    return {{"content-type", "application/json"},
            {"X-Dup", "one"},
            {"x-DUP", "two"},
            {"User-Agent", "Sender/1.0"},
            {"X-Dup", "three"}};
}

ReplayTarget targetFor(const QByteArray& url)
{
    ReplayTarget target;
    target.url = QUrl(QString::fromLatin1(url));
    target.timeoutMs = 10000;
    return target;
}

ReplayAttempt replayOne(const Capture& capture, const ReplayTarget& target, const ClientOptions& base = {})
{
    Replayer replayer;
    replayer.setTarget(target);
    replayer.setClientOptions(base);
    QList<ReplayAttempt> attempts;
    bool done = false;
    QObject::connect(&replayer, &Replayer::attemptFinished, &replayer,
                     [&](int, const ReplayAttempt& attempt) { attempts.append(attempt); });
    QObject::connect(&replayer, &Replayer::finished, &replayer, [&] { done = true; });
    replayer.start({capture});
    QElapsedTimer clock;
    clock.start();
    while (!done && clock.elapsed() < 30000)
        QTest::qWait(10);
    return attempts.value(0);
}

QList<QPair<QByteArray, QByteArray>> withoutTargetHeaders(const QList<QPair<QByteArray, QByteArray>>& headers)
{
    QList<QPair<QByteArray, QByteArray>> out;
    for (const auto& header : headers) {
        if (header.first != "Host" && header.first != "Content-Length")
            out.append(header);
    }
    return out;
}

} // namespace

class TestReplayClient final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void sendsExactlyTheCapture();
    void appendsTheOriginalPathAndQuery();
    void targetHeaderChanges();
    void exactOverTlsWithCaFile();
    void tlsNamesTheCertificateProblem();
    void tlsWithoutVerification();
    void connectionRefused();
    void hostNotFound();
    void hostNotFoundBySystemResolver();
    void timeout();
    void redirectIsShownNotFollowed();
    void closedMidAnswer();
    void endlessAnswerIsBounded();
    void largeAnswerKeepsOneMebibyte();
    void chunkedAnswer();
    void notHttp();
    void invalidUrl();
    void failedAttemptCanBeRetried();

private:
    QTemporaryDir m_dir;
    QString m_certificate;
};

void TestReplayClient::initTestCase()
{
    QVERIFY(m_dir.isValid());
    m_certificate = ReplayReceiver::makeCertificate(m_dir.path());
    QVERIFY2(!m_certificate.isEmpty(), "the openssl command could not make a test certificate");
}

void TestReplayClient::sendsExactlyTheCapture()
{
    ReplayReceiver receiver;
    QVERIFY(receiver.listenLocal());
    const Capture capture = sampleCapture();
    const ReplayAttempt attempt = replayOne(capture, targetFor(receiver.url("/to")));
    QCOMPARE(attempt.errorKind, ReplayErrorKind::None);
    QCOMPARE(attempt.status, 200);
    QVERIFY(attempt.succeeded());
    QCOMPARE(attempt.captureId, 11);
    QCOMPARE(attempt.responseBody, QByteArray("ok"));
    QCOMPARE(receiver.requests.size(), 1);
    const ReceivedRequest& got = receiver.requests.first();
    QCOMPARE(got.requestLine, QByteArray("PATCH /to HTTP/1.1"));
    QCOMPARE(withoutTargetHeaders(got.headers), expectedHeaders());
    // Host and Content-Length are the target's, once each; nothing else was added.
    QCOMPARE(got.headers.first(),
             (QPair<QByteArray, QByteArray>("Host", "127.0.0.1:" + QByteArray::number(receiver.serverPort()))));
    QCOMPARE(got.headers.last(),
             (QPair<QByteArray, QByteArray>("Content-Length", QByteArray::number(capture.body.size()))));
    QCOMPARE(got.headers.size(), expectedHeaders().size() + 2);
    QCOMPARE(got.bodySha256(), capture.bodySha256Hex());
    QCOMPARE(got.body, capture.body);
}

void TestReplayClient::appendsTheOriginalPathAndQuery()
{
    ReplayReceiver receiver;
    QVERIFY(receiver.listenLocal());
    ReplayTarget target = targetFor(receiver.url("/base/?k=v"));
    target.appendOriginalPath = true;
    QVERIFY(replayOne(sampleCapture(), target).succeeded());
    QCOMPARE(receiver.requests.first().requestLine, QByteArray("PATCH /base/orig/path?k=v&x=1&y=%20z HTTP/1.1"));
}

void TestReplayClient::targetHeaderChanges()
{
    ReplayReceiver receiver;
    QVERIFY(receiver.listenLocal());
    ReplayTarget target = targetFor(receiver.url());
    target.dropHeaders = {"user-agent"};
    target.addHeaders = {{"X-Dup", "only"}, {"X-Added", "yes"}};
    QVERIFY(replayOne(sampleCapture(), target).succeeded());
    const QList<QPair<QByteArray, QByteArray>> expected {
        {"content-type", "application/json"}, {"X-Dup", "only"}, {"X-Added", "yes"}};
    QCOMPARE(withoutTargetHeaders(receiver.requests.first().headers), expected);
}

void TestReplayClient::exactOverTlsWithCaFile()
{
    ReplayReceiver receiver;
    QVERIFY(receiver.useTls(m_dir.path()));
    QVERIFY(receiver.listenLocal());
    ReplayTarget target = targetFor(receiver.url());
    target.caFile = m_certificate;
    const Capture capture = sampleCapture();
    const ReplayAttempt attempt = replayOne(capture, target);
    QVERIFY2(attempt.succeeded(), qPrintable(attempt.summaryText()));
    QCOMPARE(withoutTargetHeaders(receiver.requests.first().headers), expectedHeaders());
    QCOMPARE(receiver.requests.first().bodySha256(), capture.bodySha256Hex());
}

void TestReplayClient::tlsNamesTheCertificateProblem()
{
    ReplayReceiver receiver;
    QVERIFY(receiver.useTls(m_dir.path()));
    QVERIFY(receiver.listenLocal());
    const ReplayAttempt attempt = replayOne(sampleCapture(), targetFor(receiver.url()));
    QCOMPARE(attempt.errorKind, ReplayErrorKind::Tls);
    QVERIFY2(attempt.errorMessage.contains(u"self-signed"_s, Qt::CaseInsensitive)
                 || attempt.errorMessage.contains(u"self signed"_s, Qt::CaseInsensitive),
             qPrintable(attempt.errorMessage));
    QVERIFY(receiver.requests.isEmpty());
}

void TestReplayClient::tlsWithoutVerification()
{
    ReplayReceiver receiver;
    QVERIFY(receiver.useTls(m_dir.path()));
    QVERIFY(receiver.listenLocal());
    ReplayTarget target = targetFor(receiver.url());
    target.verifyCertificates = false;
    QVERIFY(replayOne(sampleCapture(), target).succeeded());
    QCOMPARE(receiver.requests.size(), 1);
}

void TestReplayClient::connectionRefused()
{
    quint16 port = 0;
    {
        QTcpServer probe;
        QVERIFY(probe.listen(QHostAddress::LocalHost, 0));
        port = probe.serverPort();
    }
    const ReplayAttempt attempt
        = replayOne(sampleCapture(), targetFor("http://127.0.0.1:" + QByteArray::number(port) + "/"));
    QCOMPARE(attempt.errorKind, ReplayErrorKind::ConnectionRefused);
    QVERIFY(attempt.errorMessage.contains(QString::number(port)));
    QVERIFY(!attempt.succeeded());
}

void TestReplayClient::hostNotFound()
{
    ClientOptions options;
    options.resolve = [](const QString& host) -> Expected<QString> {
        return Error {Error::Code::NotFound, u"Host %1 not found"_s.arg(host)};
    };
    const ReplayAttempt attempt = replayOne(sampleCapture(), targetFor("http://no-such-host.test/"), options);
    QCOMPARE(attempt.errorKind, ReplayErrorKind::HostNotFound);
    QVERIFY(attempt.errorMessage.contains(u"no-such-host.test"_s));
}

void TestReplayClient::hostNotFoundBySystemResolver()
{
    // ".invalid" never resolves (RFC 6761 section 6.4): the system's own lookup fails, named as such.
    const ReplayAttempt attempt = replayOne(sampleCapture(), targetFor("http://hookbench-replay.invalid:8080/hook"));
    QCOMPARE(attempt.errorKind, ReplayErrorKind::HostNotFound);
    QVERIFY2(attempt.errorMessage.contains(u"hookbench-replay.invalid"_s), qPrintable(attempt.errorMessage));
    QVERIFY(!attempt.succeeded());
    QVERIFY(attempt.durationMs < 30000);
}

void TestReplayClient::timeout()
{
    ReplayReceiver receiver;
    receiver.mode = ReplayReceiver::Mode::Silent;
    QVERIFY(receiver.listenLocal());
    ReplayTarget target = targetFor(receiver.url());
    target.timeoutMs = 300;
    QElapsedTimer clock;
    clock.start();
    const ReplayAttempt attempt = replayOne(sampleCapture(), target);
    QCOMPARE(attempt.errorKind, ReplayErrorKind::Timeout);
    QVERIFY(attempt.errorMessage.contains(u"0.3 s"_s));
    QVERIFY(clock.elapsed() < 5000);
    QCOMPARE(receiver.requests.size(), 1);
}

void TestReplayClient::redirectIsShownNotFollowed()
{
    ReplayReceiver receiver;
    receiver.answer = "HTTP/1.1 302 Found\r\nLocation: /elsewhere\r\nContent-Length: 0\r\n\r\n";
    QVERIFY(receiver.listenLocal());
    const ReplayAttempt attempt = replayOne(sampleCapture(), targetFor(receiver.url()));
    QCOMPARE(attempt.status, 302);
    QVERIFY(attempt.isRedirect());
    QVERIFY(!attempt.succeeded());
    QVERIFY2(attempt.summaryText().contains(u"/elsewhere (not followed)"_s), qPrintable(attempt.summaryText()));
    QTest::qWait(100);
    QCOMPARE(receiver.requests.size(), 1);
}

void TestReplayClient::closedMidAnswer()
{
    ReplayReceiver receiver;
    receiver.mode = ReplayReceiver::Mode::CloseMidAnswer;
    QVERIFY(receiver.listenLocal());
    const ReplayAttempt attempt = replayOne(sampleCapture(), targetFor(receiver.url()));
    QCOMPARE(attempt.errorKind, ReplayErrorKind::Closed);
    QVERIFY2(attempt.errorMessage.contains(u"after 10 of 100 body bytes"_s), qPrintable(attempt.errorMessage));
    QCOMPARE(attempt.status, 200); // what arrived is kept
    QCOMPARE(attempt.responseBody, QByteArray("0123456789"));
}

void TestReplayClient::endlessAnswerIsBounded()
{
    ReplayReceiver receiver;
    receiver.mode = ReplayReceiver::Mode::Endless;
    QVERIFY(receiver.listenLocal());
    ClientOptions options;
    options.limits.maxBodyBytes = 4 * 1024 * 1024;
    const ReplayAttempt attempt = replayOne(sampleCapture(), targetFor(receiver.url()), options);
    QCOMPARE(attempt.errorKind, ReplayErrorKind::TooLarge);
    QCOMPARE(attempt.responseBody.size(), 1024 * 1024);
    QVERIFY(attempt.responseBodyBytes > 4 * 1024 * 1024);
    QVERIFY(attempt.bodyTruncated());
}

void TestReplayClient::largeAnswerKeepsOneMebibyte()
{
    ReplayReceiver receiver;
    const QByteArray body(3 * 1024 * 1024, 'b');
    receiver.answer = "HTTP/1.1 200 OK\r\nContent-Length: " + QByteArray::number(body.size()) + "\r\n\r\n" + body;
    QVERIFY(receiver.listenLocal());
    const ReplayAttempt attempt = replayOne(sampleCapture(), targetFor(receiver.url()));
    QVERIFY(attempt.succeeded());
    QCOMPARE(attempt.responseBody.size(), 1024 * 1024);
    QCOMPARE(attempt.responseBodyBytes, body.size());
}

void TestReplayClient::chunkedAnswer()
{
    ReplayReceiver receiver;
    receiver.answer = "HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 201 Created\r\nTransfer-Encoding: chunked\r\nX-A: 1\r\n"
                      "X-a: 2\r\n\r\n3\r\nabc\r\n2\r\nde\r\n0\r\n\r\n";
    QVERIFY(receiver.listenLocal());
    const ReplayAttempt attempt = replayOne(sampleCapture(), targetFor(receiver.url()));
    QVERIFY(attempt.succeeded());
    QCOMPARE(attempt.status, 201);
    QCOMPARE(attempt.reason, QByteArray("Created"));
    QCOMPARE(attempt.responseBody, QByteArray("abcde"));
    const HttpHeaders expected {{"Transfer-Encoding", "chunked"}, {"X-A", "1"}, {"X-a", "2"}};
    QCOMPARE(attempt.responseHeaders, expected);
}

void TestReplayClient::notHttp()
{
    ReplayReceiver receiver;
    receiver.answer = "SSH-2.0-OpenSSH_9.2\r\n\r\n";
    QVERIFY(receiver.listenLocal());
    const ReplayAttempt attempt = replayOne(sampleCapture(), targetFor(receiver.url()));
    QCOMPARE(attempt.errorKind, ReplayErrorKind::BadResponse);
}

void TestReplayClient::invalidUrl()
{
    const ReplayAttempt attempt = replayOne(sampleCapture(), targetFor("ftp://127.0.0.1/"));
    QCOMPARE(attempt.errorKind, ReplayErrorKind::InvalidUrl);
}

void TestReplayClient::failedAttemptCanBeRetried()
{
    ReplayReceiver receiver;
    QVERIFY(receiver.listenLocal());
    const quint16 port = receiver.serverPort();
    receiver.close();
    const ReplayTarget target = targetFor("http://127.0.0.1:" + QByteArray::number(port) + "/");
    QCOMPARE(replayOne(sampleCapture(), target).errorKind, ReplayErrorKind::ConnectionRefused);
    QVERIFY(receiver.listen(QHostAddress::LocalHost, port));
    QVERIFY(replayOne(sampleCapture(), target).succeeded());
    QCOMPARE(receiver.requests.size(), 1);
}

QTEST_GUILESS_MAIN(TestReplayClient)
#include "TestReplayClient.moc"

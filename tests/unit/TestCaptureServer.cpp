// SPDX-License-Identifier: MIT
// The capture endpoint over real sockets on 127.0.0.1: keep-alive, pipelining, HTTP/1.0, chunked
// bodies with trailers, 100-continue, every limit, malformed requests, slow and vanishing clients,
// exact bytes, "durable before acknowledged", a refusing store and the response rules end to end.
// The endpoint runs on its own thread (as in the application); clients run on the test thread.
#include <QElapsedTimer>
#include <QFile>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

#include <sqlite3.h>

#include "ExpectedChecks.h"
#include "endpoint/Endpoint.h"
#include "http/CaptureServer.h"
#include "store/SessionStore.h"

using namespace Qt::StringLiterals;

namespace {

constexpr int timeoutMs = 20000; // generous: a loaded 2-core machine

struct HttpResponse
{
    int status = 0;
    HttpHeaders headers;
    QByteArray body;
    QByteArray raw;

    qint64 id() const
    {
        // {"received":true,"id":N}
        const qsizetype at = body.indexOf("\"id\":");
        return at < 0 ? 0 : body.mid(at + 5).split('}').first().toLongLong();
    }
};

// Complete responses at the front of bytes; *rest gets what is left (a partial response, or garbage).
QList<HttpResponse> parseResponses(const QByteArray& bytes, QByteArray* rest = nullptr)
{
    QList<HttpResponse> responses;
    qsizetype at = 0;
    while (true) {
        const qsizetype headEnd = bytes.indexOf("\r\n\r\n", at);
        if (headEnd < 0)
            break;
        const QList<QByteArray> lines = bytes.mid(at, headEnd - at).split('\n');
        HttpResponse response;
        const QList<QByteArray> statusLine = lines.first().trimmed().split(' ');
        if (statusLine.size() < 2 || !statusLine.first().startsWith("HTTP/1."))
            break;
        response.status = statusLine.at(1).toInt();
        for (qsizetype i = 1; i < lines.size(); ++i) {
            const QByteArray line = lines.at(i).trimmed();
            const qsizetype colon = line.indexOf(':');
            response.headers.append({line.left(colon), line.mid(colon + 1).trimmed()});
        }
        const qsizetype bodyStart = headEnd + 4;
        const qint64 length = response.status < 200 || response.status == 204
            ? 0
            : headerValue(response.headers, "content-length").toLongLong();
        if (bytes.size() - bodyStart < length)
            break;
        response.body = bytes.mid(bodyStart, length);
        response.raw = bytes.mid(at, bodyStart + length - at);
        responses.append(response);
        at = bodyStart + length;
    }
    if (rest)
        *rest = bytes.mid(at);
    return responses;
}

// A client connection that keeps everything it receives.
class Client final
{
public:
    explicit Client(quint16 port)
    {
        QObject::connect(&m_socket, &QTcpSocket::readyRead, &m_socket, [this] { m_received += m_socket.readAll(); });
        QObject::connect(&m_socket, &QTcpSocket::disconnected, &m_socket, [this] {
            if (m_socket.isOpen())
                m_received += m_socket.readAll();
            m_closed = true;
        });
        m_socket.connectToHost(QHostAddress(QHostAddress::LocalHost), port);
        m_connected = m_socket.waitForConnected(timeoutMs);
        m_localPort = m_socket.localPort();
    }
    ~Client() { QObject::disconnect(&m_socket, nullptr, nullptr, nullptr); }
    Client(const Client&) = delete;
    Client& operator=(const Client&) = delete;

    bool isConnected() const { return m_connected; }
    void send(const QByteArray& bytes)
    {
        m_socket.write(bytes);
        m_socket.flush();
    }
    void close() { m_socket.disconnectFromHost(); }
    bool closed() const { return m_closed || m_socket.state() == QAbstractSocket::UnconnectedState; }
    const QByteArray& received() const { return m_received; }
    QList<HttpResponse> responses() const { return parseResponses(m_received); }
    qsizetype responseCount() const { return responses().size(); }
    quint16 localPort() const { return m_localPort; }
    QTcpSocket& socket() { return m_socket; }

private:
    QTcpSocket m_socket;
    QByteArray m_received;
    bool m_closed = false;
    bool m_connected = false;
    quint16 m_localPort = 0;
};

QByteArray post(const QByteArray& target, const QByteArray& body, const QByteArray& extraHeaders = {})
{
    return "POST " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n" + extraHeaders
        + "Content-Length: " + QByteArray::number(body.size()) + "\r\n\r\n" + body;
}

QByteArray get(const QByteArray& target)
{
    return "GET " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n";
}

// Runs one statement on its own connection to the database, as another process would.
QString sqliteExec(const QString& path, const char* sql)
{
    sqlite3* db = nullptr;
    QString error;
    if (sqlite3_open_v2(QFile::encodeName(path).constData(), &db, SQLITE_OPEN_READWRITE, nullptr) == SQLITE_OK) {
        sqlite3_busy_timeout(db, 10000);
        char* message = nullptr;
        if (sqlite3_exec(db, sql, nullptr, nullptr, &message) != SQLITE_OK)
            error = QString::fromUtf8(message ? message : "error");
        sqlite3_free(message);
    } else {
        error = u"cannot open"_s;
    }
    sqlite3_close(db);
    return error;
}

} // namespace

class TestCaptureServer final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();

    void startFailuresAreExplained();
    void keepAlive();
    void pipelining();
    void pipelinedRequestsAreReadAFewAtATime();
    void commitsComeInBoundedGroups();
    void http10_data();
    void http10();
    void headGetsNoBody();
    void requestsAfterCloseAreNotAnswered();
    void chunkedBodyWithTrailers();
    void expectContinue();
    void expectContinueAfterPipelinedRequest();
    void limits_data();
    void limits();
    void timeouts_data();
    void timeouts();
    void connectionCap();
    void malformed_data();
    void malformed();
    void clientDisconnects_data();
    void clientDisconnects();
    void exactBytes_data();
    void exactBytes();
    void answeredOnlyAfterStored();
    void storeRefusalIsNeverAcknowledged();
    void rules_data();
    void rules();
    void ruleStatusHeadersBody();
    void ruleDelay();
    void ruleCloseWithoutAnswer();
    void rulesChangeWhileRunning();
    void restartContinuesTheSession();

private:
    void start(const ServerConfig& config = ServerConfig());
    static ServerConfig config(const QByteArray& rulesJson = {});
    std::unique_ptr<Client> connectClient();
    std::optional<Capture> storedCapture(qint64 id);
    Capture stored(qint64 id); // an empty capture when there is none
    QList<Capture> storedCaptures();
    void verifyStillServing();

    std::unique_ptr<QTemporaryDir> m_dir;
    QString m_path;
    std::unique_ptr<Endpoint> m_endpoint;
    std::unique_ptr<SessionStore> m_reader;
};

void TestCaptureServer::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    m_path = m_dir->filePath(u"sessions.sqlite"_s);
}

void TestCaptureServer::cleanup()
{
    m_reader.reset();
    m_endpoint.reset();
    m_dir.reset();
}

ServerConfig TestCaptureServer::config(const QByteArray& rulesJson)
{
    ServerConfig config;
    config.bindAddress = QHostAddress(QHostAddress::LocalHost);
    config.port = 0;
    if (!rulesJson.isEmpty()) {
        const Expected<ResponseRules> rules = ResponseRules::fromJson(rulesJson);
        if (rules)
            config.rules = *rules;
        else
            qWarning("rules: %s", qPrintable(rules.error().message));
    }
    return config;
}

void TestCaptureServer::start(const ServerConfig& server)
{
    m_endpoint = std::make_unique<Endpoint>();
    EndpointConfig endpointConfig;
    endpointConfig.server = server;
    endpointConfig.storePath = m_path;
    endpointConfig.sessionName = u"server test"_s;
    QVERIFY_EXPECTED(m_endpoint->start(endpointConfig));
    QVERIFY(m_endpoint->isRunning());
    QVERIFY(m_endpoint->port() != 0);
    QVERIFY(m_endpoint->sessionId() > 0);
    m_reader = std::make_unique<SessionStore>();
    QVERIFY_EXPECTED(m_reader->open(m_path));
}

std::unique_ptr<Client> TestCaptureServer::connectClient()
{
    auto client = std::make_unique<Client>(m_endpoint->port());
    if (!client->isConnected())
        qWarning("could not connect: %s", qPrintable(client->socket().errorString()));
    return client;
}

std::optional<Capture> TestCaptureServer::storedCapture(qint64 id)
{
    return m_reader->capture(id);
}

Capture TestCaptureServer::stored(qint64 id)
{
    return m_reader->capture(id).value_or(Capture {});
}

QList<Capture> TestCaptureServer::storedCaptures()
{
    QList<Capture> captures;
    for (qint64 id : m_reader->captureIds(m_endpoint->sessionId())) {
        if (std::optional<Capture> capture = m_reader->capture(id))
            captures.append(*capture);
    }
    return captures;
}

void TestCaptureServer::verifyStillServing()
{
    auto client = connectClient();
    QVERIFY(client->isConnected());
    client->send(post("/still-serving", R"({"ok":true})"));
    QTRY_COMPARE_WITH_TIMEOUT(client->responseCount(), 1, timeoutMs);
    QCOMPARE(client->responses().first().status, 200);
}

void TestCaptureServer::startFailuresAreExplained()
{
    start(config());
    // The port is taken.
    ServerConfig taken = config();
    taken.port = m_endpoint->port();
    Endpoint second;
    EndpointConfig endpointConfig;
    endpointConfig.server = taken;
    endpointConfig.storePath = m_dir->filePath(u"second.sqlite"_s);
    Expected<void> started = second.start(endpointConfig);
    QVERIFY_FAILS_WITH(started, Error::Code::CannotListen);
    QVERIFY2(started.error().message.contains(u"cannot listen on 127.0.0.1:"_s + QString::number(m_endpoint->port())),
             qPrintable(started.error().message));
    QVERIFY(!second.isRunning());

    // The store cannot be opened: its folder would be a file.
    QFile blocker(m_dir->filePath(u"blocker"_s));
    QVERIFY(blocker.open(QIODevice::WriteOnly));
    blocker.close();
    endpointConfig.server = config();
    endpointConfig.storePath = blocker.fileName() + u"/sessions.sqlite"_s;
    started = second.start(endpointConfig);
    QVERIFY_FAILS_WITH(started, Error::Code::StoreCannotOpen);
    QVERIFY2(started.error().message.contains(u"blocker"_s), qPrintable(started.error().message));
    QVERIFY(!second.isRunning());

    // The first endpoint did not notice.
    verifyStillServing();
}

void TestCaptureServer::keepAlive()
{
    start(config());
    auto client = connectClient();
    QList<qint64> ids;
    for (int i = 0; i < 4; ++i) {
        const QByteArray body = R"({"n":)" + QByteArray::number(i) + '}';
        client->send(i % 2 ? get("/k/" + QByteArray::number(i)) : post("/k/" + QByteArray::number(i), body));
        QTRY_COMPARE_WITH_TIMEOUT(client->responseCount(), i + 1, timeoutMs);
        const HttpResponse response = client->responses().at(i);
        QCOMPARE(response.status, 200);
        QVERIFY(!hasHeader(response.headers, "connection"));
        QCOMPARE(headerValue(response.headers, "content-type"), QByteArray("application/json"));
        QCOMPARE(response.body, R"({"received":true,"id":)" + QByteArray::number(response.id()) + '}');
        ids.append(response.id());
    }
    QVERIFY(!client->closed());
    for (qsizetype i = 0; i < ids.size(); ++i) {
        const std::optional<Capture> capture = storedCapture(ids.at(i));
        QVERIFY(capture);
        QCOMPARE(capture->target, "/k/" + QByteArray::number(i));
        QCOMPARE(capture->peerPort, client->localPort()); // all on the one connection
        QCOMPARE(capture->responseStatus, 200);
        if (i > 0)
            QVERIFY(ids.at(i) > ids.at(i - 1));
    }
}

void TestCaptureServer::pipelining()
{
    start(config());
    auto client = connectClient();
    QByteArray burst;
    for (int i = 1; i <= 5; ++i) {
        const QByteArray target = "/p/" + QByteArray::number(i);
        burst += i == 3 ? get(target) : post(target, QByteArray(i * 100, char('a' + i)));
    }
    client->send(burst);
    QTRY_COMPARE_WITH_TIMEOUT(client->responseCount(), 5, timeoutMs);
    QByteArray rest;
    const QList<HttpResponse> responses = parseResponses(client->received(), &rest);
    QVERIFY2(rest.isEmpty(), rest.constData()); // every answer complete, nothing else
    qint64 previous = 0;
    for (int i = 0; i < 5; ++i) {
        QCOMPARE(responses.at(i).status, 200);
        const qint64 id = responses.at(i).id();
        QVERIFY(id > previous);
        previous = id;
        const std::optional<Capture> capture = storedCapture(id);
        QVERIFY(capture);
        QCOMPARE(capture->target, "/p/" + QByteArray::number(i + 1)); // in request order
        QCOMPARE(capture->body.size(), i == 2 ? 0 : (i + 1) * 100);
    }
    QVERIFY(!client->closed());
}

void TestCaptureServer::pipelinedRequestsAreReadAFewAtATime()
{
    // 2,000 requests arrive at once on one connection. They are read at most 4 KiB at a time (and then about as
    // many as may still be pending), so the first group holds what one such read holds, not the 256 a group may
    // take: a client that pipelines never queues thousands of captures ahead of other clients.
    start(config());
    QSignalSpy stored(m_endpoint.get(), &Endpoint::capturesStored);
    QByteArray burst;
    constexpr int count = 2000;
    for (int i = 0; i < count; ++i)
        burst += get("/r/" + QByteArray::number(i).rightJustified(4, '0'));
    const qsizetype perRead = 4096 / (burst.size() / count) + 1;
    auto client = connectClient();
    client->send(burst);
    QTRY_COMPARE_WITH_TIMEOUT(client->responseCount(), count, 30000);
    QVERIFY(!stored.isEmpty());
    const qsizetype first = stored.first().at(0).value<QList<Capture>>().size();
    QVERIFY2(first <= perRead, qPrintable(u"%1 > %2"_s.arg(first).arg(perRead)));
    const QList<HttpResponse> responses = parseResponses(client->received(), nullptr);
    QCOMPARE(responses.size(), count);
    for (int i = 1; i < count; ++i)
        QVERIFY(responses.at(i).id() > responses.at(i - 1).id());
}

void TestCaptureServer::commitsComeInBoundedGroups()
{
    // Sixteen clients pipeline 300 requests each at once: what completes while a group commits waits for the
    // next one, and no group is larger than the bound, however much is waiting.
    start(config());
    QSignalSpy stored(m_endpoint.get(), &Endpoint::capturesStored);
    std::vector<std::unique_ptr<Client>> clients;
    QByteArray burst;
    for (int i = 0; i < 300; ++i)
        burst += get("/g/" + QByteArray::number(i));
    for (int c = 0; c < 16; ++c) {
        clients.push_back(connectClient());
        clients.back()->send(burst);
    }
    for (const auto& client : clients)
        QTRY_COMPARE_WITH_TIMEOUT(client->responseCount(), 300, 30000);
    QTRY_COMPARE(storedCaptures().size(), 16 * 300);
    qsizetype total = 0;
    qsizetype largest = 0;
    for (const QList<QVariant>& emission : std::as_const(stored)) {
        const auto captures = emission.at(0).value<QList<Capture>>();
        largest = qMax(largest, captures.size());
        total += captures.size();
    }
    QCOMPARE(total, 16 * 300);
    QVERIFY2(largest <= CaptureServer::maxGroupCaptures, qPrintable(QString::number(largest)));
    QVERIFY2(stored.size() > 1, qPrintable(QString::number(stored.size())));
    // Each client's answers are in its own order, whatever group each capture was in.
    for (const auto& client : clients) {
        const QList<HttpResponse> responses = parseResponses(client->received(), nullptr);
        QCOMPARE(responses.size(), 300);
        for (int i = 1; i < 300; ++i)
            QVERIFY(responses.at(i).id() > responses.at(i - 1).id());
    }
}

void TestCaptureServer::http10_data()
{
    QTest::addColumn<QByteArray>("request");
    QTest::addColumn<bool>("persists");
    QTest::addColumn<QByteArray>("connectionHeader");

    QTest::newRow("1.0 closes") << QByteArray("POST /ten HTTP/1.0\r\nContent-Length: 2\r\n\r\n{}") << false
                                << QByteArray("close");
    QTest::newRow("1.0 keep-alive") << QByteArray(
        "POST /ten HTTP/1.0\r\nConnection: keep-alive\r\nContent-Length: 2\r\n\r\n{}")
                                    << true << QByteArray("keep-alive");
    QTest::newRow("1.1 persists") << QByteArray("POST /ten HTTP/1.1\r\nHost: h\r\nContent-Length: 2\r\n\r\n{}") << true
                                  << QByteArray();
    QTest::newRow("upgrade is answered, then closed")
        << QByteArray("GET /ws HTTP/1.1\r\nHost: h\r\nConnection: Upgrade\r\nUpgrade: websocket\r\n\r\n") << false
        << QByteArray("close");
    QTest::newRow("1.1 close") << QByteArray(
        "POST /ten HTTP/1.1\r\nHost: h\r\nConnection: close\r\nContent-Length: 2\r\n\r\n{}")
                               << false << QByteArray("close");
}

void TestCaptureServer::http10()
{
    QFETCH(QByteArray, request);
    QFETCH(bool, persists);
    QFETCH(QByteArray, connectionHeader);
    start(config());
    auto client = connectClient();
    client->send(request);
    QTRY_COMPARE_WITH_TIMEOUT(client->responseCount(), 1, timeoutMs);
    const HttpResponse response = client->responses().first();
    QCOMPARE(response.status, 200);
    QCOMPARE(headerValue(response.headers, "connection"), connectionHeader);
    const std::optional<Capture> capture = storedCapture(response.id());
    QVERIFY(capture);
    QCOMPARE(capture->httpVersion, request.split(' ').at(2).left(8));
    if (!persists) {
        QTRY_VERIFY_WITH_TIMEOUT(client->closed(), timeoutMs);
        return;
    }
    client->send(request);
    QTRY_COMPARE_WITH_TIMEOUT(client->responseCount(), 2, timeoutMs);
    QCOMPARE(client->responses().at(1).status, 200);
    QVERIFY(!client->closed());
}

void TestCaptureServer::headGetsNoBody()
{
    // A response to HEAD has the headers a GET would get and no content (RFC 9110 section 9.3.2); anything
    // after its head would be read as the next response.
    start(config());
    auto client = connectClient();
    client->send("HEAD /probe HTTP/1.1\r\nHost: h\r\n\r\n" + get("/after"));
    QTRY_VERIFY_WITH_TIMEOUT(client->received().count("HTTP/1.1 ") == 2 && client->received().endsWith('}'), timeoutMs);
    const QByteArray received = client->received();
    const qsizetype headEnd = received.indexOf("\r\n\r\n") + 4;
    QVERIFY2(received.mid(headEnd).startsWith("HTTP/1.1 200 OK\r\n"), received.constData());
    const QList<HttpResponse> rest = parseResponses(received.mid(headEnd));
    QCOMPARE(rest.size(), 1);
    QCOMPARE(stored(rest.first().id()).target, QByteArray("/after"));
    // The HEAD's recorded answer has the GET's headers and no content, as sent.
    const QList<Capture> all = storedCaptures();
    QCOMPARE(all.size(), 2);
    const Capture head = all.constFirst();
    QCOMPARE(head.method, QByteArray("HEAD"));
    QVERIFY(hasHeader(head.responseHeaders, "content-length"));
    QVERIFY(head.responseBody.isEmpty());
}

void TestCaptureServer::requestsAfterCloseAreNotAnswered()
{
    start(config());
    auto client = connectClient();
    client->send("POST /last HTTP/1.1\r\nHost: h\r\nConnection: close\r\nContent-Length: 2\r\n\r\n{}"
                 + post("/after", "{}"));
    QTRY_VERIFY_WITH_TIMEOUT(client->closed(), timeoutMs);
    const QList<HttpResponse> responses = client->responses();
    QCOMPARE(responses.size(), 1);
    QCOMPARE(responses.first().status, 200);
    // What came after is still captured, and recorded as not answered.
    QList<Capture> captures;
    QTRY_COMPARE_WITH_TIMEOUT((captures = storedCaptures()).size(), 2, timeoutMs);
    QCOMPARE(captures.at(0).target, QByteArray("/last"));
    QCOMPARE(captures.at(0).responseStatus, 200);
    QCOMPARE(captures.at(1).responseStatus, 0);
}

void TestCaptureServer::chunkedBodyWithTrailers()
{
    start(config());
    auto client = connectClient();
    const QByteArray head = "POST /chunked HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n"
                            "Trailer: X-Checksum\r\n\r\n";
    client->send(head + "5\r\nhello\r\n");
    client->send("6;ext=1\r\n wor\0d\r\n"_ba);
    client->send("0\r\nX-Checksum: abc\r\nx-checksum: second\r\n\r\n");
    QTRY_COMPARE_WITH_TIMEOUT(client->responseCount(), 1, timeoutMs);
    const HttpResponse response = client->responses().first();
    QCOMPARE(response.status, 200);
    const std::optional<Capture> capture = storedCapture(response.id());
    QVERIFY(capture);
    QCOMPARE(capture->body, "hello wor\0d"_ba);
    QCOMPARE(capture->trailers, (HttpHeaders {{"X-Checksum", "abc"}, {"x-checksum", "second"}}));
    QCOMPARE(capture->rawHead, head);
    QCOMPARE(headerValue(capture->headers, "transfer-encoding"), QByteArray("chunked"));
    QVERIFY(!capture->isMalformed());
}

void TestCaptureServer::expectContinue()
{
    start(config());
    auto client = connectClient();
    client->send("POST /continue HTTP/1.1\r\nHost: h\r\nExpect: 100-continue\r\nContent-Length: 11\r\n\r\n");
    QTRY_COMPARE_WITH_TIMEOUT(client->received(), QByteArray("HTTP/1.1 100 Continue\r\n\r\n"), timeoutMs);
    // Only now does the body go out, as a careful client does.
    QCOMPARE(m_reader->captureCount(m_endpoint->sessionId()), 0);
    client->send("hello there");
    QTRY_COMPARE_WITH_TIMEOUT(client->responseCount(), 2, timeoutMs);
    const QList<HttpResponse> responses = client->responses();
    QCOMPARE(responses.at(0).status, 100);
    QCOMPARE(responses.at(1).status, 200);
    const std::optional<Capture> capture = storedCapture(responses.at(1).id());
    QVERIFY(capture);
    QCOMPARE(capture->body, QByteArray("hello there"));
    QCOMPARE(headerValue(capture->headers, "Expect"), QByteArray("100-continue"));

    // A client that sends the body without waiting gets no 100 for it.
    client->send("POST /eager HTTP/1.1\r\nHost: h\r\nExpect: 100-continue\r\nContent-Length: 2\r\n\r\n{}");
    QTRY_COMPARE_WITH_TIMEOUT(client->responseCount(), 3, timeoutMs);
    QCOMPARE(client->responses().at(2).status, 200);
}

void TestCaptureServer::expectContinueAfterPipelinedRequest()
{
    // The 100 for the second request may only follow the answer to the first.
    start(config());
    auto client = connectClient();
    client->send(post("/first", "{}")
                 + "POST /second HTTP/1.1\r\nHost: h\r\nExpect: 100-continue\r\nContent-Length: 4\r\n\r\n");
    QTRY_COMPARE_WITH_TIMEOUT(client->responseCount(), 2, timeoutMs);
    QCOMPARE(client->responses().at(0).status, 200);
    QCOMPARE(client->responses().at(1).status, 100);
    client->send("body");
    QTRY_COMPARE_WITH_TIMEOUT(client->responseCount(), 3, timeoutMs);
    const HttpResponse last = client->responses().at(2);
    QCOMPARE(last.status, 200);
    QCOMPARE(stored(last.id()).body, QByteArray("body"));
}

void TestCaptureServer::limits_data()
{
    QTest::addColumn<QByteArray>("request");
    QTest::addColumn<int>("status");
    QTest::addColumn<QString>("reason"); // empty: not malformed
    QTest::addColumn<qint64>("storedBodyBytes");

    const QByteArray bigHeader = "X-Big: " + QByteArray(70 * 1024, 'h') + "\r\n";
    QTest::newRow("header section over 64 KiB -> 431")
        << QByteArray("POST /big-head HTTP/1.1\r\nHost: h\r\n" + bigHeader + "Content-Length: 0\r\n\r\n") << 431
        << u"header section larger than the limit of 65536 bytes"_s << qint64(0);
    QTest::newRow("many headers over 64 KiB -> 431") << QByteArray(
        "GET /many HTTP/1.1\r\n" + QByteArray("X-Header: 0123456789abcdef0123456789\r\n").repeated(2000) + "\r\n")
                                                     << 431 << u"header section larger than the limit"_s << qint64(0);
    QTest::newRow("Content-Length over the limit -> 413")
        << QByteArray("POST /big HTTP/1.1\r\nHost: h\r\nContent-Length: 1025\r\n\r\n") << 413
        << u"Content-Length 1025 is larger than the limit of 1024 bytes"_s << qint64(0);
    QTest::newRow("Content-Length over the limit with 100-continue -> 413, no 100")
        << QByteArray("POST /big HTTP/1.1\r\nHost: h\r\nExpect: 100-continue\r\nContent-Length: 5000000\r\n\r\n") << 413
        << u"Content-Length 5000000 is larger"_s << qint64(0);
    QTest::newRow("Content-Length over the limit, body sent anyway -> 413")
        << post("/big-body", QByteArray(2 * 1024 * 1024, 'b')) << 413 << u"Content-Length 2097152 is larger"_s
        << qint64(0);
    QByteArray chunks;
    for (int i = 0; i < 20; ++i)
        chunks += "64\r\n" + QByteArray(100, char('A' + i)) + "\r\n";
    QTest::newRow("chunked body growing past the limit -> 413")
        << QByteArray("POST /chunks HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n" + chunks + "0\r\n\r\n")
        << 413 << u"body larger than the limit of 1024 bytes"_s << qint64(1024);
    QTest::newRow("trailer section over 64 KiB -> 431")
        << QByteArray("POST /t HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n1\r\nx\r\n0\r\n" + bigHeader
                      + "\r\n")
        << 431 << u"trailer section larger than the limit"_s << qint64(1);
    QTest::newRow("body exactly at the limit is fine")
        << post("/at-limit", QByteArray(1024, 'z')) << 200 << QString() << qint64(1024);
    QTest::newRow("chunked body exactly at the limit is fine")
        << QByteArray("POST /chunks HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n400\r\n"
                      + QByteArray(1024, 'c') + "\r\n0\r\n\r\n")
        << 200 << QString() << qint64(1024);
}

void TestCaptureServer::limits()
{
    QFETCH(QByteArray, request);
    QFETCH(int, status);
    QFETCH(QString, reason);
    QFETCH(qint64, storedBodyBytes);
    ServerConfig server = config();
    server.limits.maxBodyBytes = 1024;
    start(server);

    auto client = connectClient();
    client->send(request);
    QTRY_COMPARE_WITH_TIMEOUT(client->responseCount(), 1, timeoutMs);
    const HttpResponse response = client->responses().first();
    QCOMPARE(response.status, status);
    QList<Capture> captures;
    QTRY_COMPARE_WITH_TIMEOUT((captures = storedCaptures()).size(), 1, timeoutMs);
    const Capture& capture = captures.first();
    QCOMPARE(capture.responseStatus, status);
    QCOMPARE(capture.body.size(), storedBodyBytes);
    if (reason.isEmpty()) {
        QVERIFY2(!capture.isMalformed(), qPrintable(capture.malformedReason));
        QCOMPARE(response.id(), capture.id);
        QVERIFY(!client->closed());
    } else {
        QVERIFY2(capture.malformedReason.contains(reason), qPrintable(capture.malformedReason));
        QCOMPARE(headerValue(response.headers, "connection"), QByteArray("close"));
        QVERIFY(response.body.contains("\"error\""));
        QTRY_VERIFY_WITH_TIMEOUT(client->closed(), timeoutMs);
        QVERIFY2(!client->received().contains("100 Continue"), client->received().left(200).constData());
    }
    verifyStillServing();
}

void TestCaptureServer::timeouts_data()
{
    QTest::addColumn<int>("headerTimeoutMs");
    QTest::addColumn<int>("idleTimeoutMs");
    QTest::addColumn<QByteArray>("first"); // sent at once
    QTest::addColumn<QByteArray>("trickle"); // then one byte every 50 ms
    QTest::addColumn<QList<int>>("statuses");
    QTest::addColumn<QString>("reason"); // of the last capture; empty: no malformed capture
    QTest::addColumn<int>("minimumMs"); // the connection closes no sooner

    // QTimer's default (coarse) timers may fire up to 5% early.
    QTest::newRow("head not complete -> 408")
        << 300 << 60000 << QByteArray("POST /slow HTTP/1.1\r\nHost: h\r\n") << QByteArray() << QList<int> {408}
        << u"header section not complete within 0.3 s"_s << 280;
    QTest::newRow("head trickled byte by byte -> 408")
        << 300 << 60000 << QByteArray("P")
        << QByteArray("OST /slowloris HTTP/1.1\r\nHost: h\r\nX-Pad: " + QByteArray(400, 'a') + "\r\n\r\n")
        << QList<int> {408} << u"header section not complete"_s << 280;
    QTest::newRow("second head not complete -> 408")
        << 300 << 60000 << QByteArray(get("/ok") + "GET /half HTTP/1.1\r\n") << QByteArray() << QList<int> {200, 408}
        << u"header section not complete"_s << 280;
    QTest::newRow("nothing sent -> closed")
        << 300 << 60000 << QByteArray() << QByteArray() << QList<int> {} << QString() << 280;
    QTest::newRow("idle after an answer -> closed")
        << 60000 << 300 << get("/idle") << QByteArray() << QList<int> {200} << QString() << 280;
    QTest::newRow("body stalls -> 408") << 60000 << 300
                                        << QByteArray(
                                               "POST /stall HTTP/1.1\r\nHost: h\r\nContent-Length: 10\r\n\r\n123")
                                        << QByteArray() << QList<int> {408} << u"no bytes for 0.3 s"_s << 280;
}

void TestCaptureServer::timeouts()
{
    QFETCH(int, headerTimeoutMs);
    QFETCH(int, idleTimeoutMs);
    QFETCH(QByteArray, first);
    QFETCH(QByteArray, trickle);
    QFETCH(QList<int>, statuses);
    QFETCH(QString, reason);
    QFETCH(int, minimumMs);
    ServerConfig server = config();
    server.headerTimeoutMs = headerTimeoutMs;
    server.idleTimeoutMs = idleTimeoutMs;
    start(server);

    QElapsedTimer elapsed;
    elapsed.start();
    auto client = connectClient();
    if (!first.isEmpty())
        client->send(first);
    QTimer trickler;
    qsizetype next = 0;
    connect(&trickler, &QTimer::timeout, this, [&] {
        if (next < trickle.size() && !client->closed())
            client->send(trickle.mid(next++, 1));
    });
    if (!trickle.isEmpty())
        trickler.start(50);

    QTRY_VERIFY_WITH_TIMEOUT(client->closed(), timeoutMs);
    trickler.stop();
    QVERIFY2(elapsed.elapsed() >= minimumMs, qPrintable(QString::number(elapsed.elapsed())));
    QVERIFY(next < trickle.size() || trickle.isEmpty()); // the head never completed
    QByteArray rest;
    const QList<HttpResponse> responses = parseResponses(client->received(), &rest);
    QVERIFY(rest.isEmpty());
    QList<int> received;
    for (const HttpResponse& response : responses)
        received.append(response.status);
    QCOMPARE(received, statuses);
    if (!statuses.isEmpty() && statuses.last() >= 400)
        QCOMPARE(headerValue(responses.last().headers, "connection"), QByteArray("close"));

    QList<Capture> captures;
    const qsizetype expectedCaptures = statuses.size();
    QTRY_COMPARE_WITH_TIMEOUT((captures = storedCaptures()).size(), expectedCaptures, timeoutMs);
    if (!reason.isEmpty()) {
        QVERIFY2(captures.last().malformedReason.contains(reason), qPrintable(captures.last().malformedReason));
        QCOMPARE(captures.last().responseStatus, 408);
        QVERIFY(!captures.last().rawHead.isEmpty());
        QVERIFY(QByteArray(first + trickle).contains(captures.last().rawHead));
    }
    verifyStillServing();
}

void TestCaptureServer::connectionCap()
{
    ServerConfig server = config();
    server.maxConnections = 2;
    start(server);

    auto one = connectClient();
    auto two = connectClient();
    one->send(post("/one", "{}"));
    two->send(post("/two", "{}"));
    QTRY_COMPARE_WITH_TIMEOUT(one->responseCount(), 1, timeoutMs);
    QTRY_COMPARE_WITH_TIMEOUT(two->responseCount(), 1, timeoutMs);

    auto third = connectClient();
    third->send(post("/third", "{}"));
    QTRY_COMPARE_WITH_TIMEOUT(third->responseCount(), 1, timeoutMs);
    const HttpResponse refused = third->responses().first();
    QCOMPARE(refused.status, 503);
    QCOMPARE(headerValue(refused.headers, "connection"), QByteArray("close"));
    QVERIFY(refused.body.contains("too many connections (limit 2)"));
    QTRY_VERIFY_WITH_TIMEOUT(third->closed(), timeoutMs);

    // The connections within the cap do not notice.
    one->send(post("/one/again", "{}"));
    two->send(post("/two/again", "{}"));
    QTRY_COMPARE_WITH_TIMEOUT(one->responseCount(), 2, timeoutMs);
    QTRY_COMPARE_WITH_TIMEOUT(two->responseCount(), 2, timeoutMs);
    QCOMPARE(one->responses().at(1).status, 200);
    QCOMPARE(two->responses().at(1).status, 200);

    // Once one of them goes, there is room again.
    one->close();
    QTRY_VERIFY_WITH_TIMEOUT(one->closed(), timeoutMs);
    QElapsedTimer waited;
    waited.start();
    int status = 0;
    while (status != 200 && waited.elapsed() < timeoutMs) {
        auto next = connectClient();
        next->send(post("/next", "{}"));
        QTRY_VERIFY_WITH_TIMEOUT(next->responseCount() == 1 || next->closed(), timeoutMs);
        status = next->responseCount() == 1 ? next->responses().first().status : 0;
    }
    QCOMPARE(status, 200);
}

void TestCaptureServer::malformed_data()
{
    QTest::addColumn<QByteArray>("request");
    QTest::addColumn<QString>("reason"); // a pattern: llhttp's words or ours, whichever the build reports
    QTest::addColumn<bool>("keepsHead"); // bytes before the error are kept

    QTest::newRow("space in a header name") << QByteArray("POST /bad HTTP/1.1\r\nHost: h\r\nBad Name: v\r\n\r\n")
                                            << u"field name|HPE_INVALID_HEADER_TOKEN"_s << true;
    QTest::newRow("obs-fold") << QByteArray("POST /fold HTTP/1.1\r\nHost: h\r\nX-Folded: a\r\n b\r\n\r\n")
                              << u"obsolete line folding"_s << true;
    // A TLS ClientHello sent to the plain-HTTP port fails at its first byte.
    QTest::newRow("garbage") << QByteArray(QByteArray::fromHex("160301020001000001fc0303") + "garbage\r\n\r\n")
                             << u"HPE_INVALID_METHOD"_s << false;
    QTest::newRow("bad Content-Length") << QByteArray("POST /cl HTTP/1.1\r\nHost: h\r\nContent-Length: 1x\r\n\r\n")
                                        << u"HPE_INVALID_CONTENT_LENGTH"_s << true;
    QTest::newRow("Content-Length and chunked") << QByteArray(
        "POST /te HTTP/1.1\r\nHost: h\r\nContent-Length: 3\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n")
                                                << u"HPE_"_s << true;
    QTest::newRow("bad chunk size") << QByteArray(
        "POST /chunk HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\nhello\r\n0\r\n\r\n")
                                    << u"HPE_INVALID_CHUNK_SIZE"_s << true;
    QTest::newRow("target not a path") << QByteArray("GET hooks HTTP/1.1\r\nHost: h\r\n\r\n")
                                       << u"request target|HPE_INVALID_URL"_s << true;
}

void TestCaptureServer::malformed()
{
    QFETCH(QByteArray, request);
    QFETCH(QString, reason);
    QFETCH(bool, keepsHead);
    start(config());

    // A well-behaved sender is in the middle of a request when the bad one arrives.
    auto good = connectClient();
    good->send("POST /good HTTP/1.1\r\nHost: h\r\nContent-Length: 10\r\n\r\n0123");

    auto bad = connectClient();
    bad->send(request);
    QTRY_COMPARE_WITH_TIMEOUT(bad->responseCount(), 1, timeoutMs);
    const HttpResponse response = bad->responses().first();
    QCOMPARE(response.status, 400);
    QCOMPARE(headerValue(response.headers, "connection"), QByteArray("close"));
    QTRY_VERIFY_WITH_TIMEOUT(bad->closed(), timeoutMs);

    QList<Capture> captures;
    QTRY_COMPARE_WITH_TIMEOUT((captures = storedCaptures()).size(), 1, timeoutMs);
    const Capture& capture = captures.first();
    QVERIFY2(capture.malformedReason.contains(QRegularExpression(reason)), qPrintable(capture.malformedReason));
    QCOMPARE(capture.responseStatus, 400);
    QCOMPARE(!capture.rawHead.isEmpty(), keepsHead);
    QVERIFY2(request.startsWith(capture.rawHead), capture.rawHead.constData());
    QCOMPARE(capture.peerPort, bad->localPort());
    QVERIFY(response.body.contains("\"error\""));

    good->send("456789");
    QTRY_COMPARE_WITH_TIMEOUT(good->responseCount(), 1, timeoutMs);
    QCOMPARE(good->responses().first().status, 200);
    QCOMPARE(stored(good->responses().first().id()).body, QByteArray("0123456789"));
    good->send(get("/good/again"));
    QTRY_COMPARE_WITH_TIMEOUT(good->responseCount(), 2, timeoutMs);
    QCOMPARE(good->responses().at(1).status, 200);
    QVERIFY(!good->closed());
}

void TestCaptureServer::clientDisconnects_data()
{
    QTest::addColumn<QByteArray>("sent");
    QTest::addColumn<QString>("reason");
    QTest::addColumn<QByteArray>("body");

    QTest::newRow("mid body") << QByteArray("POST /cut HTTP/1.1\r\nHost: h\r\nContent-Length: 100\r\n\r\n0123456789")
                              << u"connection closed after 10 bytes of the body (90 more were announced)"_s
                              << QByteArray("0123456789");
    QTest::newRow("mid chunked body") << QByteArray(
        "POST /cut HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n10\r\nabc")
                                      << u"connection closed after 8 bytes of the body"_s << QByteArray("helloabc");
    QTest::newRow("mid head") << QByteArray("POST /cut HTTP/1.1\r\nHost: h\r\nX-Partial: yes")
                              << u"connection closed before the header section was complete"_s << QByteArray();
}

void TestCaptureServer::clientDisconnects()
{
    QFETCH(QByteArray, sent);
    QFETCH(QString, reason);
    QFETCH(QByteArray, body);
    start(config());
    QSignalSpy storedSpy(m_endpoint.get(), &Endpoint::capturesStored);

    auto client = connectClient();
    client->send(sent);
    client->close();
    QTRY_VERIFY_WITH_TIMEOUT(client->closed(), timeoutMs);

    QList<Capture> captures;
    QTRY_COMPARE_WITH_TIMEOUT((captures = storedCaptures()).size(), 1, timeoutMs);
    const Capture& capture = captures.first();
    QVERIFY2(capture.malformedReason.contains(reason), qPrintable(capture.malformedReason));
    QCOMPARE(capture.body, body);
    QCOMPARE(capture.responseStatus, 0); // nobody was there to answer
    QVERIFY(sent.startsWith(capture.rawHead));
    QTRY_COMPARE_WITH_TIMEOUT(storedSpy.size(), 1, timeoutMs);
    verifyStillServing();
}

void TestCaptureServer::exactBytes_data()
{
    QTest::addColumn<QByteArray>("head");
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<HttpHeaders>("headers");

    QTest::newRow("order, case, duplicates")
        << QByteArray("POST /hooks/firm?sig=a%20b&x=1 HTTP/1.1\r\nhost: 127.0.0.1\r\nX-Dup: 1\r\nContent-Type: "
                      "application/json\r\nx-dup: 2\r\nX-DUP:3\r\nZ-Last:   padded\t \r\nContent-Length: 9\r\n\r\n")
        << QByteArray(R"({"a":[1]})")
        << HttpHeaders {{"host", "127.0.0.1"},  {"X-Dup", "1"}, {"Content-Type", "application/json"},
                        {"x-dup", "2"},         {"X-DUP", "3"}, {"Z-Last", "padded"},
                        {"Content-Length", "9"}};
    QByteArray binary;
    for (int round = 0; round < 4; ++round) {
        for (int i = 0; i < 256; ++i)
            binary += char(i);
    }
    binary.prepend(QByteArray(16, '\0'));
    QTest::newRow("binary body with NUL bytes")
        << QByteArray("PUT /bin HTTP/1.1\r\nHost: h\r\nContent-Type: application/octet-stream\r\nContent-Length: "
                      + QByteArray::number(binary.size()) + "\r\n\r\n")
        << binary
        << HttpHeaders {{"Host", "h"},
                        {"Content-Type", "application/octet-stream"},
                        {"Content-Length", QByteArray::number(binary.size())}};
    const QByteArray large = QByteArray(300 * 1024, 'L') + '\0';
    QTest::newRow("300 KiB body") << QByteArray(
        "POST /large HTTP/1.1\r\nContent-Length: " + QByteArray::number(large.size()) + "\r\n\r\n")
                                  << large << HttpHeaders {{"Content-Length", QByteArray::number(large.size())}};
    QTest::newRow("absolute-form target, no body")
        << QByteArray("DELETE http://example.com/a?b HTTP/1.1\r\nHost: example.com\r\n\r\n") << QByteArray()
        << HttpHeaders {{"Host", "example.com"}};
}

void TestCaptureServer::exactBytes()
{
    QFETCH(QByteArray, head);
    QFETCH(QByteArray, body);
    QFETCH(HttpHeaders, headers);
    start(config());
    auto client = connectClient();
    // Split at awkward places: inside the head and inside the body.
    const QByteArray all = head + body;
    client->send(all.left(7));
    client->send(all.mid(7, head.size()));
    client->send(all.mid(7 + head.size()));
    QTRY_COMPARE_WITH_TIMEOUT(client->responseCount(), 1, timeoutMs);
    const HttpResponse response = client->responses().first();
    QCOMPARE(response.status, 200);
    const std::optional<Capture> capture = storedCapture(response.id());
    QVERIFY(capture);
    QCOMPARE(capture->rawHead, head);
    QCOMPARE(capture->headers, headers);
    QCOMPARE(capture->body.size(), body.size());
    QCOMPARE(capture->body, body);
    const QList<QByteArray> requestLine = head.left(head.indexOf("\r\n")).split(' ');
    QCOMPARE(capture->method, requestLine.at(0));
    QCOMPARE(capture->target, requestLine.at(1));
    QCOMPARE(capture->httpVersion, requestLine.at(2));
    QCOMPARE(capture->peerAddress, u"127.0.0.1"_s);
    QCOMPARE(capture->peerPort, client->localPort());
    QCOMPARE(capture->sessionId, m_endpoint->sessionId());
    QCOMPARE(capture->responseStatus, 200);
    QVERIFY(capture->receivedAt.isValid());
    QVERIFY(capture->receivedAt <= capture->completedAt);
    QVERIFY(!capture->isMalformed());
}

void TestCaptureServer::answeredOnlyAfterStored()
{
    start(config());
    QSignalSpy storedSpy(m_endpoint.get(), &Endpoint::capturesStored);
    constexpr int clients = 4;
    constexpr int perClient = 6;
    std::vector<std::unique_ptr<Client>> connections;
    for (int c = 0; c < clients; ++c) {
        connections.push_back(connectClient());
        QByteArray burst;
        for (int i = 0; i < perClient; ++i)
            burst += post("/durable/" + QByteArray::number(c) + '/' + QByteArray::number(i), QByteArray(64, 'd'));
        connections.back()->send(burst);
    }
    // Each answer is checked against the store the moment it is seen, from another connection.
    std::vector<qsizetype> checked(clients, 0);
    QStringList problems;
    const auto checkArrived = [&] {
        bool all = true;
        for (int c = 0; c < clients; ++c) {
            const QList<HttpResponse> responses = connections.at(c)->responses();
            for (; checked.at(c) < responses.size(); ++checked.at(c)) {
                const HttpResponse& response = responses.at(checked.at(c));
                const std::optional<Capture> capture = storedCapture(response.id());
                const QByteArray expected
                    = "/durable/" + QByteArray::number(c) + '/' + QByteArray::number(checked.at(c));
                if (response.status != 200 || !capture || capture->target != expected)
                    problems.append(QStringLiteral("client %1 answer %2: status %3, id %4 %5")
                                        .arg(c)
                                        .arg(checked.at(c))
                                        .arg(response.status)
                                        .arg(response.id())
                                        .arg(capture ? u"stored elsewhere"_s : u"not in the store"_s));
            }
            all = all && checked.at(c) == perClient;
        }
        return all;
    };
    QTRY_VERIFY_WITH_TIMEOUT(checkArrived(), timeoutMs);
    QVERIFY2(problems.isEmpty(), qPrintable(problems.join(u'\n')));

    // The signal reports the same captures, with their ids and the status sent.
    const auto signalled = [&] {
        qsizetype count = 0;
        for (const QList<QVariant>& arguments : storedSpy)
            count += arguments.first().value<QList<Capture>>().size();
        return count;
    };
    QTRY_COMPARE_WITH_TIMEOUT(signalled(), clients * perClient, timeoutMs);
    for (const QList<QVariant>& arguments : storedSpy) {
        for (const Capture& capture : arguments.first().value<QList<Capture>>()) {
            QVERIFY(capture.id > 0);
            QCOMPARE(capture.responseStatus, 200);
            QCOMPARE(capture.sessionId, m_endpoint->sessionId());
        }
    }
}

void TestCaptureServer::storeRefusalIsNeverAcknowledged()
{
    start(config());
    QSignalSpy failed(m_endpoint.get(), &Endpoint::storeFailed);
    QSignalSpy storedSpy(m_endpoint.get(), &Endpoint::capturesStored);
    // Another program makes the database refuse every new capture (unlike file permissions, this holds
    // when the tests run as root, and needs no hook in the server).
    QCOMPARE(sqliteExec(m_path,
                        "CREATE TRIGGER refuse_all BEFORE INSERT ON captures "
                        "BEGIN SELECT RAISE(ABORT, 'refused by test'); END"),
             QString());

    auto client = connectClient();
    client->send(post("/refused/1", "{}") + post("/refused/2", "{}") + post("/refused/3", "{}"));
    QTRY_VERIFY_WITH_TIMEOUT(client->closed(), timeoutMs);
    const QList<HttpResponse> responses = client->responses();
    QVERIFY(!responses.isEmpty());
    for (const HttpResponse& response : responses) {
        QCOMPARE(response.status, 503);
        QCOMPARE(headerValue(response.headers, "connection"), QByteArray("close"));
        QVERIFY2(response.body.contains("could not store"), response.body.constData());
    }
    QVERIFY2(!client->received().contains("HTTP/1.1 2"), client->received().constData());
    QTRY_VERIFY_WITH_TIMEOUT(!failed.isEmpty(), timeoutMs);
    const Error refusal = failed.first().first().value<Error>();
    QCOMPARE(refusal.code, Error::Code::StoreRefused);
    QVERIFY2(refusal.message.contains(u"refused by test"_s), qPrintable(refusal.message));
    QCOMPARE(m_reader->captureCount(m_endpoint->sessionId()), 0);

    // When the store accepts again, so does the endpoint; nothing of the refused batch appears.
    QCOMPARE(sqliteExec(m_path, "DROP TRIGGER refuse_all"), QString());
    verifyStillServing();
    QCOMPARE(m_reader->captureCount(m_endpoint->sessionId()), 1);
    QCOMPARE(storedCaptures().first().target, QByteArray("/still-serving"));
    QTRY_COMPARE_WITH_TIMEOUT(storedSpy.size(), 1, timeoutMs);
}

void TestCaptureServer::rules_data()
{
    QTest::addColumn<QByteArray>("rules");
    QTest::addColumn<QList<QByteArray>>("requests");
    QTest::addColumn<QList<int>>("statuses");

    QTest::newRow("fail first 2 per path")
        << QByteArray(R"({"rules": [{"path": "/flaky/*", "failFirst": 2}]})")
        << QList<QByteArray> {post("/flaky/a", "{}"), post("/flaky/a", "{}"), post("/flaky/b", "{}"),
                              post("/flaky/a", "{}"), post("/flaky/b", "{}"), post("/flaky/b", "{}"),
                              post("/other", "{}")}
        << QList<int> {500, 500, 500, 200, 500, 200, 200};
    const QByteArray docA = R"({"payload":{"events":[{"docId":"a"}]}})";
    const QByteArray docB = R"({"payload":{"events":[{"docId":"b"}]}})";
    QTest::newRow("fail first 2 per Firm App docId")
        << QByteArray(R"({"rules": [{"method": "POST", "path": "/firm", "failFirst": 2, "failStatus": 503}]})")
        << QList<QByteArray> {post("/firm", docA), post("/firm", docB), post("/firm", docA),
                              post("/firm", docA), post("/firm", docB), post("/firm", docB)}
        << QList<int> {503, 503, 503, 200, 503, 200};
    QTest::newRow("fail every 3rd") << QByteArray(R"({"rules": [{"failEvery": 3, "failStatus": 502}]})")
                                    << QList<QByteArray>(7, post("/every", "{}"))
                                    << QList<int> {200, 200, 502, 200, 200, 502, 200};
    QTest::newRow("429 then accepted") << QByteArray(R"({"rules": [{"failFirst": 1, "retryAfter": 30}]})")
                                       << QList<QByteArray>(2, post("/busy", "{}")) << QList<int> {429, 200};
    QTest::newRow("method decides") << QByteArray(R"({"rules": [{"method": "GET", "status": 204}]})")
                                    << QList<QByteArray> {get("/m"), post("/m", "{}")} << QList<int> {204, 200};
}

void TestCaptureServer::rules()
{
    QFETCH(QByteArray, rules);
    QFETCH(QList<QByteArray>, requests);
    QFETCH(QList<int>, statuses);
    start(config(rules));

    QList<int> received;
    for (const QByteArray& request : requests) {
        // A sender retrying opens a new connection each time.
        auto client = connectClient();
        client->send(request);
        QTRY_COMPARE_WITH_TIMEOUT(client->responseCount(), 1, timeoutMs);
        const HttpResponse response = client->responses().first();
        received.append(response.status);
        if (response.status == 429)
            QCOMPARE(headerValue(response.headers, "Retry-After"), QByteArray("30"));
        if (response.status >= 500)
            QVERIFY(response.body.contains("failure simulated"));
    }
    QCOMPARE(received, statuses);
    // Every delivery is captured, with the status it got, failed or not.
    QList<Capture> captures;
    QTRY_COMPARE_WITH_TIMEOUT((captures = storedCaptures()).size(), requests.size(), timeoutMs);
    for (qsizetype i = 0; i < captures.size(); ++i)
        QCOMPARE(captures.at(i).responseStatus, statuses.at(i));
}

void TestCaptureServer::ruleStatusHeadersBody()
{
    start(config(R"({"rules": [{"method": "POST", "path": "/hooks/*", "status": 201,
                     "headers": [["X-Hook", "yes"], ["Content-Length", "1"], ["x-hook", "again"]],
                     "body": "created {id}"}]})"));
    auto client = connectClient();
    client->send(post("/hooks/firm", "{}") + get("/hooks/firm"));
    QTRY_COMPARE_WITH_TIMEOUT(client->responseCount(), 2, timeoutMs);
    const HttpResponse created = client->responses().at(0);
    QCOMPARE(created.status, 201);
    QCOMPARE(created.headers.at(0), (HttpHeader {"X-Hook", "yes"}));
    QCOMPARE(created.headers.at(1), (HttpHeader {"x-hook", "again"}));
    QCOMPARE(headerValue(created.headers, "content-length"), QByteArray::number(created.body.size()));
    QVERIFY(created.body.startsWith("created "));
    const qint64 id = created.body.mid(8).toLongLong();
    QVERIFY(id > 0);
    QCOMPARE(stored(id).method, QByteArray("POST"));
    // The answer is stored with its capture exactly as sent, "{id}" filled in.
    QCOMPARE(stored(id).responseStatus, 201);
    QCOMPARE(stored(id).responseHeaders, created.headers);
    QCOMPARE(stored(id).responseBody, created.body);
    QCOMPARE(stored(id).responseBody, "created " + QByteArray::number(id));
    // The GET does not match the rule: the default answer.
    const HttpResponse defaulted = client->responses().at(1);
    QCOMPARE(defaulted.status, 200);
    QVERIFY(defaulted.body.startsWith(R"({"received":true)"));
    QCOMPARE(stored(defaulted.id()).responseHeaders, defaulted.headers);
    QCOMPARE(stored(defaulted.id()).responseBody, defaulted.body);
}

void TestCaptureServer::ruleDelay()
{
    constexpr int delayMs = 400;
    start(config("{\"rules\": [{\"path\": \"/slow\", \"delayMs\": 400, \"body\": \"{\\\"id\\\":{id}}\"}]}"));
    auto client = connectClient();
    QElapsedTimer elapsed;
    elapsed.start();
    // The slow answer comes first and is not overtaken by the quick one behind it.
    client->send(post("/slow", "{}") + post("/quick", "{}"));
    QTRY_COMPARE_WITH_TIMEOUT(client->responseCount(), 2, timeoutMs);
    QVERIFY2(elapsed.elapsed() >= delayMs, qPrintable(QString::number(elapsed.elapsed())));
    const QList<HttpResponse> responses = client->responses();
    QCOMPARE(stored(responses.at(0).id()).target, QByteArray("/slow"));
    QCOMPARE(stored(responses.at(1).id()).target, QByteArray("/quick"));

    elapsed.restart();
    client->send(post("/slow", "{}"));
    QTRY_COMPARE_WITH_TIMEOUT(client->responseCount(), 3, timeoutMs);
    QVERIFY2(elapsed.elapsed() >= delayMs, qPrintable(QString::number(elapsed.elapsed())));
    QCOMPARE(client->responses().at(2).status, 200);
}

void TestCaptureServer::ruleCloseWithoutAnswer()
{
    start(config(R"({"rules": [{"path": "/drop", "close": true}]})"));
    auto client = connectClient();
    client->send(post("/drop", R"({"x":1})"));
    QTRY_VERIFY_WITH_TIMEOUT(client->closed(), timeoutMs);
    QVERIFY2(client->received().isEmpty(), client->received().constData());
    QList<Capture> captures;
    QTRY_COMPARE_WITH_TIMEOUT((captures = storedCaptures()).size(), 1, timeoutMs);
    QCOMPARE(captures.first().target, QByteArray("/drop"));
    QCOMPARE(captures.first().body, QByteArray(R"({"x":1})"));
    QCOMPARE(captures.first().responseStatus, 0);
    QVERIFY(!captures.first().isMalformed());
    verifyStillServing();
}

void TestCaptureServer::rulesChangeWhileRunning()
{
    start(config());
    const Expected<ResponseRules> rules
        = ResponseRules::fromJson(R"({"default": {"status": 202, "body": "queued {id}"}})");
    QVERIFY_EXPECTED(rules);
    m_endpoint->setRules(*rules);
    // The new rules reach the endpoint thread through its event queue: soon, not at once.
    int status = 0;
    QByteArray body;
    QElapsedTimer waited;
    waited.start();
    while (status != 202 && waited.elapsed() < timeoutMs) {
        auto client = connectClient();
        client->send(post("/after-change", "{}"));
        QTRY_COMPARE_WITH_TIMEOUT(client->responseCount(), 1, timeoutMs);
        status = client->responses().first().status;
        body = client->responses().first().body;
    }
    QCOMPARE(status, 202);
    QVERIFY(body.startsWith("queued "));
    QCOMPARE(stored(body.mid(7).toLongLong()).responseStatus, 202);
}

void TestCaptureServer::restartContinuesTheSession()
{
    start(config());
    const qint64 session = m_endpoint->sessionId();
    verifyStillServing();
    m_endpoint->stop();
    QVERIFY(!m_endpoint->isRunning());

    EndpointConfig again;
    again.server = config();
    again.storePath = m_path;
    again.sessionId = session;
    QVERIFY_EXPECTED(m_endpoint->start(again));
    QCOMPARE(m_endpoint->sessionId(), session);
    verifyStillServing();
    QCOMPARE(m_reader->captureCount(session), 2);
    QCOMPARE(m_reader->sessions().size(), 1);
}

QTEST_GUILESS_MAIN(TestCaptureServer)
#include "TestCaptureServer.moc"

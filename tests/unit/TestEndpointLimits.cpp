// SPDX-License-Identifier: MIT
// The endpoint's bounds over real sockets on 127.0.0.1: request deadlines that later bytes do not
// extend, the head deadline while an earlier answer is pending, the idle limit, the body budget
// (uploads wait their turn and all complete, byte for byte; pipelined small requests count in it), the
// bodies waiting for a busy owner thread, token methods answered by the rules, the 503 over the connection
// cap delivered in full, and accepting again after running out of files.
#include <QElapsedTimer>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>
#include <atomic>
#include <deque>
#include <thread>

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <unistd.h>

#include "ExpectedChecks.h"
#include "endpoint/CaptureHandoff.h"
#include "endpoint/Endpoint.h"
#include "http/CaptureServer.h"
#include "store/SessionStore.h"

using namespace Qt::StringLiterals;

namespace {

constexpr int timeoutMs = 20000;

class RawClient final
{
public:
    explicit RawClient(quint16 port)
    {
        QObject::connect(&socket, &QTcpSocket::readyRead, &socket, [this] { received += socket.readAll(); });
        socket.connectToHost(QHostAddress(QHostAddress::LocalHost), port);
        connected = socket.waitForConnected(timeoutMs);
    }
    void send(const QByteArray& bytes)
    {
        socket.write(bytes);
        socket.flush();
    }
    bool closed() const { return socket.state() == QAbstractSocket::UnconnectedState; }
    int answers() const { return int(received.count("HTTP/1.1 ")); }
    QTcpSocket socket;
    QByteArray received;
    bool connected = false;
};

QByteArray post(const QByteArray& target, const QByteArray& body)
{
    return "POST " + target + " HTTP/1.1\r\nHost: h\r\nContent-Length: " + QByteArray::number(body.size()) + "\r\n\r\n"
        + body;
}

// A sink that keeps nothing until told: the groups handed to it wait, as they would behind a slow disk.
class HeldSink final : public CaptureSink
{
public:
    void append(QList<Capture> captures, Completion complete, Done done) override
    {
        m_groups.push_back({std::move(captures), std::move(complete), std::move(done)});
    }
    void finish() override { release(); }
    Expected<void> appendNow(QList<Capture>& captures, const Completion& complete) override
    {
        for (qsizetype i = 0; i < captures.size(); ++i) {
            captures[i].id = ++m_nextId;
            complete(i, captures[i]);
        }
        return {};
    }
    // Keeps every group handed over so far, and those handed over meanwhile.
    void release()
    {
        while (!m_groups.empty()) {
            Group group = std::move(m_groups.front());
            m_groups.pop_front();
            appendNow(group.captures, group.complete);
            group.done(group.captures, {});
        }
    }

private:
    struct Group
    {
        QList<Capture> captures;
        Completion complete;
        Done done;
    };
    std::deque<Group> m_groups;
    qint64 m_nextId = 0;
};

} // namespace

class TestEndpointLimits final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();
    void requestDeadlineNotExtendedByBytes_data();
    void requestDeadlineNotExtendedByBytes();
    void headDeadlineWhileAnswerPending();
    void idleLimitNotRestartedByBlankLines();
    void bodyBudgetUploadsAllComplete();
    void smallRequestsCountInTheBudget();
    void handOffIsBoundedWhileTheOwnerIsBusy();
    void tokenMethodsAnsweredByRules();
    void refusalOverTheCapIsDelivered();
    void connectionCapBelowFileLimit();
    void acceptsAgainAfterRunningOutOfFiles();

private:
    void start(ServerConfig server);
    QList<Capture> stored();

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<Endpoint> m_endpoint;
    std::unique_ptr<SessionStore> m_reader;
};

void TestEndpointLimits::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
}

void TestEndpointLimits::cleanup()
{
    m_reader.reset();
    m_endpoint.reset();
    m_dir.reset();
}

void TestEndpointLimits::start(ServerConfig server)
{
    server.bindAddress = QHostAddress(QHostAddress::LocalHost);
    server.port = 0;
    m_endpoint = std::make_unique<Endpoint>();
    EndpointConfig config;
    config.server = server;
    config.storePath = m_dir->filePath(u"s.sqlite"_s);
    QVERIFY_EXPECTED(m_endpoint->start(config));
    m_reader = std::make_unique<SessionStore>();
    QVERIFY_EXPECTED(m_reader->open(config.storePath));
}

QList<Capture> TestEndpointLimits::stored()
{
    QList<Capture> captures;
    for (qint64 id : m_reader->captureIds(m_endpoint->sessionId())) {
        if (std::optional<Capture> capture = m_reader->capture(id))
            captures.append(*capture);
    }
    return captures;
}

void TestEndpointLimits::requestDeadlineNotExtendedByBytes_data()
{
    QTest::addColumn<QByteArray>("first");
    QTest::addColumn<QByteArray>("trickle"); // one byte every 40 ms, never finished within the deadline
    const QByteArray chunked = "POST /c HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n";
    QTest::newRow("body") << QByteArray("POST /b HTTP/1.1\r\nHost: h\r\nContent-Length: 100\r\n\r\n")
                          << QByteArray(100, 'x');
    QTest::newRow("chunk framing") << chunked << QByteArray("1\r\nx\r\n").repeated(20);
    QTest::newRow("trailers") << QByteArray(chunked + "1\r\nx\r\n0\r\n") << QByteArray("X-T: " + QByteArray(95, 't'));
}

void TestEndpointLimits::requestDeadlineNotExtendedByBytes()
{
    QFETCH(QByteArray, first);
    QFETCH(QByteArray, trickle);
    ServerConfig server;
    server.requestTimeoutMs = 500;
    server.idleTimeoutMs = 60000; // each byte arrives well within the stall limit
    start(server);
    RawClient client(m_endpoint->port());
    QElapsedTimer elapsed;
    elapsed.start();
    client.send(first);
    QTimer trickler;
    qsizetype next = 0;
    connect(&trickler, &QTimer::timeout, this, [&] {
        if (next < trickle.size() && !client.closed())
            client.send(trickle.mid(next++, 1));
    });
    trickler.start(40);
    QTRY_VERIFY_WITH_TIMEOUT(client.received.startsWith("HTTP/1.1 408"), timeoutMs);
    trickler.stop();
    QVERIFY2(elapsed.elapsed() >= 470 && elapsed.elapsed() < 3000, qPrintable(QString::number(elapsed.elapsed())));
    QVERIFY(next < trickle.size());
    QList<Capture> captures;
    QTRY_COMPARE_WITH_TIMEOUT((captures = stored()).size(), 1, timeoutMs);
    QVERIFY2(captures.first().malformedReason.contains(u"request not complete within 0.5 s"_s),
             qPrintable(captures.first().malformedReason));
    QCOMPARE(captures.first().responseStatus, 408);
}

void TestEndpointLimits::headDeadlineWhileAnswerPending()
{
    ServerConfig server;
    server.headerTimeoutMs = 300;
    const Expected<ResponseRules> rules = ResponseRules::fromJson(R"({"rules": [{"path": "/slow", "delayMs": 1500}]})");
    QVERIFY_EXPECTED(rules);
    server.rules = *rules;
    start(server);
    RawClient client(m_endpoint->port());
    QElapsedTimer elapsed;
    elapsed.start();
    client.send("GET /slow HTTP/1.1\r\nHost: h\r\n\r\nGET /half HTTP/1.1\r\nHost: h\r\n");
    // The unfinished head is captured at its deadline, while /slow still waits for its answer.
    QList<Capture> captures;
    QTRY_COMPARE_WITH_TIMEOUT((captures = stored()).size(), 2, timeoutMs);
    QVERIFY2(elapsed.elapsed() < 1400, qPrintable(QString::number(elapsed.elapsed())));
    QCOMPARE(captures.last().responseStatus, 408);
    QVERIFY(captures.last().malformedReason.contains(u"header section not complete within 0.3 s"_s));
    QTRY_COMPARE_WITH_TIMEOUT(client.answers(), 2, timeoutMs);
    QVERIFY(client.received.startsWith("HTTP/1.1 200"));
    QVERIFY(client.received.contains("HTTP/1.1 408"));
}

void TestEndpointLimits::idleLimitNotRestartedByBlankLines()
{
    ServerConfig server;
    server.idleTimeoutMs = 400;
    start(server);
    RawClient client(m_endpoint->port());
    QElapsedTimer elapsed;
    client.send("GET /one HTTP/1.1\r\nHost: h\r\n\r\n");
    QTRY_COMPARE_WITH_TIMEOUT(client.answers(), 1, timeoutMs);
    elapsed.start();
    QTimer blank; // blank lines between requests are allowed, and are not a request
    connect(&blank, &QTimer::timeout, this, [&] {
        if (!client.closed())
            client.send("\r\n");
    });
    blank.start(50);
    QTRY_VERIFY_WITH_TIMEOUT(client.closed(), timeoutMs);
    blank.stop();
    QVERIFY2(elapsed.elapsed() >= 370 && elapsed.elapsed() < 3000, qPrintable(QString::number(elapsed.elapsed())));
}

void TestEndpointLimits::bodyBudgetUploadsAllComplete()
{
    // A budget of 1 MiB and six uploads of 3 MiB at once: each waits its turn, none starves, and every
    // body is stored byte for byte.
    ServerConfig server;
    server.bodyBudgetBytes = 1024 * 1024;
    start(server);
    std::vector<std::unique_ptr<RawClient>> clients;
    QList<QByteArray> bodies;
    for (int i = 0; i < 6; ++i) {
        QByteArray body(3 * 1024 * 1024, char('a' + i));
        body.replace(0, 8, QByteArray::number(10000000 + i));
        bodies.append(body);
        clients.push_back(std::make_unique<RawClient>(m_endpoint->port()));
        QVERIFY(clients.back()->connected);
        clients.back()->send(post("/up/" + QByteArray::number(i), body));
    }
    for (const auto& client : clients)
        QTRY_VERIFY_WITH_TIMEOUT(client->received.startsWith("HTTP/1.1 200"), timeoutMs);
    const QList<Capture> captures = stored();
    QCOMPARE(captures.size(), 6);
    for (const Capture& capture : captures) {
        const int i = capture.target.mid(4).toInt();
        QCOMPARE(capture.body.size(), bodies.at(i).size());
        QVERIFY(capture.body == bodies.at(i));
    }
}

void TestEndpointLimits::smallRequestsCountInTheBudget()
{
    // Eight clients pipeline 32 requests of 48 KiB each (12 MiB in all) while nothing is committed. Small bodies
    // proceed over the budget only on a connection with no answer pending, so what the server holds stays
    // near the 1 MiB budget (each connection may add one more request before it waits), not 12 MiB. Once the
    // store keeps up, every request is answered.
    ServerConfig config;
    config.port = 0;
    config.bodyBudgetBytes = 1024 * 1024;
    constexpr int connections = 8;
    constexpr int perConnection = 32;
    const qint64 slack = connections * 4 * config.smallBodyBytes; // one request and one read each, twice over
    HeldSink sink;
    CaptureServer server(config, &sink, 1);
    QVERIFY_EXPECTED(server.start());
    std::vector<std::unique_ptr<RawClient>> clients;
    for (int c = 0; c < connections; ++c) {
        clients.push_back(std::make_unique<RawClient>(server.serverPort()));
        QVERIFY(clients.back()->connected);
        QByteArray burst;
        for (int i = 0; i < perConnection; ++i)
            burst += post("/small/" + QByteArray::number(c * perConnection + i), QByteArray(48 * 1024, 'x'));
        clients.back()->send(burst);
    }
    qint64 most = 0;
    QElapsedTimer clock;
    clock.start();
    while (clock.elapsed() < 1500) {
        QTest::qWait(5);
        most = qMax(most, server.bodyBytesInFlight());
    }
    QVERIFY2(most > config.bodyBudgetBytes, qPrintable(QString::number(most))); // the budget was reached
    QVERIFY2(most <= config.bodyBudgetBytes + slack,
             qPrintable(u"%1 held, bound %2"_s.arg(most).arg(config.bodyBudgetBytes + slack)));
    const auto answered = [&] {
        sink.release();
        int total = 0;
        for (const auto& client : clients)
            total += int(client->received.count("HTTP/1.1 200 "));
        return total;
    };
    QTRY_COMPARE_WITH_TIMEOUT(answered(), connections * perConnection, timeoutMs);
    QCOMPARE(server.bodyBytesInFlight(), 0);
}

namespace {
// One POST over a blocking socket (from a thread of its own); true when it was answered 200.
bool postBlocking(quint16 port, const QByteArray& request)
{
    const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in address = {};
    address.sin_family = AF_INET;
    address.sin_port = htons(port);
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    bool ok = ::connect(fd, reinterpret_cast<const sockaddr*>(&address), sizeof address) == 0;
    for (qsizetype sent = 0; ok && sent < request.size();) {
        const ssize_t n = ::send(fd, request.constData() + sent, size_t(request.size() - sent), MSG_NOSIGNAL);
        ok = n > 0;
        sent += n > 0 ? n : 0;
    }
    QByteArray answer;
    char buffer[4096];
    while (ok && !answer.contains("\r\n\r\n")) {
        const ssize_t n = ::recv(fd, buffer, sizeof buffer, 0);
        ok = n > 0;
        answer.append(buffer, n > 0 ? n : 0);
    }
    ::close(fd);
    return ok && answer.startsWith("HTTP/1.1 200 ");
}
} // namespace

void TestEndpointLimits::handOffIsBoundedWhileTheOwnerIsBusy()
{
    // The thread that owns the endpoint is busy (as listen's is when its output pipe is full) while 96 bodies of
    // 1 MiB are stored: at most CaptureHandoff::maxBodyBytes of them wait for it, the rest are read back from the
    // store when it is free, and it still sees every capture, whole and in the order they were stored.
    start(ServerConfig());
    constexpr int count = 96;
    const auto body = [](int i) -> QByteArray {
        return QByteArray::number(1000 + i) + QByteArray(1024 * 1024 - 4, char('a' + i % 26));
    };
    std::atomic<int> answered = 0;
    std::thread poster([port = m_endpoint->port(), &answered, &body] {
        for (int i = 0; i < count; ++i) {
            if (!postBlocking(port, post("/big/" + QByteArray::number(i), body(i))))
                return;
            ++answered;
        }
    });
    QList<Capture> seen;
    qint64 waitingWhileBusy = -1;
    bool busy = true;
    connect(m_endpoint.get(), &Endpoint::capturesStored, this, [&](const QList<Capture>& captures) {
        if (std::exchange(busy, false)) {
            QElapsedTimer clock;
            clock.start();
            while (answered < count && clock.elapsed() < 60000)
                QThread::msleep(10);
            waitingWhileBusy = m_endpoint->bodyBytesWaiting();
        }
        seen += captures;
    });
    QTRY_COMPARE_WITH_TIMEOUT(seen.size(), count, 90000);
    poster.join();
    QCOMPARE(answered.load(), count);
    QVERIFY2(waitingWhileBusy > 0 && waitingWhileBusy <= CaptureHandoff::maxBodyBytes,
             qPrintable(QString::number(waitingWhileBusy)));
    QCOMPARE(m_endpoint->bodyBytesWaiting(), 0);
    for (int i = 0; i < count; ++i) {
        QCOMPARE(seen.at(i).target, "/big/" + QByteArray::number(i));
        QVERIFY(seen.at(i).body == body(i));
        QVERIFY(i == 0 || seen.at(i).id > seen.at(i - 1).id);
    }
}

void TestEndpointLimits::tokenMethodsAnsweredByRules()
{
    ServerConfig server;
    const Expected<ResponseRules> rules = ResponseRules::fromJson(
        R"({"rules": [{"method": "QUERY", "path": "/q", "status": 207}, {"method": "FOO-BAR", "status": 418}]})");
    QVERIFY_EXPECTED(rules);
    server.rules = *rules;
    start(server);
    RawClient client(m_endpoint->port());
    client.send("QUERY /q HTTP/1.1\r\nHost: h\r\nContent-Length: 3\r\n\r\nabc"
                "FOO-BAR /x HTTP/1.1\r\nHost: h\r\n\r\n");
    QTRY_COMPARE_WITH_TIMEOUT(client.answers(), 2, timeoutMs);
    QVERIFY2(client.received.startsWith("HTTP/1.1 207"), client.received.left(100).constData());
    QVERIFY(client.received.contains("HTTP/1.1 418"));
    const QList<Capture> captures = stored();
    QCOMPARE(captures.size(), 2);
    QCOMPARE(captures.at(0).method, QByteArray("QUERY"));
    QCOMPARE(captures.at(0).body, QByteArray("abc"));
    QVERIFY(captures.at(0).rawHead.startsWith("QUERY /q HTTP/1.1\r\n"));
    QCOMPARE(captures.at(1).method, QByteArray("FOO-BAR"));
    QCOMPARE(captures.at(1).responseStatus, 418);
}

void TestEndpointLimits::refusalOverTheCapIsDelivered()
{
    ServerConfig server;
    server.maxConnections = 1;
    start(server);
    RawClient holder(m_endpoint->port());
    holder.send(post("/hold", "{}"));
    QTRY_COMPARE_WITH_TIMEOUT(holder.answers(), 1, timeoutMs);
    // Over the cap, a client that sends a large body still reads the whole 503: the refusing side
    // drains what it sends instead of resetting the connection.
    for (int round = 0; round < 3; ++round) {
        RawClient refused(m_endpoint->port());
        refused.send(post("/big", QByteArray(4 * 1024 * 1024, 'b')));
        QTRY_VERIFY_WITH_TIMEOUT(refused.received.contains("too many connections (limit 1)"), timeoutMs);
        QVERIFY(refused.received.startsWith("HTTP/1.1 503"));
        QTRY_VERIFY_WITH_TIMEOUT(refused.closed(), timeoutMs);
    }
}

void TestEndpointLimits::connectionCapBelowFileLimit()
{
    QCOMPARE(CaptureServer::connectionCapFor(1024, 1024), 1024 - 64 - 32);
    QCOMPARE(CaptureServer::connectionCapFor(1024, 1 << 20), 1024);
    QCOMPARE(CaptureServer::connectionCapFor(100, 4096), 100);
    QCOMPARE(CaptureServer::connectionCapFor(1024, 50), 1);
}

void TestEndpointLimits::acceptsAgainAfterRunningOutOfFiles()
{
    start(ServerConfig {});
    const quint16 port = m_endpoint->port();
    struct rlimit saved = {};
    QCOMPARE(::getrlimit(RLIMIT_NOFILE, &saved), 0);
    // Use up every descriptor but one, which the client's socket takes: the server's accept fails
    // with EMFILE and Qt stops accepting.
    QTcpSocket client;
    std::vector<int> fillers;
    struct rlimit low = saved;
    low.rlim_cur = 256;
    QCOMPARE(::setrlimit(RLIMIT_NOFILE, &low), 0);
    for (int fd = ::open("/dev/null", O_RDONLY); fd >= 0; fd = ::open("/dev/null", O_RDONLY))
        fillers.push_back(fd);
    ::close(fillers.back());
    fillers.pop_back();
    client.connectToHost(QHostAddress(QHostAddress::LocalHost), port);
    QVERIFY(client.waitForConnected(timeoutMs));
    QByteArray answer;
    client.write("GET /after-emfile HTTP/1.1\r\nHost: h\r\n\r\n");
    client.waitForReadyRead(500); // nothing: the server has no descriptor for the connection
    answer += client.readAll();
    QVERIFY(answer.isEmpty());
    for (int fd : fillers)
        ::close(fd);
    QCOMPARE(::setrlimit(RLIMIT_NOFILE, &saved), 0);
    while (!answer.contains("\r\n\r\n") && client.waitForReadyRead(timeoutMs))
        answer += client.readAll();
    QVERIFY2(answer.startsWith("HTTP/1.1 200"), answer.constData());
}

QTEST_GUILESS_MAIN(TestEndpointLimits)
#include "TestEndpointLimits.moc"

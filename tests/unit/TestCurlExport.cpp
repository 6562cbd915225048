// SPDX-License-Identifier: MIT
// "Copy as curl" is exact: each generated command is run with bash against a local QTcpServer and the
// request it receives is compared with the capture byte for byte.
#include <QCryptographicHash>
#include <QProcess>
#include <QStandardPaths>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTemporaryFile>
#include <QTest>

#include "CaptureChecks.h"
#include "export/CurlExport.h"

using namespace Qt::StringLiterals;

Q_DECLARE_METATYPE(Capture)

namespace {

Capture make(const QByteArray& method, const QByteArray& target, const HttpHeaders& headers, const QByteArray& body)
{
    Capture capture;
    capture.method = method;
    capture.target = target;
    capture.httpVersion = "HTTP/1.1";
    capture.headers = headers;
    capture.body = body;
    return capture;
}

// One HTTP/1.x request read off a socket: enough parsing to check what curl sent.
struct Received
{
    QByteArray method;
    QByteArray target;
    QByteArray version;
    HttpHeaders headers;
    QByteArray body;
    bool complete = false;

    void parse(const QByteArray& data)
    {
        const qsizetype headEnd = data.indexOf("\r\n\r\n");
        if (headEnd < 0)
            return;
        const QList<QByteArray> lines = data.left(headEnd).split('\n');
        const QList<QByteArray> requestLine = lines.first().trimmed().split(' ');
        if (requestLine.size() != 3)
            return;
        method = requestLine[0];
        target = requestLine[1];
        version = requestLine[2];
        headers.clear();
        for (qsizetype i = 1; i < lines.size(); ++i) {
            QByteArray line = lines[i];
            line.chop(line.endsWith('\r') ? 1 : 0);
            const qsizetype colon = line.indexOf(':');
            headers.append({line.left(colon), line.mid(colon + 1).trimmed()});
        }
        const QByteArray rest = data.mid(headEnd + 4);
        if (headerValue(headers, "transfer-encoding").contains("chunked")) {
            body.clear();
            qsizetype pos = 0;
            for (;;) {
                const qsizetype lineEnd = rest.indexOf("\r\n", pos);
                if (lineEnd < 0)
                    return;
                bool ok = false;
                const qsizetype size = rest.mid(pos, lineEnd - pos).toLongLong(&ok, 16);
                if (!ok)
                    return;
                if (size == 0) {
                    complete = rest.indexOf("\r\n\r\n", lineEnd) >= 0 || rest.mid(lineEnd).startsWith("\r\n\r\n");
                    return;
                }
                if (rest.size() < lineEnd + 2 + size + 2)
                    return;
                body += rest.mid(lineEnd + 2, size);
                pos = lineEnd + 2 + size + 2;
            }
        }
        const qsizetype length = headerValue(headers, "content-length").toLongLong();
        if (rest.size() < length)
            return;
        body = rest.left(length);
        complete = true;
    }
};

} // namespace

class TestCurlExport final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void replay_data();
    void replay();
    void quoting_data();
    void quoting();

private:
    QString m_curl;
    QString m_bash;
};

void TestCurlExport::initTestCase()
{
    m_curl = QStandardPaths::findExecutable(u"curl"_s);
    m_bash = QStandardPaths::findExecutable(u"bash"_s);
    if (m_curl.isEmpty() || m_bash.isEmpty())
        QSKIP("curl and bash are needed to run the exported commands (packaging/install-deps.sh --tests)");
}

void TestCurlExport::replay_data()
{
    QTest::addColumn<Capture>("capture");
    const HttpHeaders json {{"Host", "127.0.0.1"},
                            {"User-Agent", "FirmApp/1.0"},
                            {"Content-Type", "application/json"},
                            {"Content-Length", "0"}};
    auto withLength = [](Capture capture) {
        for (HttpHeader& header : capture.headers) {
            if (header.first.compare("content-length", Qt::CaseInsensitive) == 0)
                header.second = QByteArray::number(capture.body.size());
        }
        return capture;
    };

    QTest::newRow("json") << withLength(
        make("POST", "/hooks?x=1", json, "{\"a\":\"h\xC3\xA9llo \xE2\x82\xAC\",\"b\":[1,2]}"));
    QTest::newRow("shell metacharacters") << withLength(
        make("POST", "/s", json, "it's $HOME `id` $(id) \\n \"q\" !! \n\ttab\nlast line without newline"));
    QTest::newRow("starts with @") << withLength(make("POST", "/at", json, "@/etc/passwd"));
    QTest::newRow("binary all bytes") << withLength(
        make("POST", "/bin", {{"Content-Type", "application/octet-stream"}, {"Content-Length", ""}},
             allBytes().repeated(3)));
    QTest::newRow("nul bytes") << withLength(make("PUT", "/nul", {{"Content-Length", ""}}, QByteArray("a\0b\0", 4)));
    QTest::newRow("carriage returns") << withLength(make("POST", "/cr", {{"Content-Length", ""}}, "line\r\nline\r"));
    QTest::newRow("invalid utf-8") << withLength(make("POST", "/u", {{"Content-Length", ""}}, "caf\xE9"));
    QTest::newRow("large binary") << withLength(
        make("POST", "/large", {{"Content-Length", ""}, {"Content-Type", "application/octet-stream"}},
             QCryptographicHash::hash("seed", QCryptographicHash::Sha512).repeated(6000)));
    QTest::newRow("large text") << withLength(
        make("POST", "/large-text", {{"Content-Length", ""}}, QByteArray("abc'def\n").repeated(40000)));
    QTest::newRow("get, no body") << make("GET", "/status?a=%20b&c[]=d", {{"Accept", "text/plain"}}, QByteArray());
    QTest::newRow("dot segments") << make("GET", "/a/../b/./c//d", {}, QByteArray());
    QTest::newRow("headers: order, case, duplicates, empty") << withLength(make("POST", "/h",
                                                                                {{"x-first", "1"},
                                                                                 {"X-Dup", "a"},
                                                                                 {"x-dup", "b"},
                                                                                 {"X-Empty", ""},
                                                                                 {"X-Quote", "it's \"so\""},
                                                                                 {"X-Latin1", "caf\xE9"},
                                                                                 {"Content-Length", ""},
                                                                                 {"X-Last", "z"}},
                                                                                "body"));
    QTest::newRow("chunked") << make(
        "POST", "/chunked", {{"Transfer-Encoding", "chunked"}, {"Content-Type", "text/plain"}}, "chunked body");
    Capture http10 = withLength(make("POST", "/old", {{"Content-Length", ""}}, "x=1"));
    http10.httpVersion = "HTTP/1.0";
    QTest::newRow("http/1.0") << http10;
    QTest::newRow("delete with body") << withLength(make("DELETE", "/d", {{"Content-Length", ""}}, "{}"));
}

void TestCurlExport::replay()
{
    QFETCH(Capture, capture);
    QTcpServer server;
    QVERIFY(server.listen(QHostAddress::LocalHost));
    QByteArray data;
    Received received;
    connect(&server, &QTcpServer::newConnection, this, [&] {
        QTcpSocket* socket = server.nextPendingConnection();
        connect(socket, &QTcpSocket::readyRead, socket, [&, socket] {
            data += socket->readAll();
            received.parse(data);
            if (received.complete) {
                socket->write("HTTP/1.1 204 No Content\r\nConnection: close\r\n\r\n");
                socket->disconnectFromHost();
            }
        });
    });

    const QString command = CurlExport::command(capture, u"http://127.0.0.1:"_s + QString::number(server.serverPort()));
    // Run from a script file, as a paste into a terminal would: a large body exceeds one exec argument.
    QTemporaryFile script;
    QVERIFY(script.open());
    script.write("set -o pipefail\n" + command.toUtf8());
    script.close();
    QProcess bash;
    bash.start(m_bash, {script.fileName()});
    QTRY_VERIFY_WITH_TIMEOUT(bash.state() == QProcess::NotRunning, 30000);
    QVERIFY2(bash.exitCode() == 0,
             qPrintable(command.left(2000) + u'\n' + QString::fromUtf8(bash.readAllStandardError())));
    QVERIFY2(received.complete, qPrintable(command.left(2000)));

    QCOMPARE(received.method, capture.method);
    QCOMPARE(received.target, capture.target);
    QCOMPARE(received.version, capture.httpVersion);
    QCOMPARE(received.body.size(), capture.body.size());
    QCOMPARE(QCryptographicHash::hash(received.body, QCryptographicHash::Sha256),
             QCryptographicHash::hash(capture.body, QCryptographicHash::Sha256));
    // curl writes Host first; every other header comes in the captured order.
    HttpHeaders expected = capture.headers;
    HttpHeaders actual = received.headers;
    auto removeHost = [](HttpHeaders& headers) {
        headers.removeIf([](const HttpHeader& h) { return h.first.compare("host", Qt::CaseInsensitive) == 0; });
    };
    QCOMPARE(headerValue(actual, "host"),
             headerValue(expected, "host").isEmpty() ? QByteArray() : headerValue(expected, "host"));
    removeHost(expected);
    removeHost(actual);
    QCOMPARE(actual, expected);
}

void TestCurlExport::quoting_data()
{
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<QByteArray>("quoted");
    QTest::newRow("bare") << QByteArray("abc-1.2/x:y") << QByteArray("abc-1.2/x:y");
    QTest::newRow("space") << QByteArray("a b") << QByteArray("'a b'");
    QTest::newRow("single quote") << QByteArray("it's") << QByteArray("'it'\\''s'");
    QTest::newRow("utf-8") << QByteArray("\xE2\x82\xAC") << QByteArray("'\xE2\x82\xAC'");
    QTest::newRow("not utf-8") << QByteArray("caf\xE9'\\") << QByteArray("$'caf\\xe9\\'\\\\'");
    QTest::newRow("control") << QByteArray("a\rb") << QByteArray("$'a\\x0db'");
    QTest::newRow("empty") << QByteArray() << QByteArray("''");
}

void TestCurlExport::quoting()
{
    QFETCH(QByteArray, bytes);
    QFETCH(QByteArray, quoted);
    QCOMPARE(CurlExport::shellQuote(bytes), quoted);
    if (m_bash.isEmpty())
        return;
    // bash must turn the word back into the same bytes.
    QProcess bash;
    bash.start(m_bash, {u"-c"_s, u"printf '%s' "_s + QString::fromUtf8(quoted)});
    QVERIFY(bash.waitForFinished(10000));
    QCOMPARE(bash.readAllStandardOutput(), bytes);
}

QTEST_GUILESS_MAIN(TestCurlExport)
#include "TestCurlExport.moc"

// SPDX-License-Identifier: MIT
// Written files must pass the HAR 1.2 JSON schema, as checked by the npm package har-validator.
#include <QDir>
#include <QFile>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include "har/HarReader.h"
#include "har/HarWriter.h"

using namespace Qt::StringLiterals;

class TestHarValidator final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void writtenFileIsValid();
    void importedFilesSaveValid();
    void brokenFileIsRejected();

private:
    // Runs validate-har.js on path; returns its exit code and puts its output in output.
    int validate(const QString& path, QByteArray& output);

    QString m_node;
    QString m_helpers;
    QTemporaryDir m_dir;
};

void TestHarValidator::initTestCase()
{
    m_node = QStandardPaths::findExecutable(u"node"_s);
    if (m_node.isEmpty())
        QSKIP("node is not installed: the HAR schema check needs Node.js and npm (packaging/install-deps.sh --tests)");
    m_helpers = QDir(QStringLiteral(HOOKBENCH_TEST_DATA_DIR)).absoluteFilePath(u"../har"_s);
    QVERIFY(QFile::exists(m_helpers + u"/validate-har.js"));
    if (!QFile::exists(m_helpers + u"/node_modules/har-validator/package.json")) {
        const QString npm = QStandardPaths::findExecutable(u"npm"_s);
        QVERIFY2(!npm.isEmpty(), "node is installed but npm is not: cannot install har-validator");
        QProcess install;
        install.setWorkingDirectory(m_helpers);
        install.start(npm, {u"install"_s, u"--no-audit"_s, u"--no-fund"_s, u"--loglevel=error"_s});
        QVERIFY(install.waitForFinished(240000));
        QVERIFY2(install.exitCode() == 0, install.readAllStandardError().constData());
    }
    QVERIFY(m_dir.isValid());
}

int TestHarValidator::validate(const QString& path, QByteArray& output)
{
    QProcess node;
    node.start(m_node, {m_helpers + u"/validate-har.js", path});
    if (!node.waitForFinished(60000))
        return -1;
    output = node.readAllStandardOutput() + node.readAllStandardError();
    return node.exitCode();
}

void TestHarValidator::writtenFileIsValid()
{
    QList<Capture> captures;
    auto add = [&captures](const QByteArray& method, const QByteArray& target, const HttpHeaders& headers,
                           const QByteArray& body) {
        Capture capture;
        capture.id = captures.size() + 1;
        capture.method = method;
        capture.target = target;
        capture.httpVersion = "HTTP/1.1";
        capture.headers = headers;
        capture.body = body;
        capture.rawHead = method + ' ' + target + " HTTP/1.1\r\n\r\n";
        capture.peerAddress = u"127.0.0.1"_s;
        capture.peerPort = 40000;
        capture.receivedAt = QDateTime(QDate(2026, 1, 2), QTime(3, 4, 5, 678), Qt::UTC);
        capture.completedAt = capture.receivedAt.addMSecs(12);
        capture.responseStatus = 200;
        captures.append(capture);
        return &captures.last();
    };
    add("POST", "/hook?a=1&b=%C3%A9", {{"Host", "localhost:8787"}, {"Content-Type", "application/json"}}, "{\"x\":1}");
    add("POST", "/bin", {{"Content-Type", "application/octet-stream"}}, QByteArray("\x00\xFF\xFE binary", 10));
    add("GET", "/empty", {}, QByteArray());
    add("POST", "/odd target with spaces/\xE2\x82\xAC/\xFF", {{"Host", "not a host"}, {"X-Bin", "\xFF"}}, "a");
    add("OPTIONS", "*", {{"Cookie", "a=1; b"}}, QByteArray());
    Capture* malformed = add("B@D", "/", {}, "x");
    malformed->malformedReason = u"Invalid method"_s;
    malformed->responseStatus = 400;
    malformed->receivedAt = QDateTime();
    Capture* trailers = add("POST", "/t", {{"Transfer-Encoding", "chunked"}}, "chunk");
    trailers->trailers = {{"X-T", "1"}};
    trailers->note = u"a note"_s;
    trailers->responseStatus = 0;

    const QString path = m_dir.filePath(u"written.har"_s);
    const auto error = HarWriter::writeFile(path, captures);
    QVERIFY2(error.has_value(), qPrintable(error.has_value() ? QString() : error.error().text()));
    QByteArray output;
    const int code = validate(path, output);
    QVERIFY2(code == 0, output.constData());
    QVERIFY(output.contains("\"valid\":true"));
}

void TestHarValidator::importedFilesSaveValid()
{
    // Whatever other tools wrote, once opened and saved by Hookbench it is valid HAR 1.2.
    QList<Capture> captures;
    const QDir fixtures(QStringLiteral(HOOKBENCH_TEST_DATA_DIR "/har"));
    for (const QString& name : fixtures.entryList({u"*.har"_s}, QDir::Files)) {
        const HarExpected<HarLog> log = HarReader::readFile(fixtures.filePath(name));
        QVERIFY2(log.has_value(), qPrintable(name));
        for (const HarEntry& entry : log->entries)
            captures.append(entry.capture);
    }
    QVERIFY(captures.size() >= 20);
    const QString path = m_dir.filePath(u"imported.har"_s);
    const auto error = HarWriter::writeFile(path, captures);
    QVERIFY2(error.has_value(), qPrintable(error.has_value() ? QString() : error.error().text()));
    QByteArray output;
    const int code = validate(path, output);
    QVERIFY2(code == 0, output.constData());
}

void TestHarValidator::brokenFileIsRejected()
{
    // The check itself must be able to fail: an entry without its request is invalid.
    QByteArray har = HarWriter::toBytes({Capture {}});
    const qsizetype request = har.indexOf("\"request\"");
    QVERIFY(request > 0);
    har.replace(request, 9, "\"requesT\"");
    const QString path = m_dir.filePath(u"broken.har"_s);
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(har);
    file.close();
    QByteArray output;
    QCOMPARE(validate(path, output), 1);
    QVERIFY2(output.contains("request"), output.constData());
}

QTEST_GUILESS_MAIN(TestHarValidator)
#include "TestHarValidator.moc"

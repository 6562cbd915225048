// SPDX-License-Identifier: MIT
// `hookbench show FILE --events [--json]` and `--schemas [--json]` on a HAR file written by Hookbench: the
// exact lines, stable names, exit codes and payload problems on standard error.
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

#include "ExpectedChecks.h"
#include "har/HarWriter.h"
#include "json/JsonReader.h"

using namespace Qt::StringLiterals;

namespace {

Capture firm(qint64 id, const QByteArray& events)
{
    Capture capture;
    capture.id = id;
    capture.method = "POST";
    capture.target = "/hooks/firm";
    capture.httpVersion = "HTTP/1.1";
    capture.headers = {{"Content-Type", "application/json"}};
    capture.body = R"({"payload":{"date":"2024-11-08T21:49:46.733Z","events":[)" + events + R"(]},"signature":"x"})";
    capture.receivedAt = QDateTime::fromMSecsSinceEpoch(1731102586733 + id * 1000, Qt::UTC);
    capture.completedAt = capture.receivedAt;
    capture.responseStatus = 200;
    return capture;
}

struct Run
{
    int exitCode = -1;
    QList<QByteArray> out;
    QByteArray err;
};

Run show(const QStringList& arguments)
{
    QProcess process;
    process.start(QStringLiteral(HOOKBENCH_BINARY), QStringList {u"show"_s} + arguments);
    Run run;
    if (!process.waitForFinished(60000))
        return run;
    run.exitCode = process.exitCode();
    run.out = process.readAllStandardOutput().split('\n');
    if (!run.out.isEmpty() && run.out.constLast().isEmpty())
        run.out.removeLast();
    run.err = process.readAllStandardError();
    return run;
}

} // namespace

class TestShowEvents final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void eventsAsJson();
    void eventsAsLines();
    void schemasAsJson();
    void schemasAsLines();
    void usageAndHelp();

private:
    QTemporaryDir m_dir;
    QString m_file;
};

void TestShowEvents::initTestCase()
{
    QVERIFY(m_dir.isValid());
    m_file = m_dir.filePath(u"session.har"_s);
    Capture notFirm = firm(4, {});
    notFirm.body = "plain text";
    const QList<Capture> captures {
        firm(1,
             R"({"action":"create","schema":"user","docId":"u1","docUpdatedDate":"2024-11-08T10:00:00.000Z",)"
             R"("diff":{"name":"Sam","n":12345678901234567890123}})"),
        firm(2,
             R"({"action":"update","schema":"user","docId":"u1","docUpdatedDate":"2024-11-08T11:00:00.000Z",)"
             R"("diff":{"name":"Sam Smith","address":{"city":"Oslo"}}},)"
             R"({"action":"update","schema":"invoice","docId":"i1","docUpdatedDate":"2024-11-08T11:00:00.000Z",)"
             R"("diff":{"total":9.5}})"),
        firm(3,
             R"({"action":"update","schema":"user","docId":"u1","docUpdatedDate":"2024-11-08T11:00:00.000Z",)"
             R"("diff":{"name":"Sam Smith","address":{"city":"Oslo"}}},)"
             R"({"action":"delete","schema":"user","docId":"u1","docUpdatedDate":"2024-11-08T12:00:00.000Z"},)"
             R"({"action":"update","schema":"user","docId":17})"),
        notFirm};
    QVERIFY_EXPECTED(HarWriter::writeFile(m_file, captures));
}

void TestShowEvents::eventsAsJson()
{
    const Run run = show({m_file, u"--events"_s, u"--json"_s});
    QCOMPARE(run.exitCode, 0);
    const QList<QByteArray> expected {
        R"({"captureId":1,"index":0,"action":"create","schema":"user","docId":"u1","docUpdatedDate":"2024-11-08T10:00:00.000Z",)"
        R"("changes":[{"path":"name","beforeKnown":true,"after":"Sam","kind":"added"},)"
        R"({"path":"n","beforeKnown":true,"after":12345678901234567890123,"kind":"added"}],"flags":[]})",
        R"({"captureId":2,"index":0,"action":"update","schema":"user","docId":"u1","docUpdatedDate":"2024-11-08T11:00:00.000Z",)"
        R"("changes":[{"path":"name","beforeKnown":true,"before":"Sam","after":"Sam Smith","kind":"changed"},)"
        R"({"path":"address","beforeKnown":true,"after":{"city":"Oslo"},"kind":"added"}],"flags":["new_field"]})",
        R"({"captureId":2,"index":1,"action":"update","schema":"invoice","docId":"i1","docUpdatedDate":"2024-11-08T11:00:00.000Z",)"
        R"("changes":[{"path":"total","beforeKnown":false,"after":9.5,"kind":"changed"}],"flags":["unknown_document"]})",
        R"({"captureId":3,"index":0,"action":"update","schema":"user","docId":"u1","docUpdatedDate":"2024-11-08T11:00:00.000Z",)"
        R"("changes":[{"path":"name","beforeKnown":true,"before":"Sam Smith","after":"Sam Smith","kind":"unchanged_but_sent"},)"
        R"({"path":"address","beforeKnown":true,"before":{"city":"Oslo"},"after":{"city":"Oslo"},"kind":"unchanged_but_sent"}],)"
        R"("flags":["duplicate"]})",
        R"({"captureId":3,"index":1,"action":"delete","schema":"user","docId":"u1","docUpdatedDate":"2024-11-08T12:00:00.000Z",)"
        R"("changes":[{"path":"name","beforeKnown":true,"before":"Sam Smith","kind":"removed"},)"
        R"({"path":"n","beforeKnown":true,"before":12345678901234567890123,"kind":"removed"},)"
        R"({"path":"address","beforeKnown":true,"before":{"city":"Oslo"},"kind":"removed"}],"flags":[]})"};
    QCOMPARE(run.out, expected);
    for (const QByteArray& line : run.out)
        QVERIFY2(JsonReader::read(line).ok(), line.constData());
    QCOMPARE(run.err,
             QByteArray("hookbench show: " + m_file.toLocal8Bit()
                        + ": capture 3: payload.events[2].docId: expected a string, found a number\n"));
}

void TestShowEvents::eventsAsLines()
{
    const Run run = show({m_file, u"--events"_s});
    QCOMPARE(run.exitCode, 0);
    QCOMPARE(run.out.size(), 5);
    QCOMPARE(run.out.at(0),
             QByteArray(R"(1.0  create  user/u1  2024-11-08T10:00:00.000Z  name (none) -> "Sam" (added); )"
                        R"(n (none) -> 12345678901234567890123 (added))"));
    QCOMPARE(
        run.out.at(2),
        QByteArray("2.1  update  invoice/i1  2024-11-08T11:00:00.000Z  total ? -> 9.5 (changed)  [unknown_document]"));
}

void TestShowEvents::schemasAsJson()
{
    const Run run = show({m_file, u"--schemas"_s, u"--json"_s});
    QCOMPARE(run.exitCode, 0);
    const QList<QByteArray> expected {
        R"({"schema":"user","events":4,"fields":[)"
        R"({"path":"name","types":["string"],"firstSeen":"2024-11-08T21:49:47.733Z","lastSeen":"2024-11-08T21:49:49.733Z","firstCaptureId":1,"lastCaptureId":3,"count":3},)"
        R"({"path":"n","types":["integer"],"firstSeen":"2024-11-08T21:49:47.733Z","lastSeen":"2024-11-08T21:49:47.733Z","firstCaptureId":1,"lastCaptureId":1,"count":1},)"
        R"({"path":"address","types":["object"],"firstSeen":"2024-11-08T21:49:48.733Z","lastSeen":"2024-11-08T21:49:49.733Z","firstCaptureId":2,"lastCaptureId":3,"count":2},)"
        R"({"path":"address.city","types":["string"],"firstSeen":"2024-11-08T21:49:48.733Z","lastSeen":"2024-11-08T21:49:49.733Z","firstCaptureId":2,"lastCaptureId":3,"count":2}],)"
        R"("truncated":false})",
        R"({"schema":"invoice","events":1,"fields":[)"
        R"({"path":"total","types":["number"],"firstSeen":"2024-11-08T21:49:48.733Z","lastSeen":"2024-11-08T21:49:48.733Z","firstCaptureId":2,"lastCaptureId":2,"count":1}],)"
        R"("truncated":false})"};
    QCOMPARE(run.out, expected);
}

void TestShowEvents::schemasAsLines()
{
    const Run run = show({m_file, u"--schemas"_s});
    QCOMPARE(run.exitCode, 0);
    QCOMPARE(run.out.value(0), QByteArray("user: 4 event(s), 4 field(s)"));
    QCOMPARE(run.out.value(1),
             QByteArray("  name  string  first 2024-11-08T21:49:47.733Z  last 2024-11-08T21:49:49.733Z  3 value(s)"));
    QCOMPARE(run.out.value(5), QByteArray("invoice: 1 event(s), 1 field(s)"));
}

void TestShowEvents::usageAndHelp()
{
    const Run both = show({m_file, u"--events"_s, u"--schemas"_s});
    QCOMPARE(both.exitCode, 2);
    QVERIFY(both.err.contains("cannot be combined"));
    const Run missing = show({m_dir.filePath(u"nope.har"_s), u"--events"_s});
    QCOMPARE(missing.exitCode, 2);
    const Run help = show({u"--help"_s});
    QCOMPARE(help.exitCode, 0);
    const QByteArray text = help.out.join('\n');
    QVERIFY(text.contains("--events") && text.contains("--schemas"));
    QProcess usage;
    usage.start(QStringLiteral(HOOKBENCH_BINARY), {u"--help"_s});
    QVERIFY(usage.waitForFinished(60000));
    QVERIFY(usage.readAllStandardOutput().contains("show FILE.har [--events | --schemas] [--json]"));
}

QTEST_GUILESS_MAIN(TestShowEvents)
#include "TestShowEvents.moc"

// SPDX-License-Identifier: MIT
// HAR files written by other tools import, and say so when they did not keep a body.
// Fixtures: tests/data/har/chromium-recorded.har was recorded by headless Chromium through
// playwright-core (tests/har/record-chromium-har.js); the others are hand-written after each tool's
// real output (Firefox devtools export, HTTP Toolkit export, Charles 4 "HTTP Archive", mitmproxy
// savehar, webhook.site "copy as HAR"), with the quirks listed in shared/reference/har-notes.md.
#include <QCryptographicHash>
#include <QTest>

#include "har/HarReader.h"

using namespace Qt::StringLiterals;

namespace {

QString fixture(const QString& name)
{
    return QStringLiteral(HOOKBENCH_TEST_DATA_DIR) + u"/har/" + name;
}

} // namespace

class TestHarImport final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void files_data();
    void files();
    void entries_data();
    void entries();
};

void TestHarImport::files_data()
{
    QTest::addColumn<QString>("file");
    QTest::addColumn<QString>("creator");
    QTest::addColumn<int>("entries");
    QTest::addColumn<int>("errors");

    QTest::newRow("chromium") << u"chromium-recorded.har"_s << u"Playwright"_s << 5 << 0;
    QTest::newRow("firefox") << u"firefox.har"_s << u"Firefox"_s << 4 << 0;
    QTest::newRow("http toolkit") << u"httptoolkit.har"_s << u"HTTP Toolkit"_s << 3 << 0;
    QTest::newRow("charles") << u"charles.har"_s << u"Charles Proxy"_s << 2 << 0;
    QTest::newRow("mitmproxy") << u"mitmproxy.har"_s << u"mitmproxy"_s << 3 << 0;
    QTest::newRow("webhook.site") << u"webhook-site.har"_s << u"Webhook.site"_s << 1 << 0;
}

void TestHarImport::files()
{
    QFETCH(QString, file);
    QFETCH(QString, creator);
    QFETCH(int, entries);
    QFETCH(int, errors);
    const HarExpected<HarLog> log = HarReader::readFile(fixture(file));
    QVERIFY2(log.has_value(), qPrintable(log.has_value() ? QString() : log.error().text()));
    QCOMPARE(log->creatorName, creator);
    QCOMPARE(log->entriesSeen, entries);
    QCOMPARE(log->entries.size(), entries);
    QCOMPARE(log->errors.size(), errors);
    for (const HarEntry& entry : log->entries) {
        QVERIFY(!entry.fromHookbench);
        QVERIFY(entry.capture.receivedAt.isValid());
        QVERIFY(entry.capture.target.startsWith('/'));
    }
}

void TestHarImport::entries_data()
{
    QTest::addColumn<QString>("file");
    QTest::addColumn<QByteArray>("target"); // finds the entry
    QTest::addColumn<QByteArray>("method");
    QTest::addColumn<QByteArray>("httpVersion");
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<bool>("bodyKept");
    QTest::addColumn<QString>("warning"); // a piece of the one expected warning; empty: none
    QTest::addColumn<QByteArray>("firstHeader"); // "Name: value" of the first header, empty: no headers
    QTest::addColumn<int>("headerCount");
    QTest::addColumn<int>("responseStatus");
    QTest::addColumn<QString>("receivedAt"); // ISO, UTC

    const QString notKept = u"body not kept by the tool that wrote this file"_s;

    // Chromium: text bodies as postData.text; the binary body written as "" with bodySize 256.
    QTest::newRow("chromium json")
        << u"chromium-recorded.har"_s << QByteArray("/hooks/json?source=chromium") << QByteArray("POST")
        << QByteArray("HTTP/1.1")
        << QByteArray("{\"event\":\"invoice.paid\",\"amount\":1999,\"note\":\"h\xC3\xA9llo \xE2\x82\xAC\"}") << true
        << QString() << QByteArray("Accept: */*") << 17 << 204 << QString();
    QTest::newRow("chromium binary") << u"chromium-recorded.har"_s << QByteArray("/hooks/binary") << QByteArray("POST")
                                     << QByteArray("HTTP/1.1") << QByteArray() << false
                                     << u"entry 2: request.postData.text: "_s + notKept
            + u" (request.bodySize says 256 bytes)"
                                     << QByteArray("Accept: */*") << 16 << 204 << QString();
    QTest::newRow("chromium form") << u"chromium-recorded.har"_s << QByteArray("/hooks/form") << QByteArray("POST")
                                   << QByteArray("HTTP/1.1") << QByteArray("name=J%C3%BCrgen+%26+Co&q=a%2Bb+c") << true
                                   << QString() << QByteArray("Accept: */*") << 16 << 204 << QString();
    QTest::newRow("chromium put") << u"chromium-recorded.har"_s << QByteArray("/hooks/text") << QByteArray("PUT")
                                  << QByteArray("HTTP/1.1") << QByteArray("plain text body") << true << QString()
                                  << QByteArray("Accept: */*") << 16 << 204 << QString();

    // Firefox: nulls in bodySize, headersSize, time and timings; an offset in startedDateTime.
    QTest::newRow("firefox json") << u"firefox.har"_s << QByteArray("/hooks/order?id=17&state=paid")
                                  << QByteArray("POST") << QByteArray("HTTP/1.1")
                                  << QByteArray("{\"order\":17,\"total\":\"12.50\",\"currency\":\"EUR\"}") << true
                                  << QString() << QByteArray("Host: localhost:8787") << 4 << 200
                                  << u"2024-07-15T08:21:18.245Z"_s;
    QTest::newRow("firefox nulls") << u"firefox.har"_s << QByteArray("/status") << QByteArray("GET")
                                   << QByteArray("HTTP/1.1") << QByteArray() << true << QString()
                                   << QByteArray("Host: localhost:8787") << 2 << 204 << u"2024-07-15T08:21:19.001Z"_s;
    QTest::newRow("firefox discarded") << u"firefox.har"_s << QByteArray("/upload") << QByteArray("POST")
                                       << QByteArray("HTTP/1.1") << QByteArray() << false << notKept
                                       << QByteArray("Host: localhost:8787") << 2 << 200
                                       << u"2024-07-15T08:21:20.500Z"_s;
    QTest::newRow("firefox params") << u"firefox.har"_s << QByteArray("/form") << QByteArray("POST")
                                    << QByteArray("HTTP/1.1") << QByteArray("name=J\xC3\xBCrgen&city=K\xC3\xB6ln")
                                    << true << u"rebuilt from form parameters"_s << QByteArray("Host: localhost:8787")
                                    << 2 << 200 << QString();

    // HTTP Toolkit: binary bodies in _content (base64), duplicate header names kept, too-large bodies discarded.
    QTest::newRow("http toolkit binary") << u"httptoolkit.har"_s << QByteArray("/webhooks/stripe") << QByteArray("POST")
                                         << QByteArray("HTTP/1.1") << QByteArray::fromHex("00fffe80017fc0c1") << true
                                         << QString() << QByteArray("host: localhost:8000") << 4 << 200
                                         << u"2025-02-03T08:15:42.103Z"_s;
    QTest::newRow("http toolkit text") << u"httptoolkit.har"_s << QByteArray("/items/9?fields=a,b")
                                       << QByteArray("PATCH") << QByteArray("HTTP/1.1")
                                       << QByteArray("{\"name\":\"new\"}") << true << QString()
                                       << QByteArray("host: localhost:8000") << 3 << 204 << QString();
    QTest::newRow("http toolkit too large")
        << u"httptoolkit.har"_s << QByteArray("/big") << QByteArray("PUT") << QByteArray("HTTP/1.1") << QByteArray()
        << false << u"not kept by the tool that wrote this file (discarded:too-large)"_s
        << QByteArray("host: localhost:8000") << 1 << 413 << QString();

    // Charles: null mimeType, statusText and redirectURL.
    QTest::newRow("charles post") << u"charles.har"_s << QByteArray("/github") << QByteArray("POST")
                                  << QByteArray("HTTP/1.1")
                                  << QByteArray("{\"ref\":\"refs/heads/main\",\"commits\":[]}") << true << QString()
                                  << QByteArray("Host: 127.0.0.1:8787") << 4 << 202 << u"2024-11-20T14:03:11.512Z"_s;
    QTest::newRow("charles get") << u"charles.har"_s << QByteArray("/health") << QByteArray("GET")
                                 << QByteArray("HTTP/1.1") << QByteArray() << true << QString()
                                 << QByteArray("Host: 127.0.0.1:8787") << 1 << 200 << QString();

    // mitmproxy: postData only for POST/PUT/PATCH, as lossy text; microsecond timestamps.
    QTest::newRow("mitmproxy post") << u"mitmproxy.har"_s << QByteArray("/events") << QByteArray("POST")
                                    << QByteArray("HTTP/1.1") << QByteArray("{\"type\":\"ping\"}\n") << true
                                    << QString() << QByteArray("Host: hooks.internal:8080") << 3 << 200
                                    << u"2024-09-01T12:00:00.000Z"_s;
    QTest::newRow("mitmproxy delete body")
        << u"mitmproxy.har"_s << QByteArray("/events/42") << QByteArray("DELETE") << QByteArray("HTTP/1.1")
        << QByteArray() << false << u"request.postData: "_s + notKept << QByteArray("Host: hooks.internal:8080") << 2
        << 204 << QString();
    QTest::newRow("mitmproxy lossy") << u"mitmproxy.har"_s << QByteArray("/blob") << QByteArray("PUT")
                                     << QByteArray("HTTP/1.1")
                                     << QByteArray("\xEF\xBF\xBD\xEF\xBF\xBD"
                                                   "ab")
                                     << true << u"request.bodySize says 4"_s << QByteArray("Host: hooks.internal:8080")
                                     << 2 << 201 << QString();

    // webhook.site: no httpVersion, cookies, queryString, timings or cache.
    QTest::newRow("webhook.site") << u"webhook-site.har"_s
                                  << QByteArray("/0e5b4a2c-1f7e-4c55-9a3e-1b2c3d4e5f60?attempt=2") << QByteArray("POST")
                                  << QByteArray("HTTP/1.1")
                                  << QByteArray("{\"event\":\"document.updated\",\"id\":\"d_1\"}") << true
                                  << u"request.httpVersion: missing; HTTP/1.1 assumed"_s
                                  << QByteArray("content-type: application/json") << 3 << 200
                                  << u"2025-05-10T09:30:00.000Z"_s;
}

void TestHarImport::entries()
{
    QFETCH(QString, file);
    QFETCH(QByteArray, target);
    QFETCH(QByteArray, method);
    QFETCH(QByteArray, httpVersion);
    QFETCH(QByteArray, body);
    QFETCH(bool, bodyKept);
    QFETCH(QString, warning);
    QFETCH(QByteArray, firstHeader);
    QFETCH(int, headerCount);
    QFETCH(int, responseStatus);
    QFETCH(QString, receivedAt);

    const HarExpected<HarLog> log = HarReader::readFile(fixture(file));
    QVERIFY2(log.has_value(), qPrintable(log.has_value() ? QString() : log.error().text()));
    const HarEntry* found = nullptr;
    for (const HarEntry& entry : log->entries) {
        if (entry.capture.target == target) {
            QVERIFY2(!found, "two entries with the same target");
            found = &entry;
        }
    }
    QVERIFY2(found, target.constData());
    const Capture& capture = found->capture;
    QCOMPARE(capture.method, method);
    QCOMPARE(capture.httpVersion, httpVersion);
    QCOMPARE(capture.body, body);
    QCOMPARE(QCryptographicHash::hash(capture.body, QCryptographicHash::Sha256),
             QCryptographicHash::hash(body, QCryptographicHash::Sha256));
    QCOMPARE(found->bodyKept, bodyKept);
    QCOMPARE(capture.headers.size(), headerCount);
    if (headerCount > 0)
        QCOMPARE(capture.headers.first().first + ": " + capture.headers.first().second, firstHeader);
    QCOMPARE(capture.responseStatus, responseStatus);
    if (!receivedAt.isEmpty())
        QCOMPARE(capture.receivedAt.toString(Qt::ISODateWithMs), receivedAt);
    if (warning.isEmpty()) {
        QVERIFY2(found->warnings.isEmpty(), qPrintable(found->warnings.value(0).text()));
    } else {
        QCOMPARE(found->warnings.size(), 1);
        QVERIFY2(found->warnings.first().text().contains(warning), qPrintable(found->warnings.first().text()));
    }
}

QTEST_GUILESS_MAIN(TestHarImport)
#include "TestHarImport.moc"

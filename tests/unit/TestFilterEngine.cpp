// SPDX-License-Identifier: MIT
// The filter engine over a real session store: the same answers as the evaluator over the captures in memory,
// headers and bodies read only for the captures that need them, one session only, cancel, progress, errors.
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include "ExpectedChecks.h"
#include "FilterFixtures.h"
#include "filter/FilterEngine.h"
#include "filter/FilterParser.h"
#include "filter/FilterRecord.h"
#include "store/CaptureScan.h"

using namespace Qt::StringLiterals;

namespace {

FilterQuery parse(const QString& text)
{
    const FilterParseResult parsed = FilterParser::parse(text);
    if (!parsed.ok())
        qFatal("%s", qPrintable(parsed.error->toString()));
    return parsed.query;
}

FilterRunOptions utcOptions()
{
    FilterRunOptions options;
    options.context.now = FilterFixtures::now();
    options.context.zone = QTimeZone::utc();
    return options;
}

} // namespace

class TestFilterEngine final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void agreesWithTheEvaluator_data();
    void agreesWithTheEvaluator();
    void readsContentOnlyWhenNeeded();
    void switchesToReadingContentWithTheScan();
    void filtersOnlyNewArrivals();
    void reportsProgressAndCancels();
    void reportsStoreErrors();
    void scanKeepsHeadersExactly();

private:
    QTemporaryDir m_dir;
    QString m_path;
    qint64 m_session = 0; // the six fixtures, then 5,000 generated captures
    qint64 m_other = 0; // the six fixtures again, in another session
    QList<Capture> m_stored; // m_session's captures with their store ids
    QHash<qint64, FilterSignature> m_signatures;
};

void TestFilterEngine::initTestCase()
{
    QVERIFY(m_dir.isValid());
    m_path = m_dir.filePath(u"sessions.sqlite"_s);
    SessionStore store;
    QVERIFY_EXPECTED(store.open(m_path, SessionStore::Durability::Normal));
    m_session = *store.createSession(u"filtered"_s);
    m_other = *store.createSession(u"other"_s);
    QList<Capture> others = FilterFixtures::captures();
    for (Capture& capture : others)
        capture.sessionId = m_other;
    QVERIFY_EXPECTED(store.append(others));

    QList<Capture> captures = FilterFixtures::captures();
    const QHash<qint64, FilterSignature> fixtureSignatures = FilterFixtures::signatures();
    QList<FilterSignature> signatures;
    for (const Capture& capture : captures)
        signatures.append(fixtureSignatures.value(capture.id));
    // Generated captures: one in twenty a GET, one in seven with "needle" in its body, one in three with a header.
    for (int i = 0; i < 5000; ++i) {
        HttpHeaders headers {{"Content-Type", "application/json"}};
        if (i % 3 == 0)
            headers.append({"X-Delivery", QByteArray::number(i)});
        const QByteArray body = R"({"payload":{"events":[{"action":"update","schema":")"
            + QByteArray(i % 2 ? "user" : "invoice") + R"(","docId":"d)" + QByteArray::number(i) + "\"}]},\"n\":\""
            + (i % 7 == 0 ? "needle" : "hay") + "\"}";
        captures.append(FilterFixtures::capture(
            0, i % 20 == 0 ? "GET" : "POST", "/gen/" + QByteArray::number(i), i % 5 == 0 ? 500 : 200, headers, body,
            FilterFixtures::utc(2024, 11, 10, 11, 0).addSecs(i), u"10.1.0.%1"_s.arg(i % 250)));
        signatures.append(
            {i % 2 ? FilterSignatureState::Valid : FilterSignatureState::Invalid, SignatureScheme::FirmApp});
    }
    for (Capture& capture : captures)
        capture.sessionId = m_session;
    QVERIFY_EXPECTED(store.append(captures));
    m_stored = captures;
    for (qsizetype i = 0; i < captures.size(); ++i)
        m_signatures.insert(captures.at(i).id, signatures.at(i));
}

void TestFilterEngine::agreesWithTheEvaluator_data()
{
    QTest::addColumn<QString>("query");
    for (const char* query : {"",
                              "method:get",
                              "path:/gen/1*",
                              "status:5xx method:post",
                              "size:>100",
                              "sig:valid",
                              "-sig:invalid",
                              "scheme:github",
                              "schema:invoice",
                              "schema:user action:update doc:d1?",
                              "header:x-delivery",
                              "header:x-delivery=3*",
                              "-header:x-delivery",
                              "body:needle",
                              "needle",
                              "NEEDLE or push",
                              "method:get body:needle",
                              "method:get -needle",
                              "after:2024-11-10T11:30 before:-10m",
                              "peer:10.1.0.1?",
                              "peer:127.*",
                              "(method:get or status:500) -body:needle",
                              "firm",
                              "/gen/49"})
        QTest::newRow(query) << QString::fromUtf8(query);
}

void TestFilterEngine::agreesWithTheEvaluator()
{
    QFETCH(QString, query);
    const FilterQuery parsed = parse(query);
    const FilterRunResult result = FilterEngine::matchingIds(m_path, m_session, parsed, m_signatures, utcOptions());
    QVERIFY2(!result.error, qPrintable(result.error ? result.error->message : QString()));
    QVERIFY(!result.canceled);
    QCOMPARE(result.scanned, m_stored.size());

    const FilterEvaluator evaluator(parsed, utcOptions().context);
    QList<qint64> expected;
    for (const Capture& capture : std::as_const(m_stored)) {
        if (evaluator.matches(FilterRecord::of(capture, m_signatures.value(capture.id))))
            expected.append(capture.id);
    }
    QCOMPARE(result.ids, expected);
}

void TestFilterEngine::readsContentOnlyWhenNeeded()
{
    // Summary terms: no header or body is read.
    FilterRunResult result = FilterEngine::matchingIds(
        m_path, m_session, parse(u"method:post status:2xx path:/gen/*"_s), m_signatures, utcOptions());
    QVERIFY(!result.error);
    QCOMPARE(result.contentReads, 0);
    QVERIFY(!result.ids.isEmpty());

    // A body term behind a selective one: only the GETs' bodies are read, one by one.
    qint64 gets = 0;
    for (const Capture& capture : std::as_const(m_stored))
        gets += capture.method == "GET" ? 1 : 0;
    result
        = FilterEngine::matchingIds(m_path, m_session, parse(u"method:get body:needle"_s), m_signatures, utcOptions());
    QVERIFY(!result.error);
    QCOMPARE(result.contentReads, gets);
    QVERIFY(!result.bulkContent);
    QCOMPARE(result.ids.size(), 36); // i % 20 == 0 and i % 7 == 0 for i < 5000: multiples of 140

    // Free text found in the targets needs nothing more for those captures: only the six fixtures, whose targets
    // lack it, have their headers and bodies read.
    result = FilterEngine::matchingIds(m_path, m_session, parse(u"/gen/"_s), m_signatures, utcOptions());
    QCOMPARE(result.ids.size(), 5000);
    QCOMPARE(result.contentReads, 6);
}

void TestFilterEngine::switchesToReadingContentWithTheScan()
{
    const FilterRunResult result
        = FilterEngine::matchingIds(m_path, m_session, parse(u"body:needle"_s), m_signatures, utcOptions());
    QVERIFY(!result.error);
    QVERIFY(result.bulkContent);
    // Every capture needed its body, and each was read once.
    QCOMPARE(result.contentReads, m_stored.size());
    QCOMPARE(result.ids.size(), 1 + 715); // capture 4, and i % 7 == 0 for i < 5000
}

void TestFilterEngine::filtersOnlyNewArrivals()
{
    FilterRunOptions options = utcOptions();
    options.afterId = m_stored.at(100).id;
    const FilterRunResult result
        = FilterEngine::matchingIds(m_path, m_session, parse(u"method:get"_s), m_signatures, options);
    QVERIFY(!result.error);
    QCOMPARE(result.scanned, m_stored.size() - 101);
    QVERIFY(!result.ids.isEmpty());
    QVERIFY(result.ids.front() > options.afterId);
    // The other session's captures never appear.
    const FilterRunResult other = FilterEngine::matchingIds(m_path, m_other, parse(u"method:get"_s), {}, utcOptions());
    QCOMPARE(other.scanned, 6);
    QCOMPARE(other.ids.size(), 1);
    QVERIFY(!m_signatures.contains(other.ids.front()));
}

void TestFilterEngine::reportsProgressAndCancels()
{
    QList<qint64> reports;
    FilterRunOptions options = utcOptions();
    options.progress = [&reports](qint64 done, qint64 total) {
        reports.append(done);
        return total == 5006;
    };
    FilterRunResult result
        = FilterEngine::matchingIds(m_path, m_session, parse(u"method:get"_s), m_signatures, options);
    QVERIFY(!result.canceled);
    QCOMPARE(reports, QList<qint64>({4096, 5006}));

    reports.clear();
    options.progress = [&reports](qint64 done, qint64) {
        reports.append(done);
        return false;
    };
    result = FilterEngine::matchingIds(m_path, m_session, parse(u"needle"_s), m_signatures, options);
    QVERIFY(result.canceled);
    QVERIFY(result.ids.isEmpty());
    QCOMPARE(result.scanned, 4096);
    QCOMPARE(reports, QList<qint64>({4096}));
}

void TestFilterEngine::reportsStoreErrors()
{
    const FilterRunResult missing
        = FilterEngine::matchingIds(m_dir.filePath(u"absent.sqlite"_s), 1, parse(u"method:get"_s), {}, utcOptions());
    QVERIFY(missing.error);
    QVERIFY2(missing.error->message.startsWith(u"there is no store at"_s), qPrintable(missing.error->message));
    QVERIFY(!QFile::exists(m_dir.filePath(u"absent.sqlite"_s)));

    const QString notAStore = m_dir.filePath(u"text.sqlite"_s);
    QFile file(notAStore);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(QByteArray(4096, 'x'));
    file.close();
    const FilterRunResult garbage = FilterEngine::matchingIds(notAStore, 1, parse(u"method:get"_s), {}, utcOptions());
    QVERIFY(garbage.error);
    QVERIFY(garbage.ids.isEmpty());
}

void TestFilterEngine::scanKeepsHeadersExactly()
{
    const HttpHeaders headers {{"X-Dup", "a"}, {"x-dup", "b"}, {"Empty", ""}, {"Bin", QByteArray("\0\xFF", 2)}};
    QTemporaryDir dir;
    const QString path = dir.filePath(u"s.sqlite"_s);
    qint64 id = 0;
    {
        SessionStore store;
        QVERIFY_EXPECTED(store.open(path));
        QList<Capture> one {
            FilterFixtures::capture(0, "POST", "/h", 200, headers, "body", FilterFixtures::now(), u"127.0.0.1"_s)};
        one.front().sessionId = *store.createSession(u"s"_s);
        QVERIFY_EXPECTED(store.append(one));
        id = one.front().id;
    }
    CaptureScan scan;
    QVERIFY_EXPECTED(scan.open(path));
    HttpHeaders read;
    QByteArray body;
    QVERIFY_EXPECTED(
        scan.scan(1, 0, CaptureScan::Column::Headers | CaptureScan::Column::Body, [&](const CaptureRow& row) {
            CaptureScan::forEachHeader(row.headers, [&read](QByteArrayView name, QByteArrayView value) {
                read.append({name.toByteArray(), value.toByteArray()});
            });
            body = row.body.toByteArray();
            return true;
        }));
    QCOMPARE(read, headers);
    QCOMPARE(body, QByteArray("body"));
    CaptureRow row;
    row.id = id;
    QVERIFY(scan.load(CaptureScan::Column::Peer, row));
    QCOMPARE(row.peer.toByteArray(), QByteArray("127.0.0.1"));
    QVERIFY(row.body.isEmpty());
    row.id = id + 1;
    QVERIFY(!scan.load(CaptureScan::Column::Peer, row));

    // A damaged list gives the headers before the damage and says so.
    QByteArray encoded("\0\0\0\2\0\0\0\1a\0\0\0\1b\0\0\0\5c", 19);
    HttpHeaders partial;
    QVERIFY(!CaptureScan::forEachHeader(encoded, [&partial](QByteArrayView name, QByteArrayView value) {
        partial.append({name.toByteArray(), value.toByteArray()});
    }));
    QCOMPARE(partial, HttpHeaders({{"a", "b"}}));
    QVERIFY(CaptureScan::forEachHeader({}, [](QByteArrayView, QByteArrayView) {}));
}

QTEST_GUILESS_MAIN(TestFilterEngine)
#include "TestFilterEngine.moc"

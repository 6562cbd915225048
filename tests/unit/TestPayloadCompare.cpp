// SPDX-License-Identifier: MIT
// Comparing two captures (or a replay's answer with the original one): a structural diff of the bodies with
// key order ignored but noted, headers by name and values.
#include <QTest>

#include "json/JsonReader.h"
#include "payload/CaptureCompare.h"
#include "payload/JsonStructuralDiff.h"

using namespace Qt::StringLiterals;

namespace {

// "path kind left -> right" with "-" for an absent side.
QStringList describe(const StructuralDiff& diff)
{
    QStringList out;
    for (const StructuralChange& change : diff.changes)
        out.append(u"%1 %2 %3 -> %4"_s.arg(change.path.isEmpty() ? u"(top)"_s : change.path,
                                           JsonStructuralDiff::kindName(change.kind),
                                           change.left.isEmpty() ? u"-"_s : QString::fromUtf8(change.left),
                                           change.right.isEmpty() ? u"-"_s : QString::fromUtf8(change.right)));
    return out;
}

QStringList describe(const QList<HeaderDifference>& headers)
{
    QStringList out;
    for (const HeaderDifference& header : headers) {
        QStringList left, right;
        for (const QByteArray& v : header.left)
            left.append(QString::fromUtf8(v));
        for (const QByteArray& v : header.right)
            right.append(QString::fromUtf8(v));
        out.append(u"%1 %2 [%3] [%4]"_s.arg(QString::fromUtf8(header.name), CaptureCompare::kindName(header.kind),
                                            left.join(u','), right.join(u',')));
    }
    return out;
}

} // namespace

class TestPayloadCompare final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void structural_data();
    void structural();
    void limitsTheList();
    void headers();
    void bodies_data();
    void bodies();
};

void TestPayloadCompare::structural_data()
{
    QTest::addColumn<QByteArray>("left");
    QTest::addColumn<QByteArray>("right");
    QTest::addColumn<QStringList>("changes");

    QTest::newRow("equal") << QByteArray(R"({"a":[1,{"b":null}]})") << QByteArray(R"( { "a" : [ 1, { "b": null } ] } )")
                           << QStringList();
    QTest::newRow("key order ignored but noted")
        << QByteArray(R"({"a":1,"b":2,"c":3})") << QByteArray(R"({"c":3,"a":1,"b":2})")
        << QStringList {uR"((top) order_changed ["a","b","c"] -> ["c","a","b"])"_s};
    QTest::newRow("same values spelled otherwise") << QByteArray(R"({"n":1.0,"e":1e2,"s":"\u0041","z":-0})")
                                                   << QByteArray(R"({"n":1,"e":100,"s":"A","z":0})") << QStringList();
    QTest::newRow("numbers beyond 2^53 differ exactly")
        << QByteArray("[9007199254740993]") << QByteArray("[9007199254740992]")
        << QStringList {u"[0] changed 9007199254740993 -> 9007199254740992"_s};
    QTest::newRow("added, removed, changed, nested")
        << QByteArray(R"({"keep":1,"gone":true,"o":{"x":"a","deep":{"k":[1,2]}}})")
        << QByteArray(R"({"keep":1,"o":{"x":"b","deep":{"k":[1,3,4]}},"new":{"n":null}})")
        << QStringList {u"gone removed true -> -"_s, uR"(o.x changed "a" -> "b")"_s, u"o.deep.k[1] changed 2 -> 3"_s,
                        u"o.deep.k[2] added - -> 4"_s, uR"(new added - -> {"n":null})"_s};
    QTest::newRow("an array in another order")
        << QByteArray(R"({"tags":["a","b",{"c":1}]})") << QByteArray(R"({"tags":[{"c":1},"a","b"]})")
        << QStringList {uR"(tags order_changed ["a","b",{"c":1}] -> [{"c":1},"a","b"])"_s};
    QTest::newRow("duplicate keys: the last one counts")
        << QByteArray(R"({"a":1,"a":2})") << QByteArray(R"({"a":2})") << QStringList();
    QTest::newRow("another type") << QByteArray(R"({"v":"1"})") << QByteArray(R"({"v":1})")
                                  << QStringList {uR"(v changed "1" -> 1)"_s};
    QTest::newRow("top-level scalars") << QByteArray("true") << QByteArray("false")
                                       << QStringList {u"(top) changed true -> false"_s};
}

void TestPayloadCompare::structural()
{
    QFETCH(QByteArray, left);
    QFETCH(QByteArray, right);
    QFETCH(QStringList, changes);
    const JsonReadResult a = JsonReader::read(left);
    const JsonReadResult b = JsonReader::read(right);
    QVERIFY(a.ok() && b.ok());
    QCOMPARE(describe(JsonStructuralDiff::compare(a.document.root(), b.document.root())), changes);
    QVERIFY(JsonStructuralDiff::compare(a.document.root(), a.document.root()).changes.isEmpty());
}

void TestPayloadCompare::limitsTheList()
{
    QByteArray left = "[", right = "[";
    for (int i = 0; i < 100; ++i) {
        left += (i ? "," : "") + QByteArray::number(i);
        right += (i ? "," : "") + QByteArray::number(i + 1000);
    }
    left += "]";
    right += "]";
    const JsonReadResult a = JsonReader::read(left);
    const JsonReadResult b = JsonReader::read(right);
    StructuralDiffOptions options;
    options.maxChanges = 10;
    const StructuralDiff diff = JsonStructuralDiff::compare(a.document.root(), b.document.root(), {}, options);
    QCOMPARE(diff.changes.size(), 10);
    QVERIFY(diff.truncated);
}

void TestPayloadCompare::headers()
{
    const CompareSide left {u"original"_s,
                            {{"Content-Type", "application/json"},
                             {"X-Dup", "1"},
                             {"x-dup", "2"},
                             {"X-Firm-Signature", "abc"},
                             {"Accept", "*/*"}},
                            R"({"a":1})"};
    const CompareSide right {u"replay"_s,
                             {{"accept", "*/*"},
                              {"content-type", "application/json"},
                              {"X-Dup", "1"},
                              {"X-Firm-Signature", "abd"},
                              {"User-Agent", "relay"}},
                             R"({"a":1})"};
    const CaptureComparison comparison = CaptureCompare::compare(left, right);
    QCOMPARE(describe(comparison.headers),
             (QStringList {u"Content-Type same [application/json] [application/json]"_s, u"X-Dup changed [1,2] [1]"_s,
                           u"X-Firm-Signature changed [abc] [abd]"_s, u"Accept same [*/*] [*/*]"_s,
                           u"User-Agent added [] [relay]"_s}));
    QVERIFY(comparison.headerOrderChanged);
    QCOMPARE(comparison.rightHeaderOrder, (QList<QByteArray> {"accept", "content-type", "x-dup", "x-firm-signature"}));
    QVERIFY(comparison.bodiesJson);
    QVERIFY(comparison.bodyBytesEqual);
    QVERIFY(!comparison.identical());
    const CaptureComparison same = CaptureCompare::compare(left, left);
    QVERIFY(same.identical());
    QVERIFY(!same.headerOrderChanged);
}

void TestPayloadCompare::bodies_data()
{
    QTest::addColumn<QByteArray>("left");
    QTest::addColumn<QByteArray>("right");
    QTest::addColumn<bool>("json");
    QTest::addColumn<int>("changes");
    QTest::addColumn<qsizetype>("firstDifference");
    QTest::addColumn<QString>("note");

    QTest::newRow("re-serialized by a relay")
        << QByteArray(R"({"b":1,"a":"x"})") << QByteArray("{\n  \"b\": 1,\n  \"a\": \"x\"\n}") << true << 0
        << qsizetype(1)
        << u"Both bodies are JSON with the same values; only their bytes differ (whitespace, escapes or number "
           u"spelling), from byte 1."_s;
    QTest::newRow("a JSON difference") << QByteArray(R"({"a":1})") << QByteArray(R"({"a":2})") << true << 1
                                       << qsizetype(5) << u"Both bodies are JSON: 1 difference(s)."_s;
    QTest::newRow("not JSON") << QByteArray("hello") << QByteArray("help!") << false << 0 << qsizetype(3)
                              << u"Compared as bytes because the left body is not JSON (line 1, column 1 (byte 0): "
                                 u"unexpected character 'h'): 5 and 5 bytes, first difference at byte 3."_s;
    QTest::newRow("the same bytes") << QByteArray("\x00\x01", 2) << QByteArray("\x00\x01", 2) << false << 0
                                    << qsizetype(-1) << u"The bodies are byte for byte the same (2 bytes)."_s;
    QTest::newRow("both empty") << QByteArray() << QByteArray() << false << 0 << qsizetype(-1)
                                << u"Both bodies are empty."_s;
}

void TestPayloadCompare::bodies()
{
    QFETCH(QByteArray, left);
    QFETCH(QByteArray, right);
    QFETCH(bool, json);
    QFETCH(int, changes);
    QFETCH(qsizetype, firstDifference);
    QFETCH(QString, note);
    const CaptureComparison comparison
        = CaptureCompare::compare(CompareSide {u"left"_s, {}, left}, CompareSide {u"right"_s, {}, right});
    QCOMPARE(comparison.bodiesJson, json);
    QCOMPARE(comparison.body.changes.size(), changes);
    QCOMPARE(comparison.firstByteDifference, firstDifference);
    QCOMPARE(comparison.bodyNote, note);
}

QTEST_GUILESS_MAIN(TestPayloadCompare)
#include "TestPayloadCompare.moc"

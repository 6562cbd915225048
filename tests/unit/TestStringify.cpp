// SPDX-License-Identifier: MIT
// Expected outputs are what Node 20 prints for JSON.stringify(JSON.parse(input)).
#include <QTest>

#include "json/JsonNumber.h"
#include "json/JsonReader.h"
#include "json/JsonStringifier.h"

class TestStringify final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void matchesNode_data();
    void matchesNode();
    void numbers_data();
    void numbers();
    void arrayIndexKeys_data();
    void arrayIndexKeys();
    void relayStyles_data();
    void relayStyles();
    void sourceOrderKeepsDuplicates();
};

void TestStringify::matchesNode_data()
{
    QTest::addColumn<QByteArray>("input");
    QTest::addColumn<QByteArray>("expected");
    QTest::newRow("whitespace removed") << QByteArray("{ \"a\" : [ 1 , 2 ] ,\n\t\"b\" : { } }")
                                        << QByteArray(R"({"a":[1,2],"b":{}})");
    QTest::newRow("duplicate keys: last value, first position")
        << QByteArray(R"({"a":1,"b":2,"a":3})") << QByteArray(R"({"a":3,"b":2})");
    QTest::newRow("duplicate via escape") << QByteArray(R"({"a":1,"\u0061":2})") << QByteArray(R"({"a":2})");
    QTest::newRow("index keys first, ascending")
        << QByteArray(R"({"b":1,"2":2,"a":3,"10":4,"1":5})") << QByteArray(R"({"1":5,"2":2,"10":4,"b":1,"a":3})");
    QTest::newRow("non-canonical index keys keep order")
        << QByteArray(R"({"01":1,"-1":2,"1.0":3,"4294967295":4,"4294967294":5," 1":6})")
        << QByteArray(R"({"4294967294":5,"01":1,"-1":2,"1.0":3,"4294967295":4," 1":6})");
    QTest::newRow("short escapes") << QByteArray(R"("\"\\\/\b\f\n\r\t")") << QByteArray(R"("\"\\/\b\f\n\r\t")");
    QTest::newRow("control characters lowercase")
        << QByteArray(R"("\u0000\u001F\u000B\u001b")") << QByteArray(R"("\u0000\u001f\u000b\u001b")");
    QTest::newRow("escaped printable become literal")
        << QByteArray(R"("\u0041\u00e9\u2028\u007F")") << QByteArray("\"A\xc3\xa9\xe2\x80\xa8\x7f\"");
    QTest::newRow("lone surrogates lowercase")
        << QByteArray(R"(["\uD800","\uDFFF","x\uDBFFy"])") << QByteArray(R"(["\ud800","\udfff","x\udbffy"])");
    QTest::newRow("escaped pair becomes emoji")
        << QByteArray(R"("\uD83D\uDE00")") << QByteArray("\"\xf0\x9f\x98\x80\"");
    QTest::newRow("reversed pair stays escaped") << QByteArray(R"("\uDE00\uD83D")") << QByteArray(R"("\ude00\ud83d")");
    QTest::newRow("raw emoji and U+2028")
        << QByteArray("\"\xf0\x9f\x98\x80\xe2\x80\xa8\"") << QByteArray("\"\xf0\x9f\x98\x80\xe2\x80\xa8\"");
    QTest::newRow("invalid UTF-8 replaced")
        << QByteArray("\"\xff\xed\xa0\x80\"") << QByteArray("\"\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd\"");
    QTest::newRow("key escapes") << QByteArray(R"({"a\nb":1,"\ud800":2})") << QByteArray(R"({"a\nb":1,"\ud800":2})");
    QTest::newRow("literals") << QByteArray("[true,false,null]") << QByteArray("[true,false,null]");
    QTest::newRow("nested objects") << QByteArray(R"({"x":{"2":0,"1":[{"b":1,"a":2,"b":3}]}})")
                                    << QByteArray(R"({"x":{"1":[{"b":3,"a":2}],"2":0}})");
    QTest::newRow("overflow to null") << QByteArray(R"({"a":1e400,"b":-1e999})")
                                      << QByteArray(R"({"a":null,"b":null})");
}

void TestStringify::matchesNode()
{
    QFETCH(QByteArray, input);
    QFETCH(QByteArray, expected);
    const JsonReadResult result = JsonReader::read(input);
    QVERIFY2(result.ok(), qPrintable(result.error ? result.error->toString() : QString()));
    QCOMPARE(JsonStringifier::stringify(result.document.root()), expected);
}

void TestStringify::numbers_data()
{
    QTest::addColumn<QByteArray>("input");
    QTest::addColumn<QByteArray>("expected");
    const char* const cases[][2] = {
        {"-0", "0"},
        {"0.0", "0"},
        {"-0.0e-5", "0"},
        {"1e21", "1e+21"},
        {"1E21", "1e+21"},
        {"123e-20", "1.23e-18"},
        {"1e-7", "1e-7"},
        {"0.000001", "0.000001"},
        {"1e-6", "0.000001"},
        {"0.00000123", "0.00000123"},
        {"1.5e300", "1.5e+300"},
        {"1e400", "null"},
        {"-1e400", "null"},
        {"1e-400", "0"},
        {"-1e-400", "0"},
        {"5e-324", "5e-324"},
        {"2.5e-324", "5e-324"},
        {"2e-324", "0"},
        {"4.9406564584124654e-324", "5e-324"},
        {"2.2250738585072011e-308", "2.225073858507201e-308"},
        {"1.7976931348623157e308", "1.7976931348623157e+308"},
        {"1.7976931348623158e308", "1.7976931348623157e+308"},
        {"1.7976931348623159e308", "null"},
        {"9007199254740993", "9007199254740992"},
        {"123456789012345678901234567890", "1.2345678901234568e+29"},
        {"12345678901234567890", "12345678901234567000"},
        {"123456789012345678901", "123456789012345680000"},
        {"0.1", "0.1"},
        {"100", "100"},
        {"1e2", "100"},
        {"1e0", "1"},
        {"4.35", "4.35"},
        {"0.30000000000000004", "0.30000000000000004"},
        {"1.0000000000000001", "1"},
        {"-1.5e-9", "-1.5e-9"},
        {"1e99999999999999999999", "null"},
        {"0e99999999999999999999", "0"},
        {"0.0000000000000000000000000000000000000000000000000000000000001e61", "1"},
    };
    for (const auto& c : cases)
        QTest::newRow(c[0]) << QByteArray(c[0]) << QByteArray(c[1]);
}

void TestStringify::numbers()
{
    QFETCH(QByteArray, input);
    QFETCH(QByteArray, expected);
    const JsonReadResult result = JsonReader::read(input);
    QVERIFY(result.ok());
    QCOMPARE(JsonStringifier::stringify(result.document.root()), expected);
}

void TestStringify::arrayIndexKeys_data()
{
    QTest::addColumn<QString>("key");
    QTest::addColumn<bool>("isIndex");
    QTest::newRow("0") << QStringLiteral("0") << true;
    QTest::newRow("max") << QStringLiteral("4294967294") << true;
    QTest::newRow("2^32-1") << QStringLiteral("4294967295") << false;
    QTest::newRow("leading zero") << QStringLiteral("00") << false;
    QTest::newRow("negative") << QStringLiteral("-1") << false;
    QTest::newRow("empty") << QString() << false;
    QTest::newRow("eleven digits") << QStringLiteral("10000000000") << false;
    QTest::newRow("fullwidth digit") << QStringLiteral("\uff11") << false;
}

void TestStringify::arrayIndexKeys()
{
    QFETCH(QString, key);
    QFETCH(bool, isIndex);
    QCOMPARE(JsonStringifier::isArrayIndex(key), isIndex);
}

void TestStringify::relayStyles_data()
{
    QTest::addColumn<QByteArray>("input");
    QTest::addColumn<QByteArray>("indent");
    QTest::addColumn<bool>("sortKeys");
    QTest::addColumn<bool>("asciiOnly");
    QTest::addColumn<bool>("spaced");
    QTest::addColumn<QByteArray>("expected");
    QTest::addColumn<bool>("escapeSlash");
    const QByteArray input = "{\"b\":[1,{}],\"a\":\"\xc3\xa9\",\"c\":[]}";
    // JSON.stringify(v, null, 2)
    QTest::newRow("pretty") << input << QByteArray("  ") << false << false << false
                            << QByteArray("{\n  \"b\": [\n    1,\n    {}\n  ],\n  \"a\": \"\xc3\xa9\",\n  \"c\": []\n}")
                            << false;
    // json.dumps(v, sort_keys=True) in Python 3
    QTest::newRow("python sorted") << input << QByteArray() << true << true << true
                                   << QByteArray(R"({"a": "\u00e9", "b": [1, {}], "c": []})") << false;
    // PHP json_encode($value) with its default flags
    QTest::newRow("php") << QByteArray("{\"u\":\"a/b\xc3\xa9\"}") << QByteArray() << false << true << false
                         << QByteArray(R"({"u":"a\/b\u00e9"})") << true;
    QTest::newRow("tab") << QByteArray("[1]") << QByteArray("\t") << false << false << false << QByteArray("[\n\t1\n]")
                         << false;
}

void TestStringify::sourceOrderKeepsDuplicates()
{
    const JsonReadResult result = JsonReader::read(R"({"b":1,"2":0,"a":2,"b":3})");
    QVERIFY(result.ok());
    JsonStringifyOptions options;
    options.sourceOrder = true;
    QCOMPARE(JsonStringifier::stringify(result.document.root(), options), QByteArray(R"({"b":1,"2":0,"a":2,"b":3})"));
    options.sortKeys = true;
    QCOMPARE(JsonStringifier::stringify(result.document.root(), options), QByteArray(R"({"2":0,"a":2,"b":1,"b":3})"));
}

void TestStringify::relayStyles()
{
    QFETCH(QByteArray, input);
    QFETCH(QByteArray, indent);
    QFETCH(bool, sortKeys);
    QFETCH(bool, asciiOnly);
    QFETCH(bool, spaced);
    QFETCH(QByteArray, expected);
    QFETCH(bool, escapeSlash);
    JsonStringifyOptions options;
    options.escapeSlash = escapeSlash;
    options.indent = indent;
    options.sortKeys = sortKeys;
    options.asciiOnly = asciiOnly;
    options.spaceAfterSeparators = spaced;
    const JsonReadResult result = JsonReader::read(input);
    QVERIFY(result.ok());
    QCOMPARE(JsonStringifier::stringify(result.document.root(), options), expected);
}

QTEST_GUILESS_MAIN(TestStringify)
#include "TestStringify.moc"

// SPDX-License-Identifier: MIT
#include <QTest>

#include "json/JsonPretty.h"
#include "json/JsonReader.h"

// Indented JSON for reading: received order, duplicates and exact source text kept.
class TestJsonPretty final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void format_data()
    {
        QTest::addColumn<QByteArray>("source");
        QTest::addColumn<QByteArray>("expected");
        QTest::newRow("scalar") << QByteArray("  42 ") << QByteArray("42");
        QTest::newRow("empty containers")
            << QByteArray(R"({"a":{},"b":[]})") << QByteArray("{\n  \"a\": {},\n  \"b\": []\n}");
        QTest::newRow("order and duplicates kept")
            << QByteArray(R"({"z":1,"a":2,"z":3})") << QByteArray("{\n  \"z\": 1,\n  \"a\": 2,\n  \"z\": 3\n}");
        QTest::newRow("numbers and escapes as written")
            << QByteArray(R"([1.50e+3,"\u00e9\n",12345678901234567890])")
            << QByteArray("[\n  1.50e+3,\n  \"\\u00e9\\n\",\n  12345678901234567890\n]");
        QTest::newRow("nesting")
            << QByteArray(R"({"payload":{"events":[{"diff":{"name":"Sam"}}]}})")
            << QByteArray("{\n  \"payload\": {\n    \"events\": [\n      {\n        \"diff\": {\n          \"name\": "
                          "\"Sam\"\n        }\n      }\n    ]\n  }\n}");
    }
    void format()
    {
        QFETCH(QByteArray, source);
        QFETCH(QByteArray, expected);
        const JsonReadResult parsed = JsonReader::read(source);
        QVERIFY(parsed.ok());
        QCOMPARE(JsonPretty::format(parsed.document.root()), expected);
    }

    void deepNestingNeedsNoRecursion()
    {
        const int depth = 9000;
        const QByteArray source = QByteArray(depth, '[') + QByteArray(depth, ']');
        const JsonReadResult parsed = JsonReader::read(source);
        QVERIFY(parsed.ok());
        const QByteArray out = JsonPretty::format(parsed.document.root());
        QCOMPARE(out.count('['), depth);
        QVERIFY(out.endsWith(']'));
        // Indented JSON reads back to the same structure.
        QVERIFY(JsonReader::read(out).ok());
    }
};

QTEST_APPLESS_MAIN(TestJsonPretty)
#include "TestJsonPretty.moc"

// SPDX-License-Identifier: MIT
#include <QElapsedTimer>
#include <QTest>

#include "json/JsonReader.h"
#include "json/JsonStringifier.h"

class TestJsonReader final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void keepsOrderDuplicatesAndSpans();
    void keepsNumberText();
    void decodesStrings_data();
    void decodesStrings();
    void acceptsWhatJsonParseAccepts_data();
    void acceptsWhatJsonParseAccepts();
    void reportsErrors_data();
    void reportsErrors();
    void stopsAtDepthLimit();
    void readsDeepNestingWithinLimit();
    void manyKeysInLinearTime();
    void byteOrderMarkOnlyWhenAsked();
    void survivesRandomInput();
};

void TestJsonReader::keepsOrderDuplicatesAndSpans()
{
    const QByteArray text = R"( { "b" : 1, "a": [true, null], "b": "x" } )";
    const JsonReadResult result = JsonReader::read(text);
    QVERIFY2(result.ok(), qPrintable(result.error ? result.error->toString() : QString()));
    const JsonValue root = result.document.root();
    QVERIFY(root.isObject());
    QCOMPARE(root.size(), 3);
    QCOMPARE(root.keyAt(0).toString(), QStringLiteral("b"));
    QCOMPARE(root.keyAt(1).toString(), QStringLiteral("a"));
    QCOMPARE(root.keyAt(2).toString(), QStringLiteral("b"));
    QCOMPARE(root.raw(), QByteArrayView(R"({ "b" : 1, "a": [true, null], "b": "x" })"));
    QCOMPARE(root.at(1).raw(), QByteArrayView("[true, null]"));
    QCOMPARE(root.at(1).at(0).type(), JsonType::True);
    QCOMPARE(root.at(1).at(1).type(), JsonType::Null);
    QCOMPARE(root.at(2).raw(), QByteArrayView("\"x\""));
    QCOMPARE(root.at(2).begin(), text.indexOf("\"x\""));
    // JSON.parse keeps the last duplicate.
    QCOMPARE(root.member(QStringLiteral("b")).toString(), QStringLiteral("x"));
    QVERIFY(!root.member(QStringLiteral("zz")).isValid());
}

void TestJsonReader::keepsNumberText()
{
    const JsonReadResult result = JsonReader::read("[12345678901234567890123, -0, 1.50E+3]");
    QVERIFY(result.ok());
    const JsonValue root = result.document.root();
    QCOMPARE(root.at(0).numberText(), QByteArrayView("12345678901234567890123"));
    QCOMPARE(root.at(1).numberText(), QByteArrayView("-0"));
    QCOMPARE(root.at(2).numberText(), QByteArrayView("1.50E+3"));
    QCOMPARE(root.at(2).toDouble(), 1500.0);
}

void TestJsonReader::decodesStrings_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<QString>("expected");
    QTest::newRow("plain") << QByteArray(R"("abc")") << QStringLiteral("abc");
    QTest::newRow("escapes") << QByteArray(R"("\"\\\/\b\f\n\r\t")") << QStringLiteral("\"\\/\b\f\n\r\t");
    QTest::newRow("unicode escape") << QByteArray(R"("\u00e9\u00E9")") << QStringLiteral("\u00e9\u00e9");
    QTest::newRow("utf-8") << QByteArray("\"\xc3\xa9\xe2\x80\xa8\xf0\x9f\x98\x80\"") << QString::fromUtf8("é\u2028😀");
    QTest::newRow("escaped pair") << QByteArray(R"("\ud83d\ude00")") << QString::fromUtf8("😀");
    QTest::newRow("lone high surrogate") << QByteArray(R"("a\ud800b")")
                                         << (QStringLiteral("a") + QChar(char16_t(0xD800)) + QStringLiteral("b"));
    QTest::newRow("lone low surrogate") << QByteArray(R"("\udc00")") << QString(QChar(char16_t(0xDC00)));
    // WHATWG decoding, as Node's Buffer#toString: one U+FFFD per maximal invalid subpart.
    QTest::newRow("invalid byte") << QByteArray("\"a\xff"
                                                "b\"")
                                  << QStringLiteral("a\ufffdb");
    QTest::newRow("truncated sequence") << QByteArray("\"\xe2\x82\"") << QStringLiteral("\ufffd");
    QTest::newRow("utf-8 surrogate") << QByteArray("\"\xed\xa0\x80\"") << QStringLiteral("\ufffd\ufffd\ufffd");
    QTest::newRow("overlong") << QByteArray("\"\xc0\xaf\"") << QStringLiteral("\ufffd\ufffd");
    QTest::newRow("DEL and slash") << QByteArray("\"\x7f/\"") << QStringLiteral("\x7f/");
}

void TestJsonReader::decodesStrings()
{
    QFETCH(QByteArray, json);
    QFETCH(QString, expected);
    const JsonReadResult result = JsonReader::read(json);
    QVERIFY2(result.ok(), qPrintable(result.error ? result.error->toString() : QString()));
    QCOMPARE(result.document.root().toString(), expected);
}

void TestJsonReader::acceptsWhatJsonParseAccepts_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::newRow("top-level string") << QByteArray(R"("x")");
    QTest::newRow("top-level number") << QByteArray(" -0.5e-3 ");
    QTest::newRow("top-level null") << QByteArray("null");
    QTest::newRow("all whitespace kinds") << QByteArray("\t\r\n [ \t\r\n1\t,\r\n2 ] \n");
    QTest::newRow("empty containers") << QByteArray("[{},[],{\"\":{}}]");
    QTest::newRow("raw DEL") << QByteArray("\"\x7f\"");
    QTest::newRow("big exponent") << QByteArray("1e99999999999999999999");
    QTest::newRow("__proto__ key") << QByteArray(R"({"__proto__":1})");
}

void TestJsonReader::acceptsWhatJsonParseAccepts()
{
    QFETCH(QByteArray, json);
    const JsonReadResult result = JsonReader::read(json);
    QVERIFY2(result.ok(), qPrintable(result.error ? result.error->toString() : QString()));
}

void TestJsonReader::reportsErrors_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<int>("code");
    QTest::addColumn<int>("line");
    QTest::addColumn<int>("column");
    QTest::addColumn<int>("offset");
    using C = JsonError::Code;
    QTest::newRow("empty") << QByteArray("") << int(C::UnexpectedEnd) << 1 << 1 << 0;
    QTest::newRow("only spaces") << QByteArray("  \n ") << int(C::UnexpectedEnd) << 2 << 2 << 4;
    QTest::newRow("trailing comma") << QByteArray("[1,]") << int(C::UnexpectedCharacter) << 1 << 4 << 3;
    QTest::newRow("object trailing comma") << QByteArray("{\"a\":1,}") << int(C::UnexpectedCharacter) << 1 << 8 << 7;
    QTest::newRow("missing colon") << QByteArray("{\n  \"a\" 1}") << int(C::UnexpectedCharacter) << 2 << 7 << 8;
    QTest::newRow("single quotes") << QByteArray("{'a':1}") << int(C::UnexpectedCharacter) << 1 << 2 << 1;
    QTest::newRow("leading zero") << QByteArray("[01]") << int(C::UnexpectedCharacter) << 1 << 3 << 2;
    QTest::newRow("bare minus") << QByteArray("-") << int(C::UnexpectedEnd) << 1 << 2 << 1;
    QTest::newRow("dot without digits") << QByteArray("1.") << int(C::UnexpectedEnd) << 1 << 3 << 2;
    QTest::newRow("exponent without digits") << QByteArray("[1e+]") << int(C::InvalidNumber) << 1 << 5 << 4;
    QTest::newRow("leading plus") << QByteArray("+1") << int(C::UnexpectedCharacter) << 1 << 1 << 0;
    QTest::newRow("raw newline in string") << QByteArray("\"a\nb\"") << int(C::ControlCharacterInString) << 1 << 3 << 2;
    QTest::newRow("raw tab in string") << QByteArray("[\"\t\"]") << int(C::ControlCharacterInString) << 1 << 3 << 2;
    QTest::newRow("bad escape") << QByteArray(R"("\x")") << int(C::InvalidEscape) << 1 << 3 << 2;
    QTest::newRow("short unicode escape") << QByteArray(R"("\u12g4")") << int(C::InvalidEscape) << 1 << 6 << 5;
    QTest::newRow("unterminated string") << QByteArray("{\"a\":\"bc") << int(C::UnexpectedEnd) << 1 << 9 << 8;
    QTest::newRow("unclosed array") << QByteArray("[1, 2") << int(C::UnexpectedEnd) << 1 << 6 << 5;
    QTest::newRow("trailing content") << QByteArray("{} {}") << int(C::TrailingContent) << 1 << 4 << 3;
    QTest::newRow("NaN") << QByteArray("NaN") << int(C::UnexpectedCharacter) << 1 << 1 << 0;
    QTest::newRow("truncated literal") << QByteArray("[tru]") << int(C::UnexpectedCharacter) << 1 << 5 << 4;
    QTest::newRow("column counts characters")
        << QByteArray("{\"\xc3\xa9\xc3\xa9\": x}") << int(C::UnexpectedCharacter) << 1 << 8 << 9;
    QTest::newRow("byte order mark") << QByteArray("\xef\xbb\xbf{}") << int(C::UnexpectedCharacter) << 1 << 1 << 0;
}

void TestJsonReader::reportsErrors()
{
    QFETCH(QByteArray, json);
    QFETCH(int, code);
    QFETCH(int, line);
    QFETCH(int, column);
    QFETCH(int, offset);
    const JsonReadResult result = JsonReader::read(json);
    QVERIFY(!result.ok());
    QVERIFY(result.document.isNull());
    QCOMPARE(int(result.error->code), code);
    QCOMPARE(result.error->line, line);
    QCOMPARE(result.error->column, column);
    QCOMPARE(result.error->offset, qsizetype(offset));
    QVERIFY(!result.error->message.isEmpty());
    QVERIFY(result.error->toString().contains(QStringLiteral("line %1, column %2").arg(line).arg(column)));
}

void TestJsonReader::stopsAtDepthLimit()
{
    const QByteArray deep(1000000, '[');
    const JsonReadResult result = JsonReader::read(deep);
    QVERIFY(!result.ok());
    QCOMPARE(result.error->code, JsonError::Code::TooDeep);
    QCOMPARE(result.error->offset, qsizetype(JsonReadOptions().maxDepth));
    QVERIFY(result.error->message.contains(QStringLiteral("nesting")));

    JsonReadOptions shallow;
    shallow.maxDepth = 2;
    QVERIFY(JsonReader::read("[[1]]", shallow).ok());
    QCOMPARE(JsonReader::read("[[[1]]]", shallow).error->code, JsonError::Code::TooDeep);
    QCOMPARE(JsonReader::read("{\"a\":{\"b\":{}}}", shallow).error->code, JsonError::Code::TooDeep);
}

void TestJsonReader::readsDeepNestingWithinLimit()
{
    const int depth = JsonReadOptions().maxDepth;
    QByteArray text = QByteArray(depth, '[') + QByteArray(depth, ']');
    const JsonReadResult result = JsonReader::read(text);
    QVERIFY(result.ok());
    QCOMPARE(JsonStringifier::stringify(result.document.root()), text);
}

void TestJsonReader::manyKeysInLinearTime()
{
    constexpr int keys = 100000;
    QByteArray text = "{";
    QByteArray expected = "{";
    for (int i = 0; i < keys; ++i) {
        const QByteArray member = "\"k" + QByteArray::number(i) + "\":" + QByteArray::number(i);
        text += member + ',';
        expected += (i ? "," : "") + member;
    }
    // Every key again, as duplicates: the last value wins at the first position.
    for (int i = 0; i < keys; ++i)
        text += "\"k" + QByteArray::number(i) + "\":" + QByteArray::number(i) + (i + 1 < keys ? "," : "");
    text += '}';
    expected += '}';

    QElapsedTimer timer;
    timer.start();
    const JsonReadResult result = JsonReader::read(text);
    QVERIFY(result.ok());
    QCOMPARE(result.document.root().size(), 2 * keys);
    const QByteArray out = JsonStringifier::stringify(result.document.root());
    const qint64 elapsed = timer.elapsed();
    QCOMPARE(out, expected);
    // Quadratic work on 200,000 members would take minutes; linear takes well under a second.
    QVERIFY2(elapsed < 5000, qPrintable(QStringLiteral("%1 ms").arg(elapsed)));
}

void TestJsonReader::byteOrderMarkOnlyWhenAsked()
{
    JsonReadOptions options;
    options.skipByteOrderMark = true;
    const JsonReadResult result = JsonReader::read("\xef\xbb\xbf{\"a\":1}", options);
    QVERIFY(result.ok());
    QCOMPARE(result.document.root().begin(), 3);
}

void TestJsonReader::survivesRandomInput()
{
    // Random texts over JSON's alphabet: every one is either read (and then re-serializes to JSON that
    // reads again) or rejected with an offset inside the text. No crash, no hang.
    static const char alphabet[] = "{}[]\",:01-9eE.+ \n\\utrfalsn\x7f\xc3\xa9\xed\xa0\x80";
    quint32 state = 12345;
    auto next = [&state] {
        state = state * 1103515245u + 12345u;
        return state >> 8;
    };
    int accepted = 0;
    for (int round = 0; round < 20000; ++round) {
        QByteArray text;
        const int length = int(next() % 24);
        for (int i = 0; i < length; ++i)
            text.append(alphabet[next() % (sizeof alphabet - 1)]);
        const JsonReadResult result = JsonReader::read(text);
        if (!result.ok()) {
            QVERIFY(result.error->offset >= 0 && result.error->offset <= text.size());
            continue;
        }
        ++accepted;
        const QByteArray out = JsonStringifier::stringify(result.document.root());
        const JsonReadResult again = JsonReader::read(out);
        QVERIFY2(again.ok(), out.constData());
        QCOMPARE(JsonStringifier::stringify(again.document.root()), out);
    }
    QVERIFY(accepted > 100);
}

QTEST_GUILESS_MAIN(TestJsonReader)
#include "TestJsonReader.moc"

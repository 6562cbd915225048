// SPDX-License-Identifier: MIT
// The filter's globs (path:, header:, doc:, peer: ...) and its substring search (free text, body:): whole-text
// matching, * and ?, backslash escapes, UTF-8 characters, ASCII case.
#include <QTest>

#include "filter/FilterPattern.h"

using namespace Qt::StringLiterals;

class TestFilterPattern final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void matchesGlobs_data();
    void matchesGlobs();
    void findsText_data();
    void findsText();
    void manyStarsStayFast();
};

void TestFilterPattern::matchesGlobs_data()
{
    QTest::addColumn<QString>("glob");
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<bool>("matches");

    QTest::newRow("star, empty") << u"*"_s << QByteArray() << true;
    QTest::newRow("star") << u"*"_s << QByteArray("abc") << true;
    QTest::newRow("empty, empty") << u""_s << QByteArray() << true;
    QTest::newRow("empty, text") << u""_s << QByteArray("a") << false;
    QTest::newRow("exact") << u"/hooks"_s << QByteArray("/hooks") << true;
    QTest::newRow("whole text") << u"/hooks"_s << QByteArray("/hooks/x") << false;
    QTest::newRow("ASCII case") << u"ABC"_s << QByteArray("abc") << true;
    QTest::newRow("non-ASCII case kept") << u"É"_s << QByteArray("é") << false;
    QTest::newRow("prefix") << u"/hooks/*"_s << QByteArray("/hooks/x/y") << true;
    QTest::newRow("prefix itself") << u"/hooks/*"_s << QByteArray("/hooks/") << true;
    QTest::newRow("prefix short") << u"/hooks/*"_s << QByteArray("/hooks") << false;
    QTest::newRow("suffix") << u"*.json"_s << QByteArray("a.json") << true;
    QTest::newRow("suffix extra") << u"*.json"_s << QByteArray("a.jsonx") << false;
    QTest::newRow("middle") << u"a*c"_s << QByteArray("abc") << true;
    QTest::newRow("middle empty") << u"a*c"_s << QByteArray("ac") << true;
    QTest::newRow("middle wrong end") << u"a*c"_s << QByteArray("acb") << false;
    QTest::newRow("two stars") << u"a*b*c"_s << QByteArray("aXbYc") << true;
    QTest::newRow("two stars, order") << u"a*b*c"_s << QByteArray("aXcYb") << false;
    QTest::newRow("repeats") << u"*b*b*"_s << QByteArray("abab") << true;
    QTest::newRow("repeats, too few") << u"*b*b*"_s << QByteArray("ab") << false;
    QTest::newRow("last run overlaps") << u"*aa"_s << QByteArray("aaa") << true;
    QTest::newRow("question") << u"a?c"_s << QByteArray("abc") << true;
    QTest::newRow("question needs one") << u"a?c"_s << QByteArray("ac") << false;
    QTest::newRow("question is a character") << u"a?c"_s << QByteArray("aéc") << true;
    QTest::newRow("one character, two bytes") << u"?"_s << QByteArray("é") << true;
    QTest::newRow("two questions, one character") << u"??"_s << QByteArray("é") << false;
    QTest::newRow("four-byte character") << u"x?y"_s << QByteArray("x\xF0\x9F\x98\x80y") << true;
    QTest::newRow("question after star") << u"*?"_s << QByteArray() << false;
    QTest::newRow("question and star") << u"*.?s"_s << QByteArray("a.js") << true;
    QTest::newRow("escaped star") << u"a\\*"_s << QByteArray("a*") << true;
    QTest::newRow("escaped star is literal") << u"a\\*"_s << QByteArray("ab") << false;
    QTest::newRow("escaped question") << u"a\\?"_s << QByteArray("a?") << true;
    QTest::newRow("escaped backslash") << u"a\\\\"_s << QByteArray("a\\") << true;
    QTest::newRow("trailing backslash") << u"a\\"_s << QByteArray("a\\") << true;
    QTest::newRow("non-ASCII literal") << u"/hooks/été"_s << QByteArray("/hooks/été") << true;
    QTest::newRow("invalid UTF-8 text") << u"a?b"_s
                                        << QByteArray("a\xFF"
                                                      "b")
                                        << true;
    QTest::newRow("stray continuation") << u"*b"_s
                                        << QByteArray("\x80"
                                                      "b")
                                        << true;
}

void TestFilterPattern::matchesGlobs()
{
    QFETCH(QString, glob);
    QFETCH(QByteArray, text);
    QFETCH(bool, matches);
    const FilterPattern pattern(glob);
    QCOMPARE(pattern.matches(QByteArrayView(text)), matches);
    // Text as a QString matches the same, when it is valid UTF-8.
    const QString decoded = QString::fromUtf8(text);
    if (decoded.toUtf8() == text)
        QCOMPARE(pattern.matches(QStringView(decoded)), matches);
    QCOMPARE(pattern.glob(), glob);
}

void TestFilterPattern::findsText_data()
{
    QTest::addColumn<QString>("needle");
    QTest::addColumn<QByteArray>("haystack");
    QTest::addColumn<bool>("found");

    QTest::newRow("middle") << u"needle"_s << QByteArray("xxneedlexx") << true;
    QTest::newRow("case") << u"Needle"_s << QByteArray("xxNEEDLExx") << true;
    QTest::newRow("start") << u"ab"_s << QByteArray("abc") << true;
    QTest::newRow("end") << u"bc"_s << QByteArray("abc") << true;
    QTest::newRow("longer than haystack") << u"abcd"_s << QByteArray("abc") << false;
    QTest::newRow("absent") << u"abd"_s << QByteArray("abcabc") << false;
    QTest::newRow("partial then whole") << u"aab"_s << QByteArray("aaab") << true;
    QTest::newRow("digits") << u"123"_s << QByteArray("a123") << true;
    QTest::newRow("digits absent") << u"124"_s << QByteArray("a123") << false;
    QTest::newRow("non-ASCII exact") << u"é"_s << QByteArray("café") << true;
    QTest::newRow("non-ASCII case kept") << u"É"_s << QByteArray("café") << false;
    QTest::newRow("empty haystack") << u"a"_s << QByteArray() << false;
    QTest::newRow("binary haystack") << u"ok"_s << QByteArray("\0\xFFOK", 4) << true;
}

void TestFilterPattern::findsText()
{
    QFETCH(QString, needle);
    QFETCH(QByteArray, haystack);
    QFETCH(bool, found);
    QCOMPARE(FilterText(needle).foundIn(haystack), found);
}

void TestFilterPattern::manyStarsStayFast()
{
    // Leftmost matching of each run needs no backtracking; a backtracking matcher would not finish this.
    QString glob;
    for (int i = 0; i < 200; ++i)
        glob += u"*a"_s;
    glob += u"*b"_s;
    const QByteArray text(100000, 'a');
    const FilterPattern pattern(glob);
    QVERIFY(!pattern.matches(QByteArrayView(text)));
    QVERIFY(pattern.matches(QByteArrayView(QByteArray(text + 'b'))));
}

QTEST_GUILESS_MAIN(TestFilterPattern)
#include "TestFilterPattern.moc"

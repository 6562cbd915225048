// SPDX-License-Identifier: MIT
// Differential test against Node itself: random texts over JSON's alphabet (and characters JSON refuses)
// must be accepted by JsonReader exactly when Node's JSON.parse accepts them (after Node's UTF-8 decoding),
// and re-serialize to exactly what JSON.stringify gives. Skipped when node is not installed.
#include <QFile>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <cmath>
#include <cstring>

#include "json/JsonReader.h"
#include "json/JsonStringifier.h"

namespace {

// Reads base64 lines, answers "1 <base64 of JSON.stringify(JSON.parse(text))>" or "0" per line.
const char* const nodeScript = R"js(
const fs = require('fs');
const lines = fs.readFileSync(process.argv[1], 'utf8').split('\n').filter((l) => l.length);
const out = lines.map((l) => {
    try {
        return '1 ' + Buffer.from(JSON.stringify(JSON.parse(Buffer.from(l, 'base64').toString('utf8'))), 'utf8').toString('base64');
    } catch (e) {
        return '0';
    }
});
fs.writeFileSync(process.argv[2], out.join('\n') + '\n');
)js";

QList<QByteArray> randomTexts(quint32 seed, int count)
{
    // Pieces rather than single bytes, so that valid texts are common enough.
    static const char* const pieces[] = {"{",
                                         "}",
                                         "[",
                                         "]",
                                         ",",
                                         ":",
                                         "\"",
                                         "\"a\"",
                                         "\"\\u00e9\"",
                                         "\"\\ud800\"",
                                         "\"\\uDC00x\"",
                                         "\\",
                                         "\\u",
                                         "0",
                                         "1",
                                         "-",
                                         "-0",
                                         "1.5",
                                         "1e5",
                                         "1E+2",
                                         "1e-400",
                                         "1e400",
                                         ".",
                                         "e",
                                         "01",
                                         "true",
                                         "false",
                                         "null",
                                         "nul",
                                         " ",
                                         "\t",
                                         "\n",
                                         "\r",
                                         "\f",
                                         "\v",
                                         "\xc2\xa0",
                                         "\xef\xbb\xbf",
                                         "\xe2\x80\xa8",
                                         "\x7f",
                                         "\x01",
                                         "\xff",
                                         "\xed\xa0\x80",
                                         "\xf0\x9f\x98\x80",
                                         "\"\xc3\xa9\"",
                                         "\"x\\ny\"",
                                         "\"\\/\"",
                                         "\"\\a\"",
                                         "NaN",
                                         "Infinity",
                                         "\"9\"",
                                         "\"10\"",
                                         "\"b\":1",
                                         "\"b\":2",
                                         "{\"1\":0,\"a\":1,\"0\":2}",
                                         "[1,2]",
                                         "\"\\u0000\""};
    quint32 state = seed;
    auto next = [&state] {
        state = state * 1664525u + 1013904223u;
        return state >> 8;
    };
    QList<QByteArray> texts;
    for (int i = 0; i < count; ++i) {
        QByteArray text;
        const int length = 1 + int(next() % 8);
        for (int k = 0; k < length; ++k)
            text.append(pieces[next() % (sizeof pieces / sizeof pieces[0])]);
        texts.append(text);
    }
    return texts;
}

} // namespace

class TestJsonNodeDifferential final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void agreesWithNode();
    void numbersAgreeWithNode();

private:
    // Runs the script over the texts; returns Node's answers, one per text.
    static QList<QByteArray> askNode(const QList<QByteArray>& texts, QString* error);
};

QList<QByteArray> TestJsonNodeDifferential::askNode(const QList<QByteArray>& texts, QString* error)
{
    const QString node = QStandardPaths::findExecutable(QStringLiteral("node"));
    QTemporaryDir dir;
    const QString in = dir.filePath(QStringLiteral("in.txt"));
    const QString out = dir.filePath(QStringLiteral("out.txt"));
    QFile input(in);
    if (!dir.isValid() || !input.open(QIODevice::WriteOnly)) {
        *error = QStringLiteral("cannot write %1").arg(in);
        return {};
    }
    for (const QByteArray& text : texts)
        input.write(text.toBase64() + '\n');
    input.close();
    QProcess process;
    process.start(node, {QStringLiteral("-e"), QString::fromUtf8(nodeScript), in, out});
    if (!process.waitForFinished(120000) || process.exitCode() != 0) {
        *error = QString::fromLocal8Bit(process.readAllStandardError());
        return {};
    }
    QFile output(out);
    if (!output.open(QIODevice::ReadOnly)) {
        *error = QStringLiteral("node wrote no answers");
        return {};
    }
    return output.readAll().split('\n');
}

void TestJsonNodeDifferential::numbersAgreeWithNode()
{
    // Number.prototype.toString against std::to_chars on doubles from random bit patterns (every
    // exponent, subnormals included), written with 17 significant digits, plus short decimal texts.
    if (QStandardPaths::findExecutable(QStringLiteral("node")).isEmpty())
        QSKIP("node is not installed: this differential test runs Node's JSON.parse (packaging/install-deps.sh "
              "installs it)");
    quint64 state = 0x9E3779B97F4A7C15ull;
    auto next = [&state] {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        return state;
    };
    QList<QByteArray> texts;
    while (texts.size() < 30000) {
        const quint64 bits = next();
        double value = 0;
        std::memcpy(&value, &bits, sizeof value);
        if (!std::isfinite(value))
            continue;
        texts.append(QByteArray::number(value, 'g', 17));
    }
    for (int i = 0; i < 10000; ++i) {
        const quint64 r = next();
        texts.append(QByteArray::number(qint64(r % 100000000)) + '.' + QByteArray::number(qint64((r >> 27) % 1000))
                     + 'e' + QByteArray::number(int((r >> 40) % 700) - 350));
    }
    QString error;
    const QList<QByteArray> answers = askNode(texts, &error);
    QVERIFY2(answers.size() >= texts.size(), qPrintable(error));
    QStringList mismatches;
    for (qsizetype i = 0; i < texts.size(); ++i) {
        QVERIFY2(answers.at(i).startsWith('1'), texts.at(i).constData());
        const QByteArray expected = QByteArray::fromBase64(answers.at(i).mid(2));
        const JsonReadResult result = JsonReader::read(texts.at(i));
        QVERIFY2(result.ok(), texts.at(i).constData());
        const QByteArray actual = JsonStringifier::stringify(result.document.root());
        if (actual != expected)
            mismatches.append(QString::fromLatin1(texts.at(i) + ": node " + expected + ", ours " + actual));
    }
    QVERIFY2(mismatches.isEmpty(), qPrintable(mismatches.mid(0, 10).join(QLatin1Char('\n'))));
}

void TestJsonNodeDifferential::agreesWithNode()
{
    if (QStandardPaths::findExecutable(QStringLiteral("node")).isEmpty())
        QSKIP("node is not installed: this differential test runs Node's JSON.parse (packaging/install-deps.sh "
              "installs it)");
    const QList<QByteArray> texts = randomTexts(20241108u, 20000);
    QString error;
    const QList<QByteArray> answers = askNode(texts, &error);
    QVERIFY2(answers.size() >= texts.size(), qPrintable(error));

    int accepted = 0;
    QStringList mismatches;
    for (qsizetype i = 0; i < texts.size(); ++i) {
        const QByteArray& text = texts.at(i);
        const bool nodeAccepts = answers.at(i).startsWith('1');
        const JsonReadResult result = JsonReader::read(text);
        if (result.ok() != nodeAccepts) {
            mismatches.append(QStringLiteral("%1: node %2, reader %3")
                                  .arg(QString::fromLatin1(text.toPercentEncoding(" {}[],:\"")))
                                  .arg(nodeAccepts ? QStringLiteral("accepts") : QStringLiteral("rejects"))
                                  .arg(result.ok() ? QStringLiteral("accepts") : result.error->toString()));
            continue;
        }
        if (!nodeAccepts)
            continue;
        ++accepted;
        const QByteArray expected = QByteArray::fromBase64(answers.at(i).mid(2));
        const QByteArray actual = JsonStringifier::stringify(result.document.root());
        if (actual != expected)
            mismatches.append(QStringLiteral("%1: node %2, stringifier %3")
                                  .arg(QString::fromLatin1(text.toPercentEncoding(" {}[],:\"")),
                                       QString::fromUtf8(expected), QString::fromUtf8(actual)));
    }
    QVERIFY2(mismatches.isEmpty(), qPrintable(mismatches.mid(0, 10).join(QLatin1Char('\n'))));
    QVERIFY2(accepted > 1000, qPrintable(QString::number(accepted)));
}

QTEST_GUILESS_MAIN(TestJsonNodeDifferential)
#include "TestJsonNodeDifferential.moc"

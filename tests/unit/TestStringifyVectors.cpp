// SPDX-License-Identifier: MIT
// Vectors: tests/data/signature/firm-vectors.json, written by Node (tests/vectors/generate-firm-vectors.js):
// each case holds a body, and JSON.stringify(JSON.parse(body).payload) as Node computed it.
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

#include "json/JsonReader.h"
#include "json/JsonStringifier.h"

class TestStringifyVectors final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void reproducesNode_data();
    void reproducesNode();

private:
    QJsonArray m_cases;
};

void TestStringifyVectors::initTestCase()
{
    QFile file(QStringLiteral(HOOKBENCH_TEST_DATA_DIR "/signature/firm-vectors.json"));
    QVERIFY2(file.open(QIODevice::ReadOnly), qPrintable(file.fileName()));
    m_cases = QJsonDocument::fromJson(file.readAll()).object().value(QLatin1String("cases")).toArray();
    QVERIFY2(m_cases.size() >= 2000, "the committed vector file should hold at least 2,000 cases");
}

void TestStringifyVectors::reproducesNode_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QByteArray>("expected");
    QTest::addColumn<bool>("rawMatches");
    for (const QJsonValue& value : std::as_const(m_cases)) {
        const QJsonObject c = value.toObject();
        QTest::newRow(qPrintable(c.value(QLatin1String("name")).toString()))
            << QByteArray::fromBase64(c.value(QLatin1String("body")).toString().toLatin1())
            << QByteArray::fromBase64(c.value(QLatin1String("stringified")).toString().toLatin1())
            << c.value(QLatin1String("rawMatches")).toBool();
    }
}

void TestStringifyVectors::reproducesNode()
{
    QFETCH(QByteArray, body);
    QFETCH(QByteArray, expected);
    QFETCH(bool, rawMatches);
    const JsonReadResult result = JsonReader::read(body);
    QVERIFY2(result.ok(), qPrintable(result.error ? result.error->toString() : QString()));
    const JsonValue payload = result.document.root().member(QStringLiteral("payload"));
    QVERIFY(payload.isValid());
    QCOMPARE(JsonStringifier::stringify(payload), expected);
    QCOMPARE(payload.raw() == QByteArrayView(expected), rawMatches);
}

QTEST_GUILESS_MAIN(TestStringifyVectors)
#include "TestStringifyVectors.moc"

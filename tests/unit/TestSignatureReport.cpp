// SPDX-License-Identifier: MIT
#include <QFile>
#include <QJsonDocument>
#include <QTemporaryDir>
#include <QTest>

#include "ExpectedChecks.h"
#include "signature/SignatureReport.h"
#include "signature/SignatureVerifier.h"

class TestSignatureReport final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void json_data();
    void json();
    void textNamesLabelNotValue();
    void stableNames();
    void detailText();
    void printable_data();
    void printable();
    void secretFromEnvironment();
    void secretFromFile_data();
    void secretFromFile();
};

void TestSignatureReport::json_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QByteArray>("secret");
    QTest::addColumn<QByteArray>("expectedJson");
    const QByteArray payload = R"({"a":1})";
    const QByteArray sig = Hmac::compute(HmacAlgorithm::Sha256, "k", payload).toHex();
    QTest::newRow("valid raw") << QByteArray("{\"payload\":" + payload + ",\"signature\":\"" + sig + "\"}")
                               << QByteArray("k")
                               << QByteArray(R"({"cause":null,"matched":"raw","scheme":"firm_app","secret":"label",)"
                                             R"("status":"valid"})");
    QTest::newRow("valid reserialized")
        << QByteArray("{\"payload\": { \"a\": 1 },\"signature\":\"" + sig + "\"}") << QByteArray("k")
        << QByteArray(
               R"({"cause":null,"matched":"reserialized","scheme":"firm_app","secret":"label","status":"valid"})");
    QTest::newRow("wrong secret") << QByteArray("{\"payload\":" + payload + ",\"signature\":\"" + sig + "\"}")
                                  << QByteArray("other")
                                  << QByteArray(R"({"cause":"wrong_secret","matched":null,"scheme":"firm_app",)"
                                                R"("secret":null,"status":"invalid"})");
    QTest::newRow("unreadable") << QByteArray("{\"payload\":") << QByteArray("k")
                                << QByteArray(R"({"cause":null,"matched":null,"scheme":"firm_app","secret":null,)"
                                              R"("status":"unreadable_body"})");
    QTest::newRow("not applicable") << QByteArray("plain text") << QByteArray("k")
                                    << QByteArray(R"({"cause":null,"matched":null,"scheme":"none","secret":null,)"
                                                  R"("status":"not_applicable"})");
    QTest::newRow("no secret") << QByteArray("{\"payload\":" + payload + ",\"signature\":\"" + sig + "\"}")
                               << QByteArray()
                               << QByteArray(R"({"cause":null,"matched":null,"scheme":"firm_app",)"
                                             R"("secret":null,"status":"no_secret"})");
}

void TestSignatureReport::json()
{
    QFETCH(QByteArray, body);
    QFETCH(QByteArray, secret);
    QFETCH(QByteArray, expectedJson);
    SecretSet secrets;
    if (!secret.isEmpty())
        secrets.add(QStringLiteral("label"), secret);
    const SignatureResult result = SignatureVerifier(secrets).verify({}, body);
    QCOMPARE(QJsonDocument(SignatureReport::toJson(result)).toJson(QJsonDocument::Compact), expectedJson);
}

void TestSignatureReport::textNamesLabelNotValue()
{
    const QByteArray payload = R"({"a":1})";
    SecretSet secrets;
    secrets.add(QStringLiteral("FIRM_SECRET"), "super-secret-value");
    const QByteArray sig = Hmac::compute(HmacAlgorithm::Sha256, "super-secret-value", payload).toHex();
    const SignatureResult ok
        = SignatureVerifier(secrets).verify({}, "{\"payload\":" + payload + ",\"signature\":\"" + sig + "\"}");
    QCOMPARE(SignatureReport::toText(ok), QStringLiteral("firm_app: valid (raw payload bytes, secret FIRM_SECRET)"));

    const SignatureResult bad = SignatureVerifier(secrets).verify(
        {}, "{\"payload\":" + payload + ",\"signature\":\"" + sig.toUpper() + "\"}");
    const QString text = SignatureReport::toText(bad);
    QVERIFY2(text.startsWith(QStringLiteral("firm_app: invalid (hex_case, secret FIRM_SECRET): ")), qPrintable(text));
    QVERIFY(!text.contains(QStringLiteral("super-secret-value")));
    QVERIFY(!text.contains(QLatin1Char('\n')));
}

void TestSignatureReport::stableNames()
{
    // Scripts depend on these names: changing one is a breaking change.
    QCOMPARE(SignatureSchemes::name(SignatureScheme::StandardWebhooks), QStringLiteral("standard_webhooks"));
    QCOMPARE(SignatureReport::statusName(SignatureStatus::NotApplicable), QStringLiteral("not_applicable"));
    QCOMPARE(SignatureReport::causeName(SignatureCause::StaleTimestamp), QStringLiteral("stale_timestamp"));
    QCOMPARE(SignatureReport::matchName(SignatureMatch::Reserialized), QStringLiteral("reserialized"));
    for (const SignatureScheme scheme : SignatureSchemes::all()) {
        SignatureScheme parsed = SignatureScheme::None;
        QVERIFY(SignatureSchemes::fromName(SignatureSchemes::name(scheme), &parsed));
        QCOMPARE(parsed, scheme);
    }
}

void TestSignatureReport::detailText()
{
    SecretSet secrets;
    secrets.add(QStringLiteral("FIRM_SECRET"), "super-secret-value");
    const QByteArray payload = "{\"a\":\"caf\xc3\xa9\"}";
    const QByteArray sig = Hmac::compute(HmacAlgorithm::Sha256, "super-secret-value", payload).toHex();
    const SignatureResult result
        = SignatureVerifier(secrets).verify({}, "{\"payload\": " + payload + ", \"signature\": \"" + sig + "\"}");
    const QString text = SignatureReport::toDetailText(result);
    const QStringList lines = text.split(QLatin1Char('\n'));
    QVERIFY(lines.contains(QStringLiteral("Scheme: Firm App (HMAC-SHA256)")));
    QVERIFY(lines.contains(QStringLiteral("Status: valid")));
    QVERIFY(lines.contains(QStringLiteral("Secret: FIRM_SECRET")));
    QVERIFY(lines.contains(QStringLiteral("Matched: the raw bytes")));
    QVERIFY(lines.contains(QStringLiteral("Expected: ") + QString::fromLatin1(sig)));
    QVERIFY(lines.contains(QStringLiteral("Signed bytes (13): {\"a\":\"caf\u00e9\"}")));
    QVERIFY(!text.contains(QStringLiteral("super-secret-value")));

    const SignatureResult unreadable = SignatureVerifier(secrets).verify({}, "{\"payload\": [1,}");
    QVERIFY(SignatureReport::toDetailText(unreadable).contains(QStringLiteral("JSON error: line 1, column 16")));
}

void TestSignatureReport::printable_data()
{
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<int>("max");
    QTest::addColumn<QString>("expected");
    QTest::newRow("ascii") << QByteArray("a b") << -1 << QStringLiteral("a b");
    QTest::newRow("controls") << QByteArray("a\r\n\t\\\x01") << -1 << QStringLiteral("a\\r\\n\\t\\\\\\x01");
    QTest::newRow("utf-8 kept") << QByteArray("\xc3\xa9\xf0\x9f\x98\x80") << -1
                                << QString::fromUtf8("\xc3\xa9\xf0\x9f\x98\x80");
    QTest::newRow("invalid utf-8 escaped")
        << QByteArray("\xff\xed\xa0\x80") << -1 << QStringLiteral("\\xff\\xed\\xa0\\x80");
    QTest::newRow("cut") << QByteArray("abcdef") << 2 << QStringLiteral("ab \u2026 (4 more bytes)");
}

void TestSignatureReport::printable()
{
    QFETCH(QByteArray, bytes);
    QFETCH(int, max);
    QFETCH(QString, expected);
    QCOMPARE(SignatureReport::printable(bytes, max), expected);
}

void TestSignatureReport::secretFromEnvironment()
{
    qputenv("HOOKBENCH_TEST_SECRET", "abc\n");
    const auto set = SecretSet::fromEnvironment(QStringLiteral("HOOKBENCH_TEST_SECRET"));
    QVERIFY(set.has_value());
    QCOMPARE(set->secrets().constFirst().value, QByteArray("abc"));
    QCOMPARE(set->secrets().constFirst().label, QStringLiteral("HOOKBENCH_TEST_SECRET"));

    qunsetenv("HOOKBENCH_TEST_SECRET_UNSET");
    const auto unset = SecretSet::fromEnvironment(QStringLiteral("HOOKBENCH_TEST_SECRET_UNSET"));
    QVERIFY_FAILS_WITH(unset, SecretError::Code::NotSet);
    QVERIFY(unset.error().message.contains(QStringLiteral("HOOKBENCH_TEST_SECRET_UNSET")));

    qputenv("HOOKBENCH_TEST_SECRET", "\n");
    QVERIFY_FAILS_WITH(SecretSet::fromEnvironment(QStringLiteral("HOOKBENCH_TEST_SECRET")), SecretError::Code::Empty);
}

void TestSignatureReport::secretFromFile_data()
{
    QTest::addColumn<QByteArray>("content");
    QTest::addColumn<QByteArray>("expected");
    QTest::newRow("trailing newline") << QByteArray("secret\n") << QByteArray("secret");
    QTest::newRow("trailing CRLF") << QByteArray("secret\r\n") << QByteArray("secret");
    QTest::newRow("only one newline removed") << QByteArray("secret\n\n") << QByteArray("secret\n");
    QTest::newRow("spaces kept") << QByteArray(" secret ") << QByteArray(" secret ");
    QTest::newRow("no newline") << QByteArray("whsec_abc") << QByteArray("whsec_abc");
}

void TestSignatureReport::secretFromFile()
{
    QFETCH(QByteArray, content);
    QFETCH(QByteArray, expected);
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("secret.txt"));
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(content);
    file.close();
    const auto set = SecretSet::fromFile(path);
    QVERIFY(set.has_value());
    QCOMPARE(set->secrets().constFirst().value, expected);
    QCOMPARE(set->secrets().constFirst().label, QStringLiteral("secret.txt"));

    QVERIFY_FAILS_WITH(SecretSet::fromFile(dir.filePath(QStringLiteral("absent"))), SecretError::Code::Unreadable);
}

QTEST_GUILESS_MAIN(TestSignatureReport)
#include "TestSignatureReport.moc"

// SPDX-License-Identifier: MIT
// One case per cause a failed signature is explained by. Each builds what the sender signed, alters it
// the way a relay, a framework or a copy-and-paste does, and checks the cause found.
#include <QTest>

#include "signature/SignatureReport.h"
#include "signature/SignatureVerifier.h"

namespace {

QByteArray hmacHex(const QByteArray& key, const QByteArray& data)
{
    return Hmac::compute(HmacAlgorithm::Sha256, key, data).toHex();
}

HttpHeaders github(const QByteArray& value)
{
    return {HttpHeader("X-Hub-Signature-256", value)};
}

QByteArray firmBody(const QByteArray& payload, const QByteArray& signature)
{
    return "{\"payload\":" + payload + ",\"signature\":\"" + signature + "\"}";
}

const QByteArray secretValue = "s3cr3t-value-never-printed";

} // namespace

class TestForensics final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void findsCause_data();
    void findsCause();
    void namesTheSecretThatExplainsIt();
    void quietWithoutForensics();
};

void TestForensics::findsCause_data()
{
    QTest::addColumn<HttpHeaders>("requestHeaders");
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QByteArray>("secret");
    QTest::addColumn<qint64>("now");
    QTest::addColumn<int>("cause");
    QTest::addColumn<QString>("detailMentions");

    const QByteArray compact = R"({"action":"opened","number":7,"title":"café ☕","labels":["a","b"]})";
    const QByteArray sig = "sha256=" + hmacHex(secretValue, compact);
    using C = SignatureCause;

    QTest::newRow("wrong secret") << github(sig) << compact << QByteArray("another-secret") << qint64(0)
                                  << int(C::WrongSecret) << QStringLiteral("wrong secret");

    const QByteArray pretty = "{\n  \"action\": \"opened\",\n  \"number\": 7,\n  \"title\": \"café ☕\",\n  \"labels\": "
                              "[\n    \"a\",\n    \"b\"\n  ]\n}";
    QTest::newRow("pretty-printed by a relay") << github(sig) << pretty << secretValue << qint64(0)
                                               << int(C::BodyReserialized) << QStringLiteral("compact JSON");
    const QByteArray escaped = R"({"action":"opened","number":7,"title":"caf\u00e9 \u2615","labels":["a","b"]})";
    QTest::newRow("ascii-escaped by a relay") << github(sig) << escaped << secretValue << qint64(0)
                                              << int(C::BodyReserialized) << QStringLiteral("compact JSON");
    // The reverse: the sender signed ASCII-escaped JSON (Python's json.dumps) and a relay wrote it literally.
    const QByteArray pythonStyle
        = R"({"action": "opened", "number": 7, "title": "caf\u00e9 \u2615", "labels": ["a", "b"]})";
    QTest::newRow("signed as python json.dumps")
        << github("sha256=" + hmacHex(secretValue, pythonStyle)) << compact << secretValue << qint64(0)
        << int(C::BodyReserialized) << QStringLiteral("Python");
    // A PHP sender (json_encode escapes "/" and non-ASCII); a Node relay wrote the body back literally.
    const QByteArray php = R"({"url":"https:\/\/example.com\/caf\u00e9","id":1})";
    QTest::newRow("signed as PHP json_encode")
        << github("sha256=" + hmacHex(secretValue, php)) << QByteArray(R"({"url":"https://example.com/café","id":1})")
        << secretValue << qint64(0) << int(C::BodyReserialized) << QStringLiteral("PHP");
    const QByteArray sent = R"({"user":{"login":"octocat","id":1},"action":"opened","number":7,"title":"x"})";
    const QByteArray sortedByRelay = R"({"action":"opened","number":7,"title":"x","user":{"id":1,"login":"octocat"}})";
    QTest::newRow("sorted keys by a relay")
        << github("sha256=" + hmacHex(secretValue, sent)) << sortedByRelay << secretValue << qint64(0)
        << int(C::BodyReserialized) << QStringLiteral("sorted");
    // Four keys in order happen by chance: that alone is not taken for a relay.
    const QByteArray sortedBody = R"({"action":"opened","labels":["a","b"],"number":7,"title":"café ☕"})";
    QTest::newRow("wrong secret, small sorted body")
        << github("sha256=" + hmacHex("another-secret", sortedBody)) << sortedBody << secretValue << qint64(0)
        << int(C::WrongSecret) << QStringLiteral("wrong secret");
    // The sender signed sorted keys; the body arrived in another order.
    QTest::newRow("key order changed") << github("sha256=" + hmacHex(secretValue, sortedBody)) << compact << secretValue
                                       << qint64(0) << int(C::KeyOrderChanged) << QStringLiteral("keys sorted");
    QTest::newRow("firm app: key order changed")
        << HttpHeaders {} << firmBody(R"({"b":1,"a":2})", hmacHex(secretValue, R"({"a":2,"b":1})")) << secretValue
        << qint64(0) << int(C::KeyOrderChanged) << QStringLiteral("payload with its keys sorted");

    QTest::newRow("trailing newline added") << github(sig) << QByteArray(compact + '\n') << secretValue << qint64(0)
                                            << int(C::TrailingNewline) << QStringLiteral("trailing newline");
    QTest::newRow("trailing newline removed")
        << github("sha256=" + hmacHex(secretValue, QByteArray(compact + '\n'))) << compact << secretValue << qint64(0)
        << int(C::TrailingNewline) << QStringLiteral("removed");
    const QByteArray lines = "line one\nline two\n";
    QByteArray crlf = lines;
    crlf.replace("\n", "\r\n");
    QTest::newRow("CRLF line endings") << github("sha256=" + hmacHex(secretValue, lines)) << crlf << secretValue
                                       << qint64(0) << int(C::LineEndings) << QStringLiteral("CRLF");
    QTest::newRow("byte order mark added") << github(sig) << QByteArray("\xEF\xBB\xBF" + compact) << secretValue
                                           << qint64(0) << int(C::ByteOrderMark) << QStringLiteral("byte order mark");

    QTest::newRow("hex case") << github(sig.toUpper().replace("SHA256=", "sha256=")) << compact << secretValue
                              << qint64(0) << int(C::HexCase) << QStringLiteral("letter case");
    QTest::newRow("firm app: hex case") << HttpHeaders {}
                                        << firmBody(R"({"a":1})", hmacHex(secretValue, R"({"a":1})").toUpper())
                                        << secretValue << qint64(0) << int(C::HexCase) << QStringLiteral("letter case");
    QTest::newRow("firm app: prefix in the value")
        << HttpHeaders {} << firmBody(R"({"a":1})", "sha256=" + hmacHex(secretValue, R"({"a":1})")) << secretValue
        << qint64(0) << int(C::SignaturePrefix) << QStringLiteral("sha256=");
    QTest::newRow("github: prefix missing") << github(hmacHex(secretValue, compact)) << compact << secretValue
                                            << qint64(0) << int(C::SignaturePrefix) << QStringLiteral("lacks");

    const QByteArray rawKey = QByteArray::fromHex("00112233445566778899aabbccddeeff");
    QTest::newRow("secret given as hex") << github("sha256=" + hmacHex(rawKey, compact)) << compact
                                         << QByteArray("00112233445566778899aabbccddeeff") << qint64(0)
                                         << int(C::SecretEncoding) << QStringLiteral("hex-decoded");
    QTest::newRow("secret given as base64")
        << github("sha256=" + hmacHex(rawKey, compact)) << compact << rawKey.toBase64() << qint64(0)
        << int(C::SecretEncoding) << QStringLiteral("base64-decoded");
    QTest::newRow("secret with a trailing newline")
        << github(sig) << compact << QByteArray(secretValue + '\n') << qint64(0) << int(C::SecretEncoding)
        << QStringLiteral("whitespace");
    const QByteArray stripeBody = R"({"id":"evt_1"})";
    const QByteArray stripeSecret = "whsec_abc123";
    const QByteArray stripeSigned = "1700000000." + stripeBody;
    QTest::newRow("stripe secret without whsec_")
        << HttpHeaders {HttpHeader("Stripe-Signature", "t=1700000000,v1=" + hmacHex(stripeSecret, stripeSigned))}
        << stripeBody << QByteArray("abc123") << qint64(1700000000) << int(C::SecretEncoding)
        << QStringLiteral("whsec_");
    const QByteArray svixKey = "0123456789abcdef0123";
    const QByteArray svixSigned = "msg_1.1700000000." + stripeBody;
    const HttpHeaders svixTextKey {
        HttpHeader("webhook-id", "msg_1"), HttpHeader("webhook-timestamp", "1700000000"),
        HttpHeader("webhook-signature",
                   "v1,"
                       + Hmac::compute(HmacAlgorithm::Sha256, QByteArray("whsec_" + svixKey.toBase64()), svixSigned)
                             .toBase64())};
    QTest::newRow("standard webhooks secret used as text")
        << svixTextKey << stripeBody << QByteArray("whsec_" + svixKey.toBase64()) << qint64(1700000000)
        << int(C::SecretEncoding) << QStringLiteral("as text");

    QTest::newRow("stale timestamp") << HttpHeaders {HttpHeader(
        "Stripe-Signature", "t=1700000000,v1=" + hmacHex(stripeSecret, stripeSigned))}
                                     << stripeBody << stripeSecret << qint64(1700000000 + 3600)
                                     << int(C::StaleTimestamp) << QStringLiteral("3600 s old");
}

void TestForensics::findsCause()
{
    QFETCH(HttpHeaders, requestHeaders);
    QFETCH(QByteArray, body);
    QFETCH(QByteArray, secret);
    QFETCH(qint64, now);
    QFETCH(int, cause);
    QFETCH(QString, detailMentions);

    SecretSet secrets;
    secrets.add(QStringLiteral("primary"), secret);
    SignatureOptions options;
    options.clock = [now] {
        return now;
    };
    const SignatureResult result = SignatureVerifier(secrets, options).verify(requestHeaders, body);
    QCOMPARE(result.status, SignatureStatus::Invalid);
    QVERIFY2(int(result.cause) == cause,
             qPrintable(SignatureReport::causeName(result.cause) + QStringLiteral(": ") + result.detail));
    QVERIFY2(result.detail.contains(detailMentions), qPrintable(result.detail));
    QVERIFY(!result.expected.isEmpty());
    QVERIFY(!result.signedBytes.isEmpty());
    if (result.cause != SignatureCause::WrongSecret && result.cause != SignatureCause::BodyReserialized)
        QCOMPARE(result.secretLabel, QStringLiteral("primary"));
    const QString text = SignatureReport::toText(result);
    QVERIFY(text.contains(SignatureReport::causeName(SignatureCause(cause))));
    QVERIFY(!text.contains(QString::fromUtf8(secret.trimmed())));
}

void TestForensics::namesTheSecretThatExplainsIt()
{
    const QByteArray body = R"({"a":1})";
    SecretSet secrets;
    secrets.add(QStringLiteral("old"), "old-secret");
    secrets.add(QStringLiteral("new"), "new-secret");
    const HttpHeaders h = github("sha256=" + hmacHex("new-secret", body).toUpper());
    const SignatureResult result = SignatureVerifier(secrets).verify(h, body);
    QCOMPARE(result.cause, SignatureCause::HexCase);
    QCOMPARE(result.secretLabel, QStringLiteral("new"));
}

void TestForensics::quietWithoutForensics()
{
    SecretSet secrets;
    secrets.add(QStringLiteral("k"), "other");
    SignatureOptions options;
    options.forensics = false;
    const QByteArray body = R"({"a":1})";
    const SignatureResult result
        = SignatureVerifier(secrets, options).verify(github("sha256=" + hmacHex(secretValue, body)), body);
    QCOMPARE(result.status, SignatureStatus::Invalid);
    QCOMPARE(result.cause, SignatureCause::None);
}

QTEST_GUILESS_MAIN(TestForensics)
#include "TestForensics.moc"

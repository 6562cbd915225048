// SPDX-License-Identifier: MIT
// One case per cause a failed signature is explained by. Each builds what the sender signed, alters it
// the way a relay, a framework or a copy-and-paste does, and checks the cause found. Then the bounds on the
// work one diagnosis takes, each just within and just past.
#include <QTest>

#include "json/JsonReader.h"
#include "json/JsonStringifier.h"
#include "signature/SignatureForensics.h"
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

// A GitHub request whose signature was made over signedBytes (with signingSecret), checked with secretValue.
SignatureResult verifyGitHub(const QByteArray& signedBytes, const QByteArray& body,
                             const QByteArray& signingSecret = secretValue)
{
    SecretSet secrets;
    secrets.add(QStringLiteral("primary"), secretValue);
    return SignatureVerifier(secrets).verify(github("sha256=" + hmacHex(signingSecret, signedBytes)), body);
}

QByteArray described(const SignatureResult& result)
{
    return (SignatureReport::causeName(result.cause) + QStringLiteral(": ") + result.detail).toUtf8();
}

// depth arrays around a 0, written as JsonStringifier writes them with this indent.
QByteArray nestedArrays(int depth, const QByteArray& indent)
{
    QByteArray out;
    for (int level = 1; level <= depth; ++level)
        out += '[' + (indent.isEmpty() ? QByteArray() : '\n' + indent.repeated(level));
    out += '0';
    for (int level = depth - 1; level >= 0; --level)
        out += (indent.isEmpty() ? QByteArray() : '\n' + indent.repeated(level)) + ']';
    return out;
}

QByteArray indentedBy4(const QByteArray& json)
{
    const JsonReadResult read = JsonReader::read(json);
    JsonStringifyOptions options;
    options.indent = "    ";
    options.sourceOrder = true;
    return read.ok() ? JsonStringifier::stringify(read.document.root(), options) : QByteArray();
}

} // namespace

class TestForensics final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void findsCause_data();
    void findsCause();
    void namesTheSecretThatExplainsIt();
    void quietWithoutForensics();
    void boundsAsDocumented();
    void jsonSizeBound();
    void jsonDepthBound();
    void reserializedSizeBound_data();
    void reserializedSizeBound();
    void copiedBodyBound_data();
    void copiedBodyBound();
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

void TestForensics::boundsAsDocumented()
{
    // README.md states these.
    QCOMPARE(SignatureForensics::maxJsonBody, qsizetype(1024 * 1024));
    QCOMPARE(SignatureForensics::maxJsonDepth, 64);
    QCOMPARE(SignatureForensics::maxCopiedBody, qsizetype(8 * 1024 * 1024));
    QCOMPARE(SignatureForensics::maxBodyVariants, 24);
}

void TestForensics::jsonSizeBound()
{
    // A JSON body, or a Firm App payload, is re-serialized up to maxJsonBody bytes and not past it; a body
    // past it is not even parsed, so its sorted keys are not taken for a relay's doing either.
    const qsizetype limit = SignatureForensics::maxJsonBody;
    for (const qsizetype size : {limit, limit + 1}) {
        const bool within = size == limit;
        const QByteArray filler(size - 9, 'x');
        const QByteArray spaced = "{\"a\": \"" + filler + "\"}";
        QCOMPARE(spaced.size(), size);
        const SignatureResult body = verifyGitHub("{\"a\":\"" + filler + "\"}", spaced);
        QVERIFY2(body.cause == (within ? SignatureCause::BodyReserialized : SignatureCause::WrongSecret),
                 described(body));
        if (within)
            QVERIFY2(body.detail.contains(u"compact JSON"), described(body));

        // Firm App: the payload's size counts (the verifier itself tries JSON.stringify, so the signed form
        // here is indented).
        const QByteArray indented = "{\n  \"a\": \"" + filler + "\"\n}";
        const QByteArray firm = "{\"payload\":" + spaced + ",\"signature\":\"" + hmacHex(secretValue, indented) + "\"}";
        SecretSet secrets;
        secrets.add(QStringLiteral("primary"), secretValue);
        const SignatureResult payload = SignatureVerifier(secrets).verify({}, firm);
        QCOMPARE(payload.scheme, SignatureScheme::FirmApp);
        QCOMPARE(payload.status, SignatureStatus::Invalid);
        QVERIFY2(payload.cause == (within ? SignatureCause::BodyReserialized : SignatureCause::WrongSecret),
                 described(payload));
        if (within)
            QVERIFY2(payload.detail.contains(u"indented by 2 spaces"), described(payload));

        // Six keys in sorted order and the wrong secret: a relay that sorted keys is named only for a body
        // that was parsed.
        const QByteArray sorted = "{\"a\":\"" + filler.chopped(29) + "\",\"b\":1,\"c\":1,\"d\":1,\"e\":1,\"f\":1}";
        QCOMPARE(sorted.size(), size);
        const SignatureResult keys = verifyGitHub(sorted, sorted, "another-secret");
        QVERIFY2(keys.cause == (within ? SignatureCause::BodyReserialized : SignatureCause::WrongSecret),
                 described(keys));
        if (within)
            QVERIFY2(keys.detail.contains(u"sorted order"), described(keys));
    }
}

void TestForensics::jsonDepthBound()
{
    // Arrays nested maxJsonDepth deep are re-serialized, one more level is not. The indented form of the
    // deepest is over 4 times the compact body: what the 64 KiB floor of the size bound lets through.
    const int limit = SignatureForensics::maxJsonDepth;
    for (const int depth : {limit, limit + 1}) {
        const QByteArray compact = nestedArrays(depth, {});
        const QByteArray indented = nestedArrays(depth, "  ");
        QVERIFY(indented.size() > 4 * compact.size());
        const SignatureResult result = verifyGitHub(indented, compact);
        if (depth == limit) {
            QVERIFY2(result.cause == SignatureCause::BodyReserialized, described(result));
            QVERIFY2(result.detail.contains(u"indented by 2 spaces"), described(result));
        } else {
            QVERIFY2(result.cause == SignatureCause::WrongSecret, described(result));
        }
    }
}

void TestForensics::reserializedSizeBound_data()
{
    QTest::addColumn<int>("over"); // bytes by which the signed form passes 4 times the body
    QTest::newRow("4 times the body") << 0;
    QTest::newRow("one byte more") << 1;
}

void TestForensics::reserializedSizeBound()
{
    // A re-serialization is given up past 4 times the body's size (over 16 KiB here, so the 64 KiB floor
    // is not what decides). Spaces in the body make it larger without changing its serializations; a longer
    // string makes both larger: together they bring the signed form to exactly 4 times the body, plus over.
    QFETCH(int, over);
    QByteArray items;
    for (int i = 0; i < 1200; ++i)
        items += nestedArrays(8, {}) + ',';
    const auto body = [&items](qsizetype spaces, qsizetype letters) -> QByteArray {
        return '[' + QByteArray(spaces, ' ') + items + '"' + QByteArray(letters, 'x') + "\"]";
    };
    QByteArray sent;
    for (qsizetype letters = 1; letters <= 4 && sent.isEmpty(); ++letters) {
        const QByteArray plain = body(0, letters);
        const qsizetype excess = indentedBy4(plain).size() - 4 * plain.size() - over;
        if (excess >= 0 && excess % 4 == 0)
            sent = body(excess / 4, letters);
    }
    QVERIFY(!sent.isEmpty());
    const QByteArray signedForm = indentedBy4(sent);
    QCOMPARE(signedForm.size(), 4 * sent.size() + over);
    QVERIFY(4 * sent.size() > 64 * 1024);
    QVERIFY(sent.size() <= SignatureForensics::maxJsonBody);
    const SignatureResult result = verifyGitHub(signedForm, sent);
    if (over == 0) {
        QVERIFY2(result.cause == SignatureCause::BodyReserialized, described(result));
        QVERIFY2(result.detail.contains(u"indented by 4 spaces"), described(result));
    } else {
        QVERIFY2(result.cause == SignatureCause::WrongSecret, described(result));
    }
}

void TestForensics::copiedBodyBound_data()
{
    // Each variant that copies the body (as opposed to a view of part of it), as the sender signed it.
    QTest::addColumn<QByteArray>("variant");
    QTest::addColumn<QString>("detailMentions");
    QTest::newRow("newline removed") << QByteArray("newline") << QStringLiteral("with a trailing newline");
    QTest::newRow("byte order mark removed") << QByteArray("bom") << QStringLiteral("with a UTF-8 byte order mark");
    QTest::newRow("line endings changed") << QByteArray("crlf") << QStringLiteral("CRLF line endings");
}

void TestForensics::copiedBodyBound()
{
    // Body variants that are copies are tried for bodies up to maxCopiedBody bytes and not past it; those
    // that are views (a trailing newline removed) are tried at any size.
    QFETCH(QByteArray, variant);
    QFETCH(QString, detailMentions);
    const qsizetype limit = SignatureForensics::maxCopiedBody;
    for (const qsizetype size : {limit, limit + 1}) {
        QByteArray body(size, 'a');
        body[0] = '\n';
        QByteArray signedBytes;
        if (variant == "newline")
            signedBytes = body + '\n';
        else if (variant == "bom")
            signedBytes = "\xEF\xBB\xBF" + body;
        else
            signedBytes = "\r" + body;
        const SignatureResult result = verifyGitHub(signedBytes, body);
        if (size == limit) {
            QVERIFY2(result.cause != SignatureCause::WrongSecret, described(result));
            QVERIFY2(result.detail.contains(detailMentions), described(result));
        } else {
            QVERIFY2(result.cause == SignatureCause::WrongSecret, described(result));
        }
    }
    QByteArray withNewline(limit + 1, 'a');
    withNewline.back() = '\n';
    const SignatureResult stripped = verifyGitHub(withNewline.chopped(1), withNewline);
    QVERIFY2(stripped.cause == SignatureCause::TrailingNewline, described(stripped));
}

QTEST_GUILESS_MAIN(TestForensics)
#include "TestForensics.moc"

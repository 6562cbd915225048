// SPDX-License-Identifier: MIT
// Every re-signed replay is checked by a verifier Hookbench did not write: the providers' npm libraries
// (stripe, standardwebhooks, svix, @octokit/webhooks-methods), their documented Node crypto lines (Slack,
// Shopify), and for the Firm App an Express server running the lines of its webhook page. The originals,
// signed with another secret an hour ago, fail the same verifiers.
#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include "ExpectedChecks.h"
#include "ReplayReceiver.h"
#include "json/JsonReader.h"
#include "replay/ReplayPreparer.h"
#include "replay/Replayer.h"
#include "signature/GenericHmacSpec.h"
#include "signature/SignatureSigner.h"

using namespace Qt::StringLiterals;

namespace {

const QByteArray oldSecret = "whsec_b2xkIHNlY3JldCBvbGQgc2VjcmV0IQ==";
const QByteArray genericSpec = "header=X-Sig;algorithm=sha512;encoding=base64;prefix=s=;template={timestamp}.{body};"
                               "timestamp-header=X-Ts";

Capture captureFor(SignatureScheme scheme, const GenericHmacProfile& generic)
{
    Capture capture;
    capture.id = 5;
    capture.method = "POST";
    capture.target = "/hooks";
    capture.httpVersion = "HTTP/1.1";
    capture.body = "{\"id\":\"evt_1\",\"type\":\"x.updated\",\"data\":{\"n\":1.50,\"s\":\"caf\xc3\xa9\"}}";
    capture.headers = {{"Content-Type", "application/json"}, {"X-First", "1"}};
    switch (scheme) {
    case SignatureScheme::GitHub:
        capture.headers += {{"X-Hub-Signature-256", "sha256=00"}, {"X-GitHub-Event", "push"}};
        break;
    case SignatureScheme::Stripe:
        capture.headers += {{"Stripe-Signature", "t=1,v1=00"}};
        break;
    case SignatureScheme::StandardWebhooks:
        capture.headers += {{"webhook-id", "msg_2a"}, {"webhook-timestamp", "1"}, {"webhook-signature", "v1,AA=="}};
        break;
    case SignatureScheme::Svix:
        capture.headers += {{"svix-id", "msg_2b"}, {"svix-timestamp", "1"}, {"svix-signature", "v1,AA=="}};
        break;
    case SignatureScheme::Shopify:
        capture.headers += {{"X-Shopify-Hmac-Sha256", "AA=="}, {"X-Shopify-Topic", "orders/create"}};
        break;
    case SignatureScheme::Slack:
        capture.headers += {{"X-Slack-Request-Timestamp", "1"}, {"X-Slack-Signature", "v0=00"}};
        break;
    case SignatureScheme::Generic:
        capture.headers += {{"X-Ts", "1"}, {"X-Sig", "s=AA=="}};
        break;
    default:
        break;
    }
    capture.headers += {{"X-Last", "z"}};
    // Signed properly, but with the old secret an hour ago: what yesterday's delivery looks like.
    SignOptions options;
    options.now = QDateTime::currentSecsSinceEpoch() - 3600;
    options.generic = generic;
    const Expected<SignatureScheme> signedWith
        = SignatureSigner::sign(capture.headers, capture.body, oldSecret, scheme, options);
    if (!signedWith)
        qFatal("cannot sign the test capture: %s", qPrintable(signedWith.error().message));
    return capture;
}

QList<QPair<QByteArray, QByteArray>> forwarded(const QList<QPair<QByteArray, QByteArray>>& headers)
{
    QList<QPair<QByteArray, QByteArray>> out;
    for (const auto& header : headers) {
        if (header.first != "Host" && header.first != "Content-Length")
            out.append(header);
    }
    return out;
}

ReplayAttempt replay(const Capture& capture, const ReplayTarget& target, const QByteArray& secret)
{
    Replayer replayer;
    replayer.setTarget(target);
    SecretSet secrets;
    secrets.add(QStringLiteral("re-signing secret"), secret);
    replayer.setSecret(secrets);
    ReplayAttempt result;
    bool done = false;
    QObject::connect(&replayer, &Replayer::attemptFinished, &replayer,
                     [&](int, const ReplayAttempt& attempt) { result = attempt; });
    QObject::connect(&replayer, &Replayer::finished, &replayer, [&] { done = true; });
    replayer.start({capture});
    QElapsedTimer clock;
    clock.start();
    while (!done && clock.elapsed() < 20000)
        QTest::qWait(10);
    return result;
}

} // namespace

class TestResignVerifiers final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void headerSchemes_data();
    void headerSchemes();
    void firmAppSplicesTheSignature();
    void standardWebhooksRenewsTheIdWhenAsked();
    void refusesWhenNothingToResign();
    void refusalsSayWhy();

private:
    int nodeVerify(const QString& scheme, const ReceivedRequest& request, const QByteArray& secret, QByteArray* output);

    QString m_node;
    QString m_helpers;
    QTemporaryDir m_dir;
};

void TestResignVerifiers::initTestCase()
{
    m_node = QStandardPaths::findExecutable(u"node"_s);
    if (m_node.isEmpty())
        QSKIP("node is not installed: the verifiers need Node.js and npm (packaging/install-deps.sh --tests)");
    m_helpers = QDir(QStringLiteral(HOOKBENCH_TEST_DATA_DIR)).absoluteFilePath(u"../replay"_s);
    if (!QFile::exists(m_helpers + u"/node_modules/stripe/package.json")) {
        const QString npm = QStandardPaths::findExecutable(u"npm"_s);
        QVERIFY2(!npm.isEmpty(), "node is installed but npm is not: cannot install the verifiers");
        QProcess install;
        install.setWorkingDirectory(m_helpers);
        install.start(npm, {u"ci"_s, u"--no-audit"_s, u"--no-fund"_s, u"--loglevel=error"_s});
        QVERIFY(install.waitForFinished(300000));
        QVERIFY2(install.exitCode() == 0, install.readAllStandardError().constData());
    }
}

int TestResignVerifiers::nodeVerify(const QString& scheme, const ReceivedRequest& request, const QByteArray& secret,
                                    QByteArray* output)
{
    QJsonArray headers;
    for (const auto& header : request.headers)
        headers.append(QJsonArray {QString::fromLatin1(header.first), QString::fromLatin1(header.second)});
    const QString path = m_dir.filePath(u"request.json"_s);
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return -1;
    file.write(QJsonDocument(QJsonObject {{u"headers"_s, headers},
                                          {u"bodyBase64"_s, QString::fromLatin1(request.body.toBase64())}})
                   .toJson());
    file.close();
    QProcess node;
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.insert(u"SECRET"_s, QString::fromUtf8(secret)); // never on the command line
    node.setProcessEnvironment(environment);
    node.start(m_node, {m_helpers + u"/verify.js"_s, scheme, path, QString::fromLatin1(genericSpec)});
    if (!node.waitForFinished(60000))
        return -1;
    *output = node.readAllStandardOutput() + node.readAllStandardError();
    return node.exitCode();
}

void TestResignVerifiers::headerSchemes_data()
{
    QTest::addColumn<SignatureScheme>("scheme");
    QTest::addColumn<QByteArray>("secret");
    QTest::addColumn<QList<QByteArray>>("changed"); // the only headers re-signing may change
    QTest::newRow("github") << SignatureScheme::GitHub << QByteArray("It's a Secret to Everybody")
                            << QList<QByteArray> {"X-Hub-Signature-256"};
    QTest::newRow("stripe") << SignatureScheme::Stripe << QByteArray("whsec_test_new_secret_1234")
                            << QList<QByteArray> {"Stripe-Signature"};
    QTest::newRow("standard_webhooks") << SignatureScheme::StandardWebhooks
                                       << QByteArray("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw")
                                       << QList<QByteArray> {"webhook-timestamp", "webhook-signature"};
    QTest::newRow("svix") << SignatureScheme::Svix << QByteArray("whsec_C2FVsBQIhrscChlQIMV+b5sSYspob7oD")
                          << QList<QByteArray> {"svix-timestamp", "svix-signature"};
    QTest::newRow("shopify") << SignatureScheme::Shopify << QByteArray("shpss_new_secret")
                             << QList<QByteArray> {"X-Shopify-Hmac-Sha256"};
    QTest::newRow("slack") << SignatureScheme::Slack << QByteArray("8f742231b10e8888abcd99yyyzzz85a5")
                           << QList<QByteArray> {"X-Slack-Request-Timestamp", "X-Slack-Signature"};
    QTest::newRow("generic") << SignatureScheme::Generic << QByteArray("generic-new")
                             << QList<QByteArray> {"X-Ts", "X-Sig"};
}

void TestResignVerifiers::headerSchemes()
{
    QFETCH(SignatureScheme, scheme);
    QFETCH(QByteArray, secret);
    QFETCH(QList<QByteArray>, changed);
    const GenericHmacProfile generic = *GenericHmacSpec::parse(QString::fromLatin1(genericSpec));
    const Capture capture = captureFor(scheme, generic);

    ReplayReceiver receiver;
    QVERIFY(receiver.listenLocal());
    ReplayTarget target;
    target.url = QUrl(QString::fromLatin1(receiver.url()));
    target.generic = generic;

    // The original, as it is: the new secret's verifier refuses it.
    QVERIFY(replay(capture, target, secret).succeeded());
    QByteArray output;
    QCOMPARE(nodeVerify(SignatureSchemes::name(scheme), receiver.requests.last(), secret, &output), 1);

    // Re-signed (the scheme detected from the capture): the provider's verifier accepts it.
    target.resign = true;
    const ReplayAttempt attempt = replay(capture, target, secret);
    QVERIFY2(attempt.succeeded(), qPrintable(attempt.summaryText()));
    QCOMPARE(attempt.resignedScheme, SignatureSchemes::name(scheme));
    const ReceivedRequest& resigned = receiver.requests.last();
    const int exit = nodeVerify(SignatureSchemes::name(scheme), resigned, secret, &output);
    QVERIFY2(exit == 0, output.constData());

    // Nothing else changed: same headers in the same order, same body bytes.
    QCOMPARE(resigned.body, capture.body);
    const auto sent = forwarded(resigned.headers);
    QCOMPARE(sent.size(), capture.headers.size());
    for (qsizetype i = 0; i < sent.size(); ++i) {
        QCOMPARE(sent.at(i).first, capture.headers.at(i).first);
        if (!changed.contains(sent.at(i).first))
            QCOMPARE(sent.at(i).second, capture.headers.at(i).second);
    }
}

void TestResignVerifiers::firmAppSplicesTheSignature()
{
    const QByteArray secret = "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa";
    QProcess server;
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.insert(u"FIRM_SECRET"_s, QString::fromLatin1(secret));
    server.setProcessEnvironment(environment);
    server.start(m_node, {m_helpers + u"/firm-app-server.js"_s});
    QVERIFY(server.waitForStarted(10000));
    QTRY_VERIFY_WITH_TIMEOUT(server.canReadLine(), 20000);
    const int port = server.readLine().trimmed().toInt();
    QVERIFY(port > 0);

    // Pretty-printed with the old signature: the receiver re-serializes payload, so spacing may stay.
    Capture capture;
    capture.id = 9;
    capture.method = "POST";
    capture.target = "/firm";
    capture.headers = {{"Content-Type", "application/json"}, {"User-Agent", "FirmApp"}};
    capture.body
        = "{\n  \"payload\": {\n    \"date\": \"2024-11-08T21:49:46.733Z\",\n    \"events\": [\n      {\"action\": "
          "\"update\", \"schema\": \"user\", \"docId\": \"u1\", \"diff\": {\"n\": 1.50}}\n    ]\n  },\n"
          "  \"signature\": \"1821e17f3bb302b589c5a3a04e91766642e90713d99aa83cf047425f15e45d69\"\n}\n";
    ReplayTarget target;
    target.url = QUrl(u"http://127.0.0.1:%1/firm"_s.arg(port));
    QCOMPARE(replay(capture, target, secret).status, 401);
    target.resign = true;
    const ReplayAttempt attempt = replay(capture, target, secret);
    QCOMPARE(attempt.errorKind, ReplayErrorKind::None);
    QCOMPARE(attempt.status, 200);
    QCOMPARE(attempt.responseBody, QByteArray("valid"));
    QCOMPARE(attempt.resignedScheme, u"firm_app"_s);

    // The bytes around the signature value are untouched.
    ReplayReceiver receiver;
    QVERIFY(receiver.listenLocal());
    target.url = QUrl(QString::fromLatin1(receiver.url()));
    QVERIFY(replay(capture, target, secret).succeeded());
    const QByteArray sent = receiver.requests.last().body;
    const qsizetype at = capture.body.indexOf("1821e17f");
    QCOMPARE(sent.size(), capture.body.size());
    QCOMPARE(sent.left(at), capture.body.left(at));
    QCOMPARE(sent.mid(at + 64), capture.body.mid(at + 64));
    QVERIFY(sent.mid(at, 64) != capture.body.mid(at, 64));
    server.closeWriteChannel();
    QVERIFY(server.waitForFinished(10000));
}

void TestResignVerifiers::standardWebhooksRenewsTheIdWhenAsked()
{
    const QByteArray secret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    const Capture capture = captureFor(SignatureScheme::StandardWebhooks, {});
    ReplayReceiver receiver;
    QVERIFY(receiver.listenLocal());
    ReplayTarget target;
    target.url = QUrl(QString::fromLatin1(receiver.url()));
    target.resign = true;
    target.resignScheme = SignatureScheme::StandardWebhooks;
    QVERIFY(replay(capture, target, secret).succeeded());
    QCOMPARE(headerValue(receiver.requests.last().headers, "webhook-id"), QByteArray("msg_2a"));
    target.renewMessageId = true;
    QVERIFY(replay(capture, target, secret).succeeded());
    const QByteArray renewed = headerValue(receiver.requests.last().headers, "webhook-id");
    QVERIFY(renewed.startsWith("msg_"));
    QVERIFY(renewed != "msg_2a");
    QByteArray output;
    QVERIFY2(nodeVerify(u"standard_webhooks"_s, receiver.requests.last(), secret, &output) == 0, output.constData());
}

void TestResignVerifiers::refusesWhenNothingToResign()
{
    Capture capture;
    capture.method = "POST";
    capture.headers = {{"Content-Type", "text/plain"}};
    capture.body = "plain";
    ReplayReceiver receiver;
    QVERIFY(receiver.listenLocal());
    ReplayTarget target;
    target.url = QUrl(QString::fromLatin1(receiver.url()));
    target.resign = true;
    const ReplayAttempt attempt = replay(capture, target, "secret");
    QCOMPARE(attempt.errorKind, ReplayErrorKind::Resign);
    QVERIFY2(attempt.errorMessage.contains(u"not sent"_s), qPrintable(attempt.errorMessage));
    QTest::qWait(50);
    QVERIFY(receiver.requests.isEmpty()); // a request that should be signed is never sent unsigned
}

void TestResignVerifiers::refusalsSayWhy()
{
    const HttpHeaders plain {{"Content-Type", "text/plain"}};
    HttpHeaders headers = plain;
    QByteArray body = "plain";
    const SignOptions options;
    const Expected<SignatureScheme> unknown = SignatureSigner::sign(headers, body, "secret", std::nullopt, options);
    QVERIFY_FAILS_WITH(unknown, Error::Code::InvalidInput);
    QCOMPARE(unknown.error().message, u"no signature scheme recognised in this request"_s);
    // A scheme chosen by hand refuses a request without its header; the refusal names the scheme.
    const Expected<SignatureScheme> stripe
        = SignatureSigner::sign(headers, body, "secret", SignatureScheme::Stripe, options);
    QVERIFY_FAILS_WITH(stripe, Error::Code::InvalidInput);
    QCOMPARE(stripe.error().message, u"Stripe: no Stripe-Signature header to replace"_s);
    QCOMPARE(headers, plain);
    QVERIFY_FAILS_WITH(SchemeHandler::forScheme(SignatureScheme::Shopify)->sign({headers, body}, "secret", options),
                       Error::Code::InvalidInput);
    HttpHeaders github {{"X-Hub-Signature-256", "sha256=00"}};
    const Expected<SignatureScheme> noSecret = SignatureSigner::sign(github, body, {}, std::nullopt, options);
    QVERIFY_FAILS_WITH(noSecret, Error::Code::InvalidInput);
    QCOMPARE(noSecret.error().message, u"no secret to sign with"_s);

    Capture capture;
    capture.method = "POST";
    capture.headers = plain;
    capture.body = body;
    ReplayTarget target;
    target.url = QUrl(u"http://127.0.0.1:9/"_s);
    target.resign = true;
    const PreparedReplay prepared = ReplayPreparer::prepare(capture, target, "secret", 0);
    QVERIFY_FAILS_WITH(prepared.resigning, Error::Code::InvalidInput);
    QVERIFY(prepared.resignedScheme.isEmpty());
    ReplayRequest request = prepared.request;
    QVERIFY_FAILS_WITH(ReplayPreparer::resign(request, target, "secret", 0), Error::Code::InvalidInput);
    request.headers.append(HttpHeader {"X-Hub-Signature-256", "sha256=00"});
    const Expected<QString> resigned = ReplayPreparer::resign(request, target, "secret", 0);
    QVERIFY_EXPECTED(resigned);
    QCOMPARE(*resigned, u"github"_s);
    const PreparedReplay edited = ReplayPreparer::prepareEdited(request, target, "secret", 0);
    QVERIFY_EXPECTED(edited.resigning);
    QCOMPARE(edited.resignedScheme, u"github"_s);
}

QTEST_GUILESS_MAIN(TestResignVerifiers)
#include "TestResignVerifiers.moc"

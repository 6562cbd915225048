// SPDX-License-Identifier: MIT
// The controller behind the Replay tab: targets remembered in the settings without their secrets, attempts
// recorded with their capture, retry, forwarding, and refusals that say why. A re-signing secret is one buffer
// shared with the batch or the forwarding that uses it, overwritten once it is removed and nothing uses it.
#include <QCommandLineParser>
#include <QFile>
#include <QScopeGuard>
#include <QTemporaryDir>
#include <QTest>

#include "ExpectedChecks.h"
#include "ReplayReceiver.h"
#include "SecretWipes.h"
#include "cli/ReplayOptions.h"
#include "replay/LiveForwarder.h"
#include "replay/ReplayController.h"
#include "settings/Settings.h"
#include "signature/SignatureVerifier.h"
#include "store/SessionStore.h"

using namespace Qt::StringLiterals;

class TestReplayController final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();
    void targetsAreRememberedWithoutSecrets();
    void urlPasswordIsNotRemembered();
    void attemptsAreRecordedAndRetried();
    void forwardingRecordsEachCapture();
    void editedRequestIsResigned();
    void resignSecretIsSharedAndWiped();
    void refusals();
    void commandLineOptionsNameTheOption();

private:
    Capture storedCapture(const QByteArray& body);

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<Settings> m_settings;
    SessionStore m_store;
    qint64 m_session = 0;
};

void TestReplayController::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    m_settings = Settings::createTemporary(m_dir->filePath(u"settings.ini"_s));
    QVERIFY_EXPECTED(m_store.open(m_dir->filePath(u"s.sqlite"_s)));
    m_session = *m_store.createSession(u"s"_s);
}

void TestReplayController::cleanup()
{
    m_store.close();
    m_settings.reset();
    m_dir.reset();
}

Capture TestReplayController::storedCapture(const QByteArray& body)
{
    Capture capture;
    capture.sessionId = m_session;
    capture.method = "POST";
    capture.target = "/hook";
    capture.httpVersion = "HTTP/1.1";
    capture.headers = {{"X-Hub-Signature-256", "sha256=00"}, {"Content-Type", "application/json"}};
    capture.body = body;
    capture.receivedAt = QDateTime::currentDateTimeUtc();
    capture.completedAt = capture.receivedAt;
    QList<Capture> batch {capture};
    if (!m_store.append(batch).has_value())
        qFatal("cannot store the test capture");
    return batch.first();
}

void TestReplayController::targetsAreRememberedWithoutSecrets()
{
    ReplayTarget target;
    target.name = u"staging"_s;
    target.url = QUrl(u"https://staging.example/hooks"_s);
    target.addHeaders = {{"X-Env", "staging"}};
    target.dropHeaders = {"User-Agent"};
    target.timeoutMs = 5000;
    target.concurrency = 3;
    target.resign = true;
    target.resignScheme = SignatureScheme::Stripe;
    target.verifyCertificates = false;
    target.caFile = u"/etc/ssl/ca.pem"_s;
    {
        ReplayController controller(m_settings.get(), &m_store);
        controller.setTargets({target});
        controller.setSecret(target.url, "whsec_super_secret_value");
        QCOMPARE(controller.secret(target.url).firstValue(), QByteArray("whsec_super_secret_value"));
    }
    m_settings.reset(); // flushes the file
    QFile file(m_dir->filePath(u"settings.ini"_s));
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QByteArray written = file.readAll();
    QVERIFY(written.contains("staging.example"));
    QVERIFY(!written.contains("super_secret"));
    m_settings = Settings::createTemporary(m_dir->filePath(u"settings.ini"_s));
    ReplayController again(m_settings.get(), &m_store);
    QCOMPARE(again.targets().size(), 1);
    QCOMPARE(again.targets().first(), target);
    QVERIFY(again.secret(target.url).isEmpty());
}

void TestReplayController::urlPasswordIsNotRemembered()
{
    ReplayTarget target;
    target.url = QUrl(u"https://hook:pa55word-in-url@staging.example/hooks"_s);
    {
        ReplayController controller(m_settings.get(), &m_store);
        controller.setTargets({target});
        // Kept for this run: replays still send it.
        QCOMPARE(controller.targets().first().url.password(), u"pa55word-in-url"_s);
    }
    m_settings.reset();
    QFile file(m_dir->filePath(u"settings.ini"_s));
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QByteArray written = file.readAll();
    QVERIFY(written.contains("hook@staging.example"));
    QVERIFY(!written.contains("pa55word"));
    m_settings = Settings::createTemporary(m_dir->filePath(u"settings.ini"_s));
    ReplayController again(m_settings.get(), &m_store);
    QCOMPARE(again.targets().first().url, QUrl(u"https://hook@staging.example/hooks"_s));
}

void TestReplayController::attemptsAreRecordedAndRetried()
{
    ReplayReceiver receiver;
    QVERIFY(receiver.listenLocal());
    ReplayController controller(m_settings.get(), &m_store);
    ReplayTarget target;
    target.url = QUrl(QString::fromLatin1(receiver.url()));
    controller.setTargets({target});
    const Capture capture = storedCapture("{\"a\":1}");
    QList<ReplayAttempt> recorded;
    connect(&controller, &ReplayController::attemptRecorded, this,
            [&recorded](const ReplayAttempt& attempt) { recorded.append(attempt); });
    bool finished = false;
    connect(&controller, &ReplayController::batchFinished, this, [&finished] { finished = true; });
    QVERIFY_EXPECTED(controller.replay({capture}, 0));
    QTRY_VERIFY_WITH_TIMEOUT(finished, 10000);
    QCOMPARE(recorded.size(), 1);
    QVERIFY(recorded.first().id > 0);
    QCOMPARE(controller.attempts(capture.id).size(), 1);
    QCOMPARE(controller.attempts(capture.id).first().status, 200);

    finished = false;
    QVERIFY_EXPECTED(controller.retry(recorded.first()));
    QTRY_VERIFY_WITH_TIMEOUT(finished, 10000);
    QCOMPARE(controller.attempts(capture.id).size(), 2);
    QCOMPARE(receiver.requests.size(), 2);
}

void TestReplayController::forwardingRecordsEachCapture()
{
    ReplayReceiver receiver;
    QVERIFY(receiver.listenLocal());
    ReplayController controller(m_settings.get(), &m_store);
    ReplayTarget target;
    target.url = QUrl(QString::fromLatin1(receiver.url()));
    controller.setTargets({target});
    QVERIFY_EXPECTED(controller.setForwarding(0));
    const Capture first = storedCapture("1");
    const Capture second = storedCapture("2");
    controller.forward({first, second});
    QTRY_COMPARE_WITH_TIMEOUT(controller.attempts(second.id).size(), 1, 10000);
    QCOMPARE(controller.attempts(first.id).size(), 1);
    QVERIFY(controller.attempts(first.id).first().forwarded);
    QVERIFY_EXPECTED(controller.setForwarding(-1));
    controller.forward({storedCapture("3")});
    QTest::qWait(100);
    QCOMPARE(receiver.requests.size(), 2);
}

void TestReplayController::editedRequestIsResigned()
{
    ReplayReceiver receiver;
    QVERIFY(receiver.listenLocal());
    ReplayController controller(m_settings.get(), &m_store);
    ReplayTarget target;
    target.url = QUrl(QString::fromLatin1(receiver.url("/original")));
    controller.setTargets({target});
    controller.setSecret(target.url, "edited-secret");
    const Capture capture = storedCapture("{\"a\":1}");
    // Edited: another method, URL, one header more, another body; GitHub's signature must follow the body.
    ReplayRequest edited;
    edited.method = "PUT";
    edited.url = QUrl(QString::fromLatin1(receiver.url("/edited?x=1")));
    edited.headers = capture.headers;
    edited.headers.append(HttpHeader("X-Edited", "yes"));
    edited.body = "{\"a\":2}";
    bool finished = false;
    connect(&controller, &ReplayController::batchFinished, this, [&finished] { finished = true; });
    QVERIFY_EXPECTED(controller.replayEdited(capture, edited, 0, true));
    QTRY_VERIFY_WITH_TIMEOUT(finished, 10000);
    QCOMPARE(receiver.requests.size(), 1);
    const ReceivedRequest& got = receiver.requests.first();
    QCOMPARE(got.requestLine, QByteArray("PUT /edited?x=1 HTTP/1.1"));
    QCOMPARE(got.body, edited.body);
    QCOMPARE(headerValue(got.headers, "X-Edited"), QByteArray("yes"));
    SecretSet secrets;
    secrets.add(u"new"_s, "edited-secret");
    const SignatureResult result = SignatureVerifier(secrets).verify(got.headers, got.body);
    QCOMPARE(result.scheme, SignatureScheme::GitHub);
    QVERIFY2(result.isValid(), qPrintable(result.detail));
    QCOMPARE(controller.attempts(capture.id).first().resignedScheme, u"github"_s);

    // Without re-signing the edited body keeps the stale signature.
    finished = false;
    QVERIFY_EXPECTED(controller.replayEdited(capture, edited, 0, false));
    QTRY_VERIFY_WITH_TIMEOUT(finished, 10000);
    QVERIFY(
        !SignatureVerifier(secrets).verify(receiver.requests.last().headers, receiver.requests.last().body).isValid());
}

void TestReplayController::resignSecretIsSharedAndWiped()
{
    secretWipes.clear();
    SecretSet::setWipeObserver(observeWipe);
    const auto stopObserving = qScopeGuard([] { SecretSet::setWipeObserver(nullptr); });
    const auto signedWith = [](const QByteArray& secret, const ReceivedRequest& request) {
        const qsizetype before = secretWipes.size();
        bool valid = false;
        {
            SecretSet set;
            set.add(u"expected"_s, secret);
            valid = SignatureVerifier(set).verify(request.headers, request.body).isValid();
        }
        secretWipes.resize(before); // this check's own set, not the controller's
        return valid;
    };
    ReplayReceiver receiver;
    QVERIFY(receiver.listenLocal());
    const char* third = nullptr;
    {
        ReplayController controller(m_settings.get(), &m_store);
        ReplayTarget target;
        target.url = QUrl(QString::fromLatin1(receiver.url()));
        target.resign = true;
        controller.setTargets({target});
        const QByteArray typed = "first-resign-secret";
        controller.setSecret(target.url, typed);
        const char* first = controller.secret(target.url).firstValue().constData();
        QVERIFY(first != typed.constData()); // the controller's own buffer, not the caller's
        QVERIFY(controller.secret(target.url).firstValue().constData() == first); // handed out shared

        // Replaced while a batch runs: the batch shares the first secret and signs with it; the bytes are
        // overwritten when it lets go (a copy would be overwritten at once, or, sharing the bytes, never).
        bool finished = false;
        connect(&controller, &ReplayController::batchFinished, this, [&finished] { finished = true; });
        QVERIFY_EXPECTED(controller.replay({storedCapture("{\"a\":1}")}, 0));
        controller.setSecret(target.url, "second-resign-secret");
        QVERIFY(secretWipes.isEmpty());
        QTRY_VERIFY_WITH_TIMEOUT(finished, 10000);
        QCOMPARE(secretWipes.size(), 1);
        QVERIFY(secretWipes.at(0).data == first); // the same address (compared as pointers: the bytes are freed)
        QCOMPARE(secretWipes.at(0).bytes, QByteArray(19, '\0'));
        QCOMPARE(receiver.requests.size(), 1);
        QVERIFY(signedWith("first-resign-secret", receiver.requests.first()));
        secretWipes.clear();

        // Forwarding shares the second secret; removed meanwhile, it is overwritten when forwarding stops.
        const char* second = controller.secret(target.url).firstValue().constData();
        QVERIFY_EXPECTED(controller.setForwarding(0));
        QVERIFY(controller.forwarder()->secret().firstValue().constData() == second);
        const Capture forwarded = storedCapture("{\"a\":2}");
        controller.forward({forwarded});
        controller.setSecret(target.url, QByteArray());
        QVERIFY(controller.secret(target.url).isEmpty());
        QTRY_COMPARE_WITH_TIMEOUT(controller.attempts(forwarded.id).size(), 1, 10000);
        QCOMPARE(controller.attempts(forwarded.id).first().status, 200);
        QVERIFY(signedWith("second-resign-secret", receiver.requests.last()));
        QVERIFY(secretWipes.isEmpty());
        QVERIFY_EXPECTED(controller.setForwarding(-1));
        QCOMPARE(secretWipes.size(), 1);
        QVERIFY(secretWipes.at(0).data == second);
        QCOMPARE(secretWipes.at(0).bytes, QByteArray(20, '\0'));
        secretWipes.clear();

        controller.setSecret(target.url, "third-resign-secret");
        third = controller.secret(target.url).firstValue().constData();
    }
    // The controller goes: its last secret with it.
    QCOMPARE(secretWipes.size(), 1);
    QVERIFY(secretWipes.at(0).data == third);
    QCOMPARE(secretWipes.at(0).bytes, QByteArray(19, '\0'));
}

void TestReplayController::refusals()
{
    ReplayController controller(m_settings.get(), &m_store);
    const Capture capture = storedCapture("{}");
    const Expected<void> noTarget = controller.replay({capture}, 0);
    QVERIFY_FAILS_WITH(noTarget, Error::Code::InvalidInput);
    QVERIFY(noTarget.error().message.contains(u"choose a target"_s));
    ReplayTarget target;
    target.url = QUrl(u"http://127.0.0.1:9/"_s);
    target.resign = true;
    controller.setTargets({target});
    const Expected<void> noSecret = controller.replay({capture}, 0);
    QVERIFY_FAILS_WITH(noSecret, Error::Code::InvalidInput);
    QVERIFY2(noSecret.error().message.contains(u"no secret"_s), "re-signing without a secret");
    target.resign = false;
    target.url = QUrl(u"ftp://127.0.0.1/"_s);
    controller.setTargets({target});
    const Expected<void> badTarget = controller.replay({capture}, 0);
    QVERIFY_FAILS_WITH(badTarget, Error::Code::InvalidInput);
    QVERIFY(badTarget.error().message.contains(u"http://"_s));
    QVERIFY(!controller.setForwarding(0));
}

void TestReplayController::commandLineOptionsNameTheOption()
{
    const ReplayOptions options;
    const auto parse = [&options](const QStringList& arguments) {
        auto parser = std::make_unique<QCommandLineParser>();
        parser->addOptions(options.options());
        if (!parser->parse(QStringList {u"replay"_s} + arguments))
            qFatal("cannot parse the test arguments: %s", qPrintable(parser->errorText()));
        return parser;
    };
    const Expected<ReplayTarget> target
        = options.target(*parse({u"--concurrency"_s, u"4"_s}), u"to"_s, u"127.0.0.1:3000/hook"_s);
    QVERIFY_EXPECTED(target);
    QCOMPARE(target->url, QUrl(u"http://127.0.0.1:3000/hook"_s));
    QCOMPARE(target->concurrency, 4);
    QVERIFY_EXPECTED(target->validate());

    const Expected<ReplayTarget> badUrl = options.target(*parse({}), u"forward-to"_s, u"ftp://127.0.0.1/"_s);
    QVERIFY_FAILS_WITH(badUrl, Error::Code::InvalidInput);
    QVERIFY2(badUrl.error().message.startsWith(u"--forward-to: "_s), qPrintable(badUrl.error().message));
    const Expected<ReplayTarget> badTimeout
        = options.target(*parse({u"--timeout"_s, u"0"_s}), u"to"_s, u"http://127.0.0.1/"_s);
    QVERIFY_FAILS_WITH(badTimeout, Error::Code::InvalidInput);
    QCOMPARE(badTimeout.error().message, u"--timeout: expected seconds between 0 and 3600"_s);
    const Expected<ReplayTarget> badConcurrency
        = options.target(*parse({u"--concurrency"_s, u"65"_s}), u"to"_s, u"http://127.0.0.1/"_s);
    QVERIFY_FAILS_WITH(badConcurrency, Error::Code::InvalidInput);
    QCOMPARE(badConcurrency.error().message, u"--concurrency: expected a number from 1 to 64"_s);
    const QString absent = m_dir->filePath(u"absent.pem"_s);
    const Expected<ReplayTarget> badCa
        = options.target(*parse({u"--ca-file"_s, absent}), u"to"_s, u"http://127.0.0.1/"_s);
    QVERIFY_FAILS_WITH(badCa, Error::Code::InvalidInput);
    QCOMPARE(badCa.error().message, u"--ca-file: cannot read "_s + absent);

    const Expected<SecretSet> none = options.resignSecret(*parse({}));
    QVERIFY_EXPECTED(none);
    QVERIFY(none->isEmpty());
    qputenv("HOOKBENCH_TEST_RESIGN_SECRET", "resign-secret\n");
    const Expected<SecretSet> fromEnvironment
        = options.resignSecret(*parse({u"--resign-secret-env"_s, u"HOOKBENCH_TEST_RESIGN_SECRET"_s}));
    QVERIFY_EXPECTED(fromEnvironment);
    QCOMPARE(fromEnvironment->firstValue(), QByteArray("resign-secret"));
    const Expected<SecretSet> both = options.resignSecret(
        *parse({u"--resign-secret-env"_s, u"HOOKBENCH_TEST_RESIGN_SECRET"_s, u"--resign-secret-file"_s, absent}));
    QVERIFY_FAILS_WITH(both, Error::Code::InvalidInput);
    QCOMPARE(both.error().message, u"give --resign-secret-env or --resign-secret-file, not both"_s);
    qunsetenv("HOOKBENCH_TEST_RESIGN_SECRET");
    const Expected<SecretSet> unset
        = options.resignSecret(*parse({u"--resign-secret-env"_s, u"HOOKBENCH_TEST_RESIGN_SECRET"_s}));
    QVERIFY_FAILS_WITH(unset, Error::Code::InvalidInput);
    QCOMPARE(unset.error().message,
             u"--resign-secret-env: environment variable HOOKBENCH_TEST_RESIGN_SECRET is not set"_s);
    const Expected<SecretSet> unreadable = options.resignSecret(*parse({u"--resign-secret-file"_s, absent}));
    QVERIFY_FAILS_WITH(unreadable, Error::Code::InvalidInput);
    QVERIFY2(unreadable.error().message.startsWith(u"--resign-secret-file: cannot read secret file "_s),
             qPrintable(unreadable.error().message));

    ReplayTarget paced = *target;
    paced.originalPacing = true;
    paced.pacingSpeed = 0;
    const Expected<void> badPacing = paced.validate();
    QVERIFY_FAILS_WITH(badPacing, Error::Code::InvalidInput);
    QCOMPARE(badPacing.error().message, u"the pacing speed must be positive"_s);
}

QTEST_GUILESS_MAIN(TestReplayController)
#include "TestReplayController.moc"

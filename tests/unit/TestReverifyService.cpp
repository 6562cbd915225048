// SPDX-License-Identifier: MIT
// Changing the secret re-verifies a store of 10,000 captures off the calling thread, drops stale
// generations, and delivers one coalesced batch.
#include <QFile>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include "ExpectedChecks.h"
#include "signature/ReverificationService.h"
#include "signature/SignatureVerifier.h"
#include "store/SessionStore.h"
#include "store/StoredCaptures.h"

namespace {

constexpr int captureCount = 10000;

QList<Capture> makeCaptures(const QByteArray& secret, int count)
{
    QList<Capture> captures;
    captures.reserve(count);
    const QDateTime received = QDateTime::fromSecsSinceEpoch(1700000000, Qt::UTC);
    for (int i = 0; i < count; ++i) {
        Capture capture;
        capture.method = "POST";
        capture.target = "/hook";
        capture.httpVersion = "HTTP/1.1";
        capture.receivedAt = received;
        capture.completedAt = received;
        if (i % 2 == 0) {
            // Firm App, pretty-printed so that it verifies through the re-serialization.
            const QByteArray payload = "{\"n\":" + QByteArray::number(i) + ",\"name\":\"caf\\u00e9\"}";
            const QByteArray signed_ = "{\"n\":" + QByteArray::number(i) + ",\"name\":\"caf\xc3\xa9\"}";
            capture.body = "{\"payload\": " + payload + ", \"signature\": \""
                + Hmac::compute(HmacAlgorithm::Sha256, secret, signed_).toHex() + "\"}";
            capture.headers = {HttpHeader("Content-Type", "application/json")};
        } else {
            capture.body = "{\"action\":\"opened\",\"number\":" + QByteArray::number(i) + "}";
            capture.headers
                = {HttpHeader("Content-Type", "application/json"),
                   HttpHeader("X-Hub-Signature-256",
                              "sha256=" + Hmac::compute(HmacAlgorithm::Sha256, secret, capture.body).toHex())};
        }
        captures.append(capture);
    }
    return captures;
}

SecretSet secretSet(const QString& label, const QByteArray& value)
{
    SecretSet set;
    set.add(label, value);
    return set;
}

} // namespace

class TestReverifyService final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void reverifiesStoredSessionWhenSecretChanges();
    void dropsStaleGenerations();
    void inMemoryCaptures();
    void reportsUnreadableStore();

private:
    QTemporaryDir m_dir;
    QString m_database;
    qint64 m_session = 0;
};

void TestReverifyService::initTestCase()
{
    QVERIFY(m_dir.isValid());
    m_database = m_dir.filePath(QStringLiteral("session.sqlite"));
    SessionStore store;
    QVERIFY_EXPECTED(store.open(m_database, SessionStore::Durability::Normal));
    const auto session = store.createSession(QStringLiteral("reverify"));
    QVERIFY(session);
    m_session = *session;
    QList<Capture> captures = makeCaptures("first-secret", captureCount);
    for (Capture& capture : captures)
        capture.sessionId = m_session;
    QVERIFY_EXPECTED(store.append(captures));
    QCOMPARE(store.captureCount(m_session), qint64(captureCount));
}

void TestReverifyService::reverifiesStoredSessionWhenSecretChanges()
{
    ReverificationService service;
    service.setSource(std::make_shared<StoredCaptures>(m_database, m_session));
    QSignalSpy spy(&service, &ReverificationService::reverified);

    // The secret the captures were signed with: all valid, labelled.
    const quint64 first = service.reverify(secretSet(QStringLiteral("first"), "first-secret"));
    QCOMPARE(spy.count(), 0); // nothing is computed on the calling thread
    QVERIFY(service.isBusy());
    QVERIFY(spy.wait(60000));
    QVERIFY(!service.isBusy());
    QCOMPARE(spy.count(), 1);
    QCOMPARE(spy.at(0).at(0).value<quint64>(), first);
    const auto valid = spy.at(0).at(1).value<ReverificationBatch>();
    QCOMPARE(valid.size(), captureCount);
    int raw = 0;
    int reserialized = 0;
    for (const ReverifiedCapture& item : valid) {
        QVERIFY(item.captureId > 0);
        QCOMPARE(item.result.status, SignatureStatus::Valid);
        QCOMPARE(item.result.secretLabel, QStringLiteral("first"));
        raw += item.result.matched == SignatureMatch::Raw;
        reserialized += item.result.matched == SignatureMatch::Reserialized;
    }
    QCOMPARE(raw, captureCount / 2);
    QCOMPARE(reserialized, captureCount / 2);

    // Another secret: all invalid, the cause found.
    spy.clear();
    service.reverify(secretSet(QStringLiteral("second"), "second-secret"));
    QVERIFY(spy.wait(120000));
    const auto invalid = spy.at(0).at(1).value<ReverificationBatch>();
    QCOMPARE(invalid.size(), captureCount);
    for (const ReverifiedCapture& item : invalid) {
        QCOMPARE(item.result.status, SignatureStatus::Invalid);
        QCOMPARE(item.result.cause, SignatureCause::WrongSecret);
    }
    // Results come in capture order.
    QCOMPARE(invalid.constFirst().captureId, valid.constFirst().captureId);
    QCOMPARE(invalid.constLast().captureId, valid.constLast().captureId);
}

void TestReverifyService::dropsStaleGenerations()
{
    ReverificationService service;
    service.setSource(std::make_shared<StoredCaptures>(m_database, m_session));
    QSignalSpy spy(&service, &ReverificationService::reverified);
    // The user types a secret character by character: only the last one's results arrive.
    const QByteArray typed = "first-secret";
    quint64 last = 0;
    for (qsizetype n = 1; n <= typed.size(); ++n)
        last = service.reverify(secretSet(QStringLiteral("typed"), typed.left(n)));
    QVERIFY(spy.wait(120000));
    QTest::qWait(200); // a stale batch would arrive right after
    QCOMPARE(spy.count(), 1);
    QCOMPARE(spy.at(0).at(0).value<quint64>(), last);

    QCOMPARE(service.generation(), last);
    const auto batch = spy.at(0).at(1).value<ReverificationBatch>();
    QCOMPARE(batch.size(), captureCount);
    QCOMPARE(batch.constFirst().result.status, SignatureStatus::Valid);
    QCOMPARE(batch.constLast().result.status, SignatureStatus::Valid);

    // Canceled work is never delivered.
    spy.clear();
    service.reverify(secretSet(QStringLiteral("typed"), typed));
    service.cancel();
    QVERIFY(!service.isBusy());
    QVERIFY(!spy.wait(1000));
}

void TestReverifyService::inMemoryCaptures()
{
    ReverificationService service;
    QList<Capture> captures = makeCaptures("k", 1000);
    for (int i = 0; i < captures.size(); ++i)
        captures[i].id = i + 1;
    service.setCaptures(captures);
    QSignalSpy spy(&service, &ReverificationService::reverified);
    service.reverify(secretSet(QStringLiteral("k"), "k"));
    QVERIFY(spy.wait(60000));
    const auto batch = spy.at(0).at(1).value<ReverificationBatch>();
    QCOMPARE(batch.size(), 1000);
    for (int i = 0; i < batch.size(); ++i) {
        QCOMPARE(batch.at(i).captureId, qint64(i + 1));
        QCOMPARE(batch.at(i).result.status, SignatureStatus::Valid);
    }
    // With no secret, every capture says so.
    spy.clear();
    service.reverify(SecretSet());
    QVERIFY(spy.wait(60000));
    for (const ReverifiedCapture& item : spy.at(0).at(1).value<ReverificationBatch>())
        QCOMPARE(item.result.status, SignatureStatus::NoSecret);
}

void TestReverifyService::reportsUnreadableStore()
{
    ReverificationService service;
    // A regular file where a directory should be: the database cannot be opened.
    const QString blocker = m_dir.filePath(QStringLiteral("blocker"));
    QFile file(blocker);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.close();
    service.setSource(std::make_shared<StoredCaptures>(blocker + QStringLiteral("/x.sqlite"), 1));
    QSignalSpy failed(&service, &ReverificationService::reverificationFailed);
    service.reverify(secretSet(QStringLiteral("k"), "k"));
    QVERIFY(failed.wait(30000));
    QVERIFY(!failed.at(0).at(1).toString().isEmpty());
}

QTEST_GUILESS_MAIN(TestReverifyService)
#include "TestReverifyService.moc"

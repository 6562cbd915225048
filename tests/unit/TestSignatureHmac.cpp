// SPDX-License-Identifier: MIT
// HMAC known answers: RFC 2202 (HMAC-SHA1) and RFC 4231 (HMAC-SHA256/512), https://www.rfc-editor.org/rfc/rfc4231
#include <QTest>
#include <QThread>
#include <atomic>

#include "signature/Hmac.h"

class TestSignatureHmac final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void knownAnswers_data();
    void knownAnswers();
    void constantTimeEquals();
    void concurrentUse();
    void names();
};

void TestSignatureHmac::knownAnswers_data()
{
    QTest::addColumn<int>("algorithm");
    QTest::addColumn<QByteArray>("key");
    QTest::addColumn<QByteArray>("data");
    QTest::addColumn<QByteArray>("hex");
    const QByteArray jefeData = "what do ya want for nothing?";
    QTest::newRow("RFC 2202 case 2, sha1") << int(HmacAlgorithm::Sha1) << QByteArray("Jefe") << jefeData
                                           << QByteArray("effcdf6ae5eb2fa2d27416d5f184df9c259a7c79");
    QTest::newRow("RFC 4231 case 2, sha256")
        << int(HmacAlgorithm::Sha256) << QByteArray("Jefe") << jefeData
        << QByteArray("5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
    QTest::newRow("RFC 4231 case 2, sha512") << int(HmacAlgorithm::Sha512) << QByteArray("Jefe") << jefeData
                                             << QByteArray("164b7a7bfcf819e2e395fbe73b56e0a387bd64222e831fd610270cd7ea2"
                                                           "505549758bf75c05a994a6d034f65f8f0e6fdcaeab1a3"
                                                           "4d4a6b4b636e070a38bce737");
    QTest::newRow("RFC 4231 case 6, key longer than a block")
        << int(HmacAlgorithm::Sha256) << QByteArray(131, '\xaa')
        << QByteArray("Test Using Larger Than Block-Size Key - Hash Key First")
        << QByteArray("60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54");
    // node -e 'crypto.createHmac("sha256","").update("").digest("hex")'
    QTest::newRow("empty key and data") << int(HmacAlgorithm::Sha256) << QByteArray() << QByteArray()
                                        << QByteArray(
                                               "b613679a0814d9ec772f95d778c35fc5ff1697c493715653c6c712144292c5ad");
}

void TestSignatureHmac::knownAnswers()
{
    QFETCH(int, algorithm);
    QFETCH(QByteArray, key);
    QFETCH(QByteArray, data);
    QFETCH(QByteArray, hex);
    QCOMPARE(Hmac::compute(HmacAlgorithm(algorithm), key, data).toHex(), hex);
}

void TestSignatureHmac::constantTimeEquals()
{
    QVERIFY(Hmac::equals("abc", "abc"));
    QVERIFY(!Hmac::equals("abc", "abd"));
    QVERIFY(!Hmac::equals("abc", "abcd"));
    QVERIFY(Hmac::equals(QByteArrayView(), QByteArrayView()));
    QVERIFY(!Hmac::equals("abc", "ABC"));
    // Letter case ignored for ASCII letters only, never for other bytes that differ by 0x20.
    QVERIFY(Hmac::equals("deadBEEF09", "DEADbeef09", Hmac::Case::Insensitive));
    QVERIFY(!Hmac::equals("deadbeef09", "deadbeef0a", Hmac::Case::Insensitive));
    QVERIFY(!Hmac::equals("deadbeef", "deadbee", Hmac::Case::Insensitive));
    QVERIFY(!Hmac::equals("@", "`", Hmac::Case::Insensitive));
    QVERIFY(!Hmac::equals("[", "{", Hmac::Case::Insensitive));
    QVERIFY(!Hmac::equals("\xC1", "\xE1", Hmac::Case::Insensitive));
    QVERIFY(Hmac::equals("Zz", "zZ", Hmac::Case::Insensitive));
}

void TestSignatureHmac::concurrentUse()
{
    // The re-verification pool computes HMACs on several threads at once.
    const QByteArray expected = Hmac::compute(HmacAlgorithm::Sha256, "Jefe", "what do ya want for nothing?");
    std::atomic<int> mismatches {0};
    QList<QThread*> threads;
    for (int t = 0; t < 4; ++t) {
        threads.append(QThread::create([&] {
            for (int i = 0; i < 2000; ++i) {
                if (Hmac::compute(HmacAlgorithm::Sha256, "Jefe", "what do ya want for nothing?") != expected)
                    ++mismatches;
            }
        }));
        threads.constLast()->start();
    }
    for (QThread* thread : std::as_const(threads)) {
        QVERIFY(thread->wait(60000));
        delete thread;
    }
    QCOMPARE(mismatches.load(), 0);
}

void TestSignatureHmac::names()
{
    HmacAlgorithm algorithm = HmacAlgorithm::Sha1;
    QVERIFY(Hmac::fromName(u"SHA512", &algorithm));
    QCOMPARE(algorithm, HmacAlgorithm::Sha512);
    QCOMPARE(Hmac::name(HmacAlgorithm::Sha256), QStringLiteral("sha256"));
    QVERIFY(!Hmac::fromName(u"md5", &algorithm));
}

QTEST_GUILESS_MAIN(TestSignatureHmac)
#include "TestSignatureHmac.moc"

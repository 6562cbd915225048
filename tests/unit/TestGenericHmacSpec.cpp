// SPDX-License-Identifier: MIT
#include <QTest>

#include "ExpectedChecks.h"
#include "signature/GenericHmacSpec.h"
#include "signature/SignatureVerifier.h"

class TestGenericHmacSpec final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void parsesEveryKey()
    {
        const auto profile = GenericHmacSpec::parse(
            u"header=X-Sig;algorithm=sha512;encoding=base64;prefix=v1=;template={timestamp}.{body};"
            u"timestamp-header=X-Ts;id-header=X-Id;tolerance=60");
        QVERIFY_EXPECTED(profile);
        QCOMPARE(profile->header, QByteArray("X-Sig"));
        QCOMPARE(profile->algorithm, HmacAlgorithm::Sha512);
        QCOMPARE(profile->encoding, SignatureEncoding::Base64);
        QCOMPARE(profile->prefix, QByteArray("v1="));
        QCOMPARE(profile->signedTemplate, QByteArray("{timestamp}.{body}"));
        QCOMPARE(profile->timestampHeader, QByteArray("X-Ts"));
        QCOMPARE(profile->idHeader, QByteArray("X-Id"));
        QCOMPARE(profile->toleranceSeconds, 60);
        const auto again = GenericHmacSpec::parse(GenericHmacSpec::write(*profile));
        QVERIFY(again);
        QCOMPARE(GenericHmacSpec::write(*again), GenericHmacSpec::write(*profile));
    }

    void errorsNameTheKey_data()
    {
        QTest::addColumn<QString>("spec");
        QTest::addColumn<QString>("mentions");
        QTest::newRow("algorithm") << u"header=X;algorithm=md5"_qs << u"algorithm"_qs;
        QTest::newRow("encoding") << u"header=X;encoding=hexa"_qs << u"encoding"_qs;
        QTest::newRow("unknown") << u"header=X;colour=red"_qs << u"colour"_qs;
        QTest::newRow("no value") << u"header"_qs << u"key=value"_qs;
        QTest::newRow("tolerance") << u"header=X;tolerance=soon"_qs << u"tolerance"_qs;
        QTest::newRow("empty header") << u"header=;algorithm=sha1"_qs << u"header"_qs;
    }

    void errorsNameTheKey()
    {
        QFETCH(QString, spec);
        QFETCH(QString, mentions);
        const auto profile = GenericHmacSpec::parse(spec);
        QVERIFY_FAILS_WITH(profile, Error::Code::InvalidInput);
        QVERIFY2(profile.error().message.contains(mentions), qPrintable(profile.error().message));
    }

    void verifiesWithTheParsedProfile()
    {
        const auto profile = GenericHmacSpec::parse(u"header=X-Acme-Signature;prefix=sha1=;algorithm=sha1");
        QVERIFY(profile);
        const QByteArray body = R"({"event":"ping"})";
        const QByteArray signature = "sha1=" + Hmac::compute(HmacAlgorithm::Sha1, "k", body).toHex();
        SecretSet secrets;
        secrets.add(QStringLiteral("acme"), "k");
        SignatureOptions options;
        options.scheme = SignatureScheme::Generic;
        options.generic = *profile;
        const SignatureVerifier verifier(secrets, options);
        QVERIFY(verifier.verify(HttpHeaders {{"X-Acme-Signature", signature}}, body).isValid());
        QVERIFY(!verifier.verify(HttpHeaders {{"X-Acme-Signature", "sha1=00"}}, body).isValid());
    }
};

QTEST_GUILESS_MAIN(TestGenericHmacSpec)
#include "TestGenericHmacSpec.moc"

// SPDX-License-Identifier: MIT
// Secrets live in one snapshot that every copy of the set shares (a verifier or a task holds the set, not
// the values), and their bytes are overwritten when the last holder lets go of them.
#include <QTest>

#include "signature/SecretSet.h"
#include "signature/SignatureVerifier.h"

namespace {

struct Wiped
{
    const char* data;
    QByteArray bytes;
};
QList<Wiped> wiped;

void observe(QByteArrayView bytes)
{
    wiped.append(Wiped {bytes.data(), bytes.toByteArray()});
}

} // namespace

class TestSecretSet final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init()
    {
        wiped.clear();
        SecretSet::setWipeObserver(observe);
    }
    void cleanup() { SecretSet::setWipeObserver(nullptr); }

    void copiesShareOneSnapshot()
    {
        QByteArray value = "rotation-secret-1";
        SecretSet set;
        set.add(QStringLiteral("main"), value);
        const char* kept = set.secrets().constFirst().value.constData();
        QVERIFY(kept != value.constData()); // the set's own buffer, not the caller's
        const SecretSet copy = set;
        const SignatureVerifier verifier(set);
        QCOMPARE(copy.secrets().constFirst().value.constData(), kept);
        QCOMPARE(verifier.secrets().secrets().constFirst().value.constData(), kept);
        QCOMPARE(copy.secrets().constFirst().value, value);
    }

    void clearedWhenTheLastHolderLetsGo()
    {
        const char* kept = nullptr;
        {
            SecretSet set;
            set.add(QStringLiteral("main"), "rotation-secret-1");
            set.add(QStringLiteral("next"), "rotation-secret-2");
            kept = set.secrets().constFirst().value.constData();
            auto verifier = std::make_unique<SignatureVerifier>(set); // a task still running
            set = SecretSet(); // removed in the window
            QVERIFY(wiped.isEmpty());
            QCOMPARE(verifier->secrets().secrets().constFirst().value, QByteArray("rotation-secret-1"));
            verifier.reset(); // the task ends
        }
        QCOMPARE(wiped.size(), 2);
        QVERIFY(wiped.at(0).data == kept); // the same address (compared as pointers: the bytes are freed)
        QCOMPARE(wiped.at(0).bytes, QByteArray(17, '\0'));
        QCOMPARE(wiped.at(1).bytes, QByteArray(17, '\0'));
    }

    void addingKeepsTheValuesOnce()
    {
        SecretSet set;
        set.add(QStringLiteral("main"), "first-secret");
        const char* first = set.secrets().constFirst().value.constData();
        set.add(QStringLiteral("next"), "second-secret");
        // The older snapshot went away, but its value lives on in the new one: not overwritten.
        QVERIFY(wiped.isEmpty());
        QCOMPARE(set.secrets().constFirst().value.constData(), first);
        QCOMPARE(set.secrets().constFirst().value, QByteArray("first-secret"));
        set = SecretSet();
        QCOMPARE(wiped.size(), 2);
    }
};

QTEST_GUILESS_MAIN(TestSecretSet)
#include "TestSecretSet.moc"

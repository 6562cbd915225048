// SPDX-License-Identifier: MIT
// The Firm App verifier against signatures Node computed (tests/vectors/generate-firm-vectors.js): the
// committed vectors, and a fresh run of the generator with another seed when node is installed.
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include "signature/SignatureReport.h"
#include "signature/SignatureVerifier.h"

namespace {

QJsonArray readCases(const QString& path, QString* error)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        *error = file.errorString();
        return {};
    }
    return QJsonDocument::fromJson(file.readAll()).object().value(QLatin1String("cases")).toArray();
}

// Verifies every case; returns the failures as text (empty when all hold).
QStringList verifyCases(const QJsonArray& cases, int* rawMatches)
{
    QStringList failures;
    for (const QJsonValue& value : cases) {
        const QJsonObject c = value.toObject();
        const QString name = c.value(QLatin1String("name")).toString();
        const QByteArray body = QByteArray::fromBase64(c.value(QLatin1String("body")).toString().toLatin1());
        const QByteArray stringified
            = QByteArray::fromBase64(c.value(QLatin1String("stringified")).toString().toLatin1());
        SecretSet secrets;
        secrets.add(QStringLiteral("vector"), c.value(QLatin1String("secret")).toString().toUtf8());
        const SignatureResult result = SignatureVerifier(secrets).verify({}, body);
        const SignatureMatch expectedMatch
            = c.value(QLatin1String("rawMatches")).toBool() ? SignatureMatch::Raw : SignatureMatch::Reserialized;
        if (result.scheme != SignatureScheme::FirmApp || result.status != SignatureStatus::Valid
            || result.matched != expectedMatch || result.signedBytes != stringified
            || result.expected != c.value(QLatin1String("signature")).toString().toLatin1())
            failures.append(name + QStringLiteral(": ") + SignatureReport::toText(result));
        if (result.matched == SignatureMatch::Raw)
            ++*rawMatches;
        // The same body with another signature no longer verifies.
        const QByteArray signature = c.value(QLatin1String("signature")).toString().toLatin1();
        QByteArray forged = signature;
        forged[0] = forged[0] == '0' ? '1' : '0';
        QByteArray tampered = body;
        tampered.replace(signature, forged);
        if (SignatureVerifier(secrets).verify({}, tampered).status != SignatureStatus::Invalid)
            failures.append(name + QStringLiteral(": a forged signature verifies"));
    }
    return failures;
}

} // namespace

class TestSignatureFirmVectors final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void committedVectors();
    void liveNodeVectors();
};

void TestSignatureFirmVectors::committedVectors()
{
    QString error;
    const QJsonArray cases = readCases(QStringLiteral(HOOKBENCH_TEST_DATA_DIR "/signature/firm-vectors.json"), &error);
    QVERIFY2(cases.size() >= 2000, qPrintable(error));
    int raw = 0;
    const QStringList failures = verifyCases(cases, &raw);
    QVERIFY2(failures.isEmpty(), qPrintable(failures.mid(0, 10).join(QLatin1Char('\n'))));
    // Both paths are exercised: compact payloads match raw, the rest only after re-serialization.
    QVERIFY(raw > 100);
    QVERIFY(raw < cases.size() - 100);
}

void TestSignatureFirmVectors::liveNodeVectors()
{
    const QString node = QStandardPaths::findExecutable(QStringLiteral("node"));
    if (node.isEmpty())
        QSKIP("node is not installed: the live Node vector run needs it (packaging/install-deps.sh installs it)");
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString out = dir.filePath(QStringLiteral("vectors.json"));
    const QString script = QStringLiteral(HOOKBENCH_TEST_DATA_DIR "/../vectors/generate-firm-vectors.js");
    QVERIFY2(QFile::exists(script), qPrintable(script));
    // Another seed than the committed file: new cases every time the seed changes.
    const QString seed = QString::number(QDateTime::currentSecsSinceEpoch() % 100000);
    QProcess process;
    process.start(node,
                  {script, out, QStringLiteral("--seed"), seed, QStringLiteral("--count"), QStringLiteral("2000")});
    QVERIFY2(process.waitForFinished(120000), "the generator did not finish");
    QVERIFY2(process.exitStatus() == QProcess::NormalExit && process.exitCode() == 0,
             process.readAllStandardError().constData());
    QString error;
    const QJsonArray cases = readCases(out, &error);
    QCOMPARE(cases.size(), 2000);
    int raw = 0;
    const QStringList failures = verifyCases(cases, &raw);
    QVERIFY2(failures.isEmpty(),
             qPrintable(QStringLiteral("seed %1\n").arg(seed) + failures.mid(0, 10).join(QLatin1Char('\n'))));
}

QTEST_GUILESS_MAIN(TestSignatureFirmVectors)
#include "TestSignatureFirmVectors.moc"

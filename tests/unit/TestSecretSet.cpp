// SPDX-License-Identifier: MIT
// Secrets live in one snapshot that every copy of the set shares (a verifier or a task holds the set, not
// the values), and their bytes are overwritten when the last holder lets go of them. The command line's
// secret options read them and name the option when they cannot.
#include <QCommandLineParser>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include "ExpectedChecks.h"
#include "SecretWipes.h"
#include "cli/SecretOptions.h"
#include "signature/SecretSet.h"
#include "signature/SignatureVerifier.h"

using namespace Qt::StringLiterals;

namespace {

// A parser that has read arguments (after the command's name) with the secret options.
std::unique_ptr<QCommandLineParser> parsed(const SecretOptions& options, const QStringList& arguments)
{
    auto parser = std::make_unique<QCommandLineParser>();
    parser->addOptions(options.options());
    if (!parser->parse(QStringList {u"verify"_s} + arguments))
        qFatal("cannot parse the test arguments: %s", qPrintable(parser->errorText()));
    return parser;
}

} // namespace

class TestSecretSet final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init()
    {
        secretWipes.clear();
        SecretSet::setWipeObserver(observeWipe);
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
            QVERIFY(secretWipes.isEmpty());
            QCOMPARE(verifier->secrets().secrets().constFirst().value, QByteArray("rotation-secret-1"));
            verifier.reset(); // the task ends
        }
        QCOMPARE(secretWipes.size(), 2);
        QVERIFY(secretWipes.at(0).data == kept); // the same address (compared as pointers: the bytes are freed)
        QCOMPARE(secretWipes.at(0).bytes, QByteArray(17, '\0'));
        QCOMPARE(secretWipes.at(1).bytes, QByteArray(17, '\0'));
    }

    void addingKeepsTheValuesOnce()
    {
        SecretSet set;
        set.add(QStringLiteral("main"), "first-secret");
        const char* first = set.secrets().constFirst().value.constData();
        set.add(QStringLiteral("next"), "second-secret");
        // The older snapshot went away, but its value lives on in the new one: not overwritten.
        QVERIFY(secretWipes.isEmpty());
        QCOMPARE(set.secrets().constFirst().value.constData(), first);
        QCOMPARE(set.secrets().constFirst().value, QByteArray("first-secret"));
        set = SecretSet();
        QCOMPARE(secretWipes.size(), 2);
    }

    void commandLineOptionsNameTheOption()
    {
        const SecretOptions options;
        QTemporaryDir dir;
        const QString path = dir.filePath(u"secret.txt"_s);
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("file-secret\n");
        file.close();
        qputenv("HOOKBENCH_TEST_OPTION_SECRET", "env-secret");
        const Expected<SecretSet> both = options.read(
            *parsed(options, {u"--secret-env"_s, u"HOOKBENCH_TEST_OPTION_SECRET"_s, u"--secret-file"_s, path}));
        QVERIFY_EXPECTED(both);
        QCOMPARE(both->labels(), (QStringList {u"HOOKBENCH_TEST_OPTION_SECRET"_s, u"secret.txt"_s}));
        qunsetenv("HOOKBENCH_TEST_OPTION_SECRET");

        const Expected<SecretSet> unset
            = options.read(*parsed(options, {u"--secret-env"_s, u"HOOKBENCH_TEST_OPTION_SECRET"_s}));
        QVERIFY_FAILS_WITH(unset, Error::Code::InvalidInput);
        QCOMPARE(unset.error().message,
                 u"--secret-env: environment variable HOOKBENCH_TEST_OPTION_SECRET is not set"_s);
        const Expected<SecretSet> absent
            = options.read(*parsed(options, {u"--secret-file"_s, dir.filePath(u"absent"_s)}));
        QVERIFY_FAILS_WITH(absent, Error::Code::InvalidInput);
        QVERIFY2(absent.error().message.startsWith(u"--secret-file: cannot read secret file "_s),
                 qPrintable(absent.error().message));

        QVERIFY_EXPECTED(options.signatureOptions(*parsed(options, {u"--scheme"_s, u"github"_s})));
        const Expected<SignatureOptions> unknown
            = options.signatureOptions(*parsed(options, {u"--scheme"_s, u"nope"_s}));
        QVERIFY_FAILS_WITH(unknown, Error::Code::InvalidInput);
        QVERIFY2(unknown.error().message.startsWith(u"--scheme: unknown scheme \"nope\" ("_s),
                 qPrintable(unknown.error().message));
        const Expected<SignatureOptions> noSpec
            = options.signatureOptions(*parsed(options, {u"--scheme"_s, u"generic"_s}));
        QVERIFY_FAILS_WITH(noSpec, Error::Code::InvalidInput);
        QCOMPARE(noSpec.error().message, u"--scheme generic needs --generic SPEC"_s);
        const Expected<SignatureOptions> badSpec
            = options.signatureOptions(*parsed(options, {u"--generic"_s, u"algorithm=md5"_s}));
        QVERIFY_FAILS_WITH(badSpec, Error::Code::InvalidInput);
        QVERIFY2(badSpec.error().message.startsWith(u"--generic: "_s), qPrintable(badSpec.error().message));
    }
};

QTEST_GUILESS_MAIN(TestSecretSet)
#include "TestSecretSet.moc"

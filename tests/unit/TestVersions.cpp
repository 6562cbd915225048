// SPDX-License-Identifier: MIT
// The library versions the About dialog shows: each one present, in release form, and the run-time ones
// agreeing with what Qt reports about itself and about the OpenSSL it loaded for TLS.
#include <QLibraryInfo>
#include <QRegularExpression>
#include <QSslSocket>
#include <QTest>

#include "core/Versions.h"

using namespace Qt::StringLiterals;

class TestVersions final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void listsTheFourLibrariesInReleaseForm()
    {
        const QList<LibraryVersion> libraries = Versions::libraries();
        QStringList names;
        const QRegularExpression release(u"^\\d+\\.\\d+\\.\\d+$"_s);
        for (const LibraryVersion& library : libraries) {
            names.append(library.name);
            QVERIFY2(release.match(library.version).hasMatch(), qPrintable(library.name + u": "_s + library.version));
        }
        QCOMPARE(names, (QStringList {u"Qt"_s, u"OpenSSL"_s, u"llhttp"_s, u"SQLite"_s}));
    }

    void qtIsTheLoadedLibrary()
    {
        QCOMPARE(Versions::libraries().value(0).version, QLibraryInfo::version().toString());
    }

    void openSslIsTheOneQtLoadsForTls()
    {
        if (!QSslSocket::supportsSsl())
            QSKIP("Qt has no TLS backend here");
        if (QSslSocket::activeBackend() != u"openssl"_s)
            QSKIP("Qt's TLS backend here is not OpenSSL");
        // Qt says "OpenSSL 3.0.11 19 Sep 2023"; the same library, so the same release.
        const QString qtSays = QSslSocket::sslLibraryVersionString();
        QVERIFY2(qtSays.startsWith(u"OpenSSL "_s + Versions::libraries().value(1).version + u' '), qPrintable(qtSays));
    }

    void summaryNamesEachLibraryWithItsVersion()
    {
        QString expected;
        for (const LibraryVersion& library : Versions::libraries())
            expected += (expected.isEmpty() ? QString() : u", "_s) + library.name + u' ' + library.version;
        QCOMPARE(Versions::summary(), expected);
        QVERIFY(Versions::summary().startsWith(u"Qt "_s + QString::fromLatin1(qVersion()) + u", OpenSSL "_s));
    }
};

QTEST_GUILESS_MAIN(TestVersions)
#include "TestVersions.moc"

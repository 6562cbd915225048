// SPDX-License-Identifier: MIT
// Saves are atomic: a save that fails part way leaves the previous file exactly as it was and says why.
#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>
#include <csignal>

#include <sys/resource.h>

#include "ExpectedChecks.h"
#include "har/HarReader.h"
#include "har/HarWriter.h"

using namespace Qt::StringLiterals;

namespace {

QList<Capture> captures(int count, qsizetype bodyBytes)
{
    QList<Capture> out;
    for (int i = 0; i < count; ++i) {
        Capture capture;
        capture.id = i + 1;
        capture.method = "POST";
        capture.target = "/save/" + QByteArray::number(i);
        capture.httpVersion = "HTTP/1.1";
        capture.body = QByteArray(bodyBytes, char('a' + i % 26));
        out.append(capture);
    }
    return out;
}

QByteArray contents(const QString& path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

} // namespace

class TestHarSave final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void replacesOldFile();
    void failureMidWriteKeepsOldFile();
    void missingDirectory();
    void cancelKeepsOldFile();
    void canceledByProgress();

private:
    QTemporaryDir m_dir;
    QString m_path;
    QByteArray m_old;
};

void TestHarSave::init()
{
    QVERIFY(m_dir.isValid());
    m_path = m_dir.filePath(u"session.har"_s);
    QVERIFY_EXPECTED(HarWriter::writeFile(m_path, captures(3, 10)));
    m_old = contents(m_path);
    QVERIFY(m_old.contains("/save/2"));
}

void TestHarSave::replacesOldFile()
{
    QVERIFY_EXPECTED(HarWriter::writeFile(m_path, captures(5, 20)));
    const HarExpected<HarLog> log = HarReader::readFile(m_path);
    QVERIFY(log.has_value());
    QCOMPARE(log->entries.size(), 5);
    QCOMPARE(QDir(m_dir.path()).entryList(QDir::Files), QStringList {u"session.har"_s}); // no temporary left behind
}

void TestHarSave::failureMidWriteKeepsOldFile()
{
    // A file size limit makes the write fail after a few megabytes, as a full disk would.
    rlimit previous {};
    QCOMPARE(getrlimit(RLIMIT_FSIZE, &previous), 0);
    const auto oldHandler = std::signal(SIGXFSZ, SIG_IGN);
    rlimit limited = previous;
    limited.rlim_cur = 6 * 1024 * 1024;
    QCOMPARE(setrlimit(RLIMIT_FSIZE, &limited), 0);
    const auto error = HarWriter::writeFile(m_path, captures(200, 100 * 1024));
    setrlimit(RLIMIT_FSIZE, &previous);
    std::signal(SIGXFSZ, oldHandler);

    QVERIFY(!error.has_value());
    QCOMPARE(error.error().code, HarErrorCode::FileWrite);
    QVERIFY2(error.error().message.startsWith(u"cannot save " + m_path + u": "), qPrintable(error.error().message));
    QVERIFY2(error.error().message.contains(u"the previous file, if any, is unchanged"_s),
             qPrintable(error.error().message));
    QCOMPARE(contents(m_path), m_old);
    QCOMPARE(QDir(m_dir.path()).entryList(QDir::Files), QStringList {u"session.har"_s});
}

void TestHarSave::missingDirectory()
{
    const QString path = m_dir.filePath(u"no/such/dir/x.har"_s);
    const auto error = HarWriter::writeFile(path, captures(1, 1));
    QVERIFY(!error.has_value());
    QCOMPARE(error.error().code, HarErrorCode::FileOpen);
    QVERIFY2(error.error().message.startsWith(u"cannot write " + path + u": "), qPrintable(error.error().message));
    QVERIFY(!QFile::exists(path));
}

void TestHarSave::cancelKeepsOldFile()
{
    {
        HarWriter writer(m_path);
        QVERIFY_EXPECTED(writer.open());
        for (const Capture& capture : captures(100, 100 * 1024))
            QVERIFY_EXPECTED(writer.add(capture));
        QCOMPARE(writer.entryCount(), 100);
        // destroyed without commit()
    }
    QCOMPARE(contents(m_path), m_old);
    QCOMPARE(QDir(m_dir.path()).entryList(QDir::Files), QStringList {u"session.har"_s});
}

void TestHarSave::canceledByProgress()
{
    HarWriteOptions options;
    options.progress = [](qint64 done, qint64) {
        return done < 2048;
    };
    const auto error = HarWriter::writeFile(m_path, captures(5000, 1), options);
    QVERIFY(!error.has_value());
    QCOMPARE(error.error().code, HarErrorCode::Canceled);
    QCOMPARE(contents(m_path), m_old);
}

QTEST_GUILESS_MAIN(TestHarSave)
#include "TestHarSave.moc"

// SPDX-License-Identifier: MIT
// Large bodies in segment files beside the database: written before the commit, read back by reference, removed
// once nothing refers to them, and never taken from a store instance still writing to them.
#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include "ExpectedChecks.h"
#include "StoreFixtures.h"
#include "store/BodyFiles.h"
#include "store/CaptureScan.h"
#include "store/CaptureTrash.h"
#include "store/SessionStore.h"

using namespace Qt::StringLiterals;
using StoreFixtures::post;
using StoreFixtures::query;

namespace {

// Bytes that differ along the body, so that a read at the wrong offset shows.
QByteArray pattern(qsizetype size, int seed)
{
    QByteArray bytes(size, Qt::Uninitialized);
    for (qsizetype i = 0; i < size; ++i)
        bytes[i] = char((i * 31 + seed * 7 + i / 4096) % 251);
    return bytes;
}

QStringList segments(const QString& storePath)
{
    return QDir(BodyFiles::folderPath(storePath)).entryList({u"*.body"_s}, QDir::Files, QDir::Name);
}

} // namespace

class TestBodyFiles final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();

    void largeBodiesLiveBesideTheDatabase();
    void theScanReadsBodiesFromSegments();
    void aFailedGroupLeavesNoBytesBehind();
    void eachSessionHasItsOwnSegments();
    void deletingAndPurgingGiveSegmentsBack();
    void aSegmentBeingWrittenIsNeverRemoved();
    void segmentsRollOverAtTheirLimit();
    void damagedReferencesReadEmpty();
    void previousVersionStoreOpens();

private:
    QList<Capture> appendAll(QList<Capture> captures);

    std::unique_ptr<QTemporaryDir> m_dir;
    QString m_path;
    std::unique_ptr<SessionStore> m_store;
    qint64 m_session = 0;
};

void TestBodyFiles::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    m_path = m_dir->filePath(u"sessions.sqlite"_s);
    m_store = std::make_unique<SessionStore>();
    QVERIFY_EXPECTED(m_store->open(m_path));
    m_session = m_store->createSession(u"bodies"_s).value_or(0);
    QVERIFY(m_session > 0);
}

void TestBodyFiles::cleanup()
{
    m_store.reset();
    m_dir.reset();
}

QList<Capture> TestBodyFiles::appendAll(QList<Capture> captures)
{
    const Expected<void> appended = m_store->append(captures);
    if (!appended.has_value())
        qWarning() << appended.error().message;
    return appended.has_value() ? captures : QList<Capture>();
}

void TestBodyFiles::largeBodiesLiveBesideTheDatabase()
{
    const QByteArray small = pattern(BodyFiles::threshold - 1, 1);
    const QByteArray large = pattern(BodyFiles::threshold, 2);
    const QByteArray larger = pattern(3 * 1024 * 1024 + 17, 3);
    const QList<Capture> stored = appendAll(
        {post(m_session, "/small", small), post(m_session, "/large", large), post(m_session, "/larger", larger)});
    QCOMPARE(stored.size(), 3);

    // Below the threshold the body is in the row; from it on, the row names a segment and keeps no bytes.
    const auto column = [this](const char* expression, qint64 id) {
        return query(m_path,
                     "SELECT " + QByteArray(expression) + " FROM captures WHERE id = " + QByteArray::number(id));
    };
    QCOMPARE(column("length(body)", stored.at(0).id), QString::number(small.size()));
    QCOMPARE(column("body_file IS NULL", stored.at(0).id), u"1"_s);
    QCOMPARE(column("length(body)", stored.at(1).id), u"0"_s);
    QCOMPARE(column("body_size", stored.at(1).id), QString::number(large.size()));
    QCOMPARE(column("body_offset", stored.at(1).id), u"0"_s);
    QCOMPARE(column("body_offset", stored.at(2).id), QString::number(large.size()));
    const QString segment = column("body_file", stored.at(1).id);
    QVERIFY(BodyFiles::isSegmentName(segment));
    QCOMPARE(column("body_file", stored.at(2).id), segment);
    QCOMPARE(segments(m_path), QStringList {segment});
    QCOMPARE(QFileInfo(BodyFiles::folderPath(m_path) + u'/' + segment).size(), large.size() + larger.size());

    // Read back whole, here and through another instance, as the window reads.
    QCOMPARE(m_store->capture(stored.at(1).id)->body, large);
    SessionStore reader;
    QVERIFY_EXPECTED(reader.open(m_path));
    QCOMPARE(reader.capture(stored.at(0).id)->body, small);
    QCOMPARE(reader.capture(stored.at(1).id)->body, large);
    QCOMPARE(reader.capture(stored.at(2).id)->body, larger);
    QCOMPARE(reader.summaries(m_session).at(2).bodyBytes, larger.size());
    // The size budget counts bodies wherever they are.
    QVERIFY(m_store->totalBytes() >= small.size() + large.size() + larger.size());
}

void TestBodyFiles::theScanReadsBodiesFromSegments()
{
    const QList<Capture> stored = appendAll({post(m_session, "/a", pattern(40000, 4)), post(m_session, "/b", "{}"),
                                             post(m_session, "/c", pattern(70000, 5))});
    QCOMPARE(stored.size(), 3);
    CaptureScan scan;
    QVERIFY_EXPECTED(scan.open(m_path));
    QVERIFY_EXPECTED(scan.beginRead());
    QList<QByteArray> bodies;
    QVERIFY_EXPECTED(scan.scan(m_session, 0, CaptureScan::Column::Body, [&bodies](const CaptureRow& row) {
        bodies.append(row.body.toByteArray());
        return true;
    }));
    QCOMPARE(bodies, (QList<QByteArray> {stored.at(0).body, stored.at(1).body, stored.at(2).body}));
    CaptureRow row;
    row.id = stored.at(2).id;
    QVERIFY(scan.load(CaptureScan::Column::Body | CaptureScan::Column::Headers, row));
    QCOMPARE(row.body.toByteArray(), stored.at(2).body);
    scan.endRead();
}

void TestBodyFiles::aFailedGroupLeavesNoBytesBehind()
{
    const QList<Capture> first = appendAll({post(m_session, "/first", pattern(20000, 6))});
    QCOMPARE(first.size(), 1);
    const QString segment = segments(m_path).value(0);
    const QString segmentPath = BodyFiles::folderPath(m_path) + u'/' + segment;
    QCOMPARE(QFileInfo(segmentPath).size(), 20000);

    // The database refuses the group after its bodies were written: they are cut off again, and no id is given.
    QCOMPARE(query(m_path,
                   "CREATE TRIGGER refuse_poison BEFORE INSERT ON captures WHEN CAST(NEW.target AS TEXT) = '/poison' "
                   "BEGIN SELECT RAISE(ABORT, 'poison refused'); END"),
             QString());
    QList<Capture> poisoned {post(m_session, "/a", pattern(30000, 7)), post(m_session, "/poison", pattern(50000, 8))};
    const Expected<void> refused = m_store->append(poisoned);
    QVERIFY_FAILS_WITH(refused, Error::Code::StoreRefused);
    QVERIFY2(refused.error().message.contains(u"poison refused"_s), qPrintable(refused.error().message));
    QCOMPARE(poisoned.at(0).id, 0);
    QCOMPARE(QFileInfo(segmentPath).size(), 20000);

    // The next group continues where the segment ends, and everything reads back.
    const QList<Capture> after = appendAll({post(m_session, "/after", pattern(25000, 9))});
    QCOMPARE(after.size(), 1);
    QCOMPARE(QFileInfo(segmentPath).size(), 45000);
    QCOMPARE(query(m_path, "SELECT body_offset FROM captures WHERE id = " + QByteArray::number(after.at(0).id)),
             u"20000"_s);
    QCOMPARE(m_store->capture(first.at(0).id)->body, first.at(0).body);
    QCOMPARE(m_store->capture(after.at(0).id)->body, after.at(0).body);
}

void TestBodyFiles::eachSessionHasItsOwnSegments()
{
    const qint64 other = m_store->createSession(u"other"_s).value_or(0);
    QVERIFY(other > 0);
    QCOMPARE(appendAll({post(m_session, "/one", pattern(20000, 10))}).size(), 1);
    QCOMPARE(appendAll({post(other, "/two", pattern(20000, 11))}).size(), 1);
    QCOMPARE(query(m_path, "SELECT COUNT(DISTINCT body_file) FROM captures"), u"2"_s);
    QCOMPARE(segments(m_path).size(), 2);
}

void TestBodyFiles::deletingAndPurgingGiveSegmentsBack()
{
    const qint64 other = m_store->createSession(u"other"_s).value_or(0);
    const QList<Capture> kept = appendAll({post(m_session, "/kept", pattern(300000, 12))});
    const QList<Capture> doomed = appendAll({post(other, "/doomed", pattern(2 * 1024 * 1024, 13))});
    QCOMPARE(kept.size() + doomed.size(), 2);
    const qint64 before = m_store->bodyFileBytes();
    QVERIFY(before >= 300000 + 2 * 1024 * 1024);
    // The deleted session's segment is this instance's open one: it is closed and removed all the same.
    QVERIFY_EXPECTED(m_store->deleteSession(other));
    QCOMPARE(segments(m_path).size(), 1);
    QVERIFY(m_store->bodyFileBytes() <= before - 2 * 1024 * 1024);
    QCOMPARE(m_store->capture(kept.at(0).id)->body, kept.at(0).body);

    // Deleted captures stay undoable until purged; purging gives their segment back.
    const qint64 third = m_store->createSession(u"third"_s).value_or(0);
    const QList<Capture> trashed = appendAll({post(third, "/trashed", pattern(100000, 14))});
    QCOMPARE(segments(m_path).size(), 2);
    CaptureTrash trash(*m_store);
    const Expected<qint64> trashId = trash.trash(third, {trashed.at(0).id});
    QVERIFY_EXPECTED(trashId);
    QCOMPARE(m_store->removeUnreferencedBodies(), 0);
    QCOMPARE(segments(m_path).size(), 2);
    QVERIFY_EXPECTED(trash.purge(*trashId));
    QCOMPARE(segments(m_path).size(), 1);
    QCOMPARE(m_store->capture(kept.at(0).id)->body, kept.at(0).body);
}

void TestBodyFiles::aSegmentBeingWrittenIsNeverRemoved()
{
    // Another instance (another process, as far as the lock goes) writes a segment; its rows are then deleted
    // behind its back, so nothing refers to the segment, but it is still held.
    SessionStore writer;
    QVERIFY_EXPECTED(writer.open(m_path));
    const qint64 other = writer.createSession(u"writer"_s).value_or(0);
    QList<Capture> batch {post(other, "/held", pattern(20000, 15))};
    QVERIFY_EXPECTED(writer.append(batch));
    QCOMPARE(query(m_path, "DELETE FROM captures WHERE session_id = " + QByteArray::number(other)), QString());
    QCOMPARE(segments(m_path).size(), 1);

    QCOMPARE(m_store->removeUnreferencedBodies(), 0);
    QCOMPARE(segments(m_path).size(), 1);
    // Its writer keeps appending to it.
    QList<Capture> more {post(other, "/more", pattern(30000, 16))};
    QVERIFY_EXPECTED(writer.append(more));
    QCOMPARE(writer.capture(more.at(0).id)->body, more.at(0).body);

    // Once the writer closes it, it is an orphan only while nothing refers to it: /more still does.
    writer.close();
    QCOMPARE(m_store->removeUnreferencedBodies(), 0);
    QCOMPARE(m_store->capture(more.at(0).id)->body, more.at(0).body);
    QCOMPARE(query(m_path, "DELETE FROM captures WHERE session_id = " + QByteArray::number(other)), QString());
    QVERIFY(m_store->removeUnreferencedBodies() >= 50000);
    QVERIFY(segments(m_path).isEmpty());
}

void TestBodyFiles::segmentsRollOverAtTheirLimit()
{
    SessionStore store;
    QVERIFY_EXPECTED(store.open(m_dir->filePath(u"fast.sqlite"_s), SessionStore::Durability::Normal));
    const qint64 session = store.createSession(u"big"_s).value_or(0);
    const qsizetype size = 15 * 1024 * 1024;
    QList<qint64> ids;
    for (int i = 0; i < 5; ++i) {
        QList<Capture> batch {post(session, "/big", pattern(size, 20 + i))};
        QVERIFY_EXPECTED(store.append(batch));
        ids.append(batch.at(0).id);
    }
    const QStringList files = segments(m_dir->filePath(u"fast.sqlite"_s));
    QCOMPARE(files.size(), 2); // four bodies fill the first segment to 60 MiB; the fifth would pass 64 MiB
    for (const QString& file : files)
        QVERIFY(QFileInfo(BodyFiles::folderPath(m_dir->filePath(u"fast.sqlite"_s)) + u'/' + file).size()
                <= BodyFiles::segmentLimit);
    for (int i = 0; i < 5; ++i)
        QCOMPARE(store.capture(ids.at(i))->body, pattern(size, 20 + i));
}

void TestBodyFiles::damagedReferencesReadEmpty()
{
    const QList<Capture> stored = appendAll({post(m_session, "/a", pattern(20000, 30)), post(m_session, "/b", "{}")});
    QCOMPARE(stored.size(), 2);
    const QByteArray id = QByteArray::number(stored.at(0).id);

    // A name that would leave the folder is not opened; the rest of the capture still reads.
    QVERIFY(!BodyFiles::isSegmentName(u"../sessions.sqlite"_s));
    QVERIFY(!BodyFiles::isSegmentName(u".body"_s));
    QCOMPARE(query(m_path, "UPDATE captures SET body_file = '../../sessions.sqlite' WHERE id = " + id), QString());
    std::optional<Capture> capture = m_store->capture(stored.at(0).id);
    QVERIFY(capture);
    QCOMPARE(capture->target, "/a");
    QVERIFY(capture->body.isEmpty());

    // A segment shorter than the row says, or missing: the same.
    const QString segment = segments(m_path).value(0);
    QCOMPARE(
        query(m_path,
              "UPDATE captures SET body_file = '" + segment.toLatin1() + "', body_offset = 19000 WHERE id = " + id),
        QString());
    QVERIFY(m_store->capture(stored.at(0).id)->body.isEmpty());
    m_store->close();
    QVERIFY(QFile::remove(BodyFiles::folderPath(m_path) + u'/' + segment));
    QVERIFY_EXPECTED(m_store->open(m_path));
    QVERIFY(m_store->capture(stored.at(0).id)->body.isEmpty());
    QCOMPARE(m_store->capture(stored.at(1).id)->body, "{}");
}

void TestBodyFiles::previousVersionStoreOpens()
{
    // Written by Hookbench with store version 3 (`hookbench listen`, then curl): every body in the database.
    // tests/data/store/README.md says how.
    const QString fixture = QStringLiteral(HOOKBENCH_TEST_DATA_DIR "/store/sessions-v3.sqlite");
    QVERIFY(QFileInfo::exists(fixture));
    const QString path = m_dir->filePath(u"old.sqlite"_s);
    QVERIFY(QFile::copy(fixture, path));
    QFile::setPermissions(path, QFile::ReadOwner | QFile::WriteOwner);
    QCOMPARE(query(path, "PRAGMA user_version"), u"3"_s);

    SessionStore store;
    const Expected<void> error = store.open(path);
    QVERIFY_EXPECTED(error);
    QCOMPARE(query(path, "PRAGMA user_version"), QString::number(SessionStore::currentSchemaVersion));
    const qint64 session = store.latestSessionId().value_or(0);
    const QList<qint64> ids = store.captureIds(session);
    QCOMPARE(ids.size(), 3);
    // The bodies curl sent: a small JSON object, 20,000 'x' (over today's threshold, but in the row) and nothing.
    QCOMPARE(store.capture(ids.at(0))->body, R"({"fixture":"v3"})");
    QCOMPARE(store.capture(ids.at(1))->body, QByteArray(20000, 'x'));
    QCOMPARE(store.capture(ids.at(1))->target, "/large");
    QVERIFY(store.capture(ids.at(2))->body.isEmpty());
    QCOMPARE(store.capture(ids.at(2))->method, "GET");
    // And it takes new large bodies in segments.
    QList<Capture> batch {post(session, "/new", pattern(20000, 40))};
    QVERIFY_EXPECTED(store.append(batch));
    QCOMPARE(store.capture(batch.at(0).id)->body, batch.at(0).body);
    QCOMPARE(segments(path).size(), 1);
}

QTEST_GUILESS_MAIN(TestBodyFiles)
#include "TestBodyFiles.moc"

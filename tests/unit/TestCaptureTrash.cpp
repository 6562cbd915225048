// SPDX-License-Identifier: MIT
// Deleting captures undoably: they move to a hidden session with their replay attempts, come back where they
// were, or are removed for good; no list shows the hidden sessions.
#include <QTemporaryDir>
#include <QTest>

#include "ExpectedChecks.h"
#include "core/ReplayAttempt.h"
#include "store/CaptureTrash.h"
#include "store/ReplayAttemptStore.h"
#include "store/SessionStore.h"
#include "store/StoreSlices.h"

using namespace Qt::StringLiterals;

class TestCaptureTrash final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init()
    {
        m_dir = std::make_unique<QTemporaryDir>();
        m_store = std::make_unique<SessionStore>();
        QVERIFY_EXPECTED(m_store->open(m_dir->filePath(u"sessions.sqlite"_s)));
        m_session = m_store->createSession(u"work"_s).value_or(0);
        QVERIFY(m_session > 0);
        QList<Capture> batch;
        for (int i = 0; i < 10; ++i) {
            Capture capture;
            capture.sessionId = m_session;
            capture.method = "POST";
            capture.target = "/hook/" + QByteArray::number(i);
            capture.httpVersion = "HTTP/1.1";
            capture.body = "{\"n\":" + QByteArray::number(i) + '}';
            capture.receivedAt = capture.completedAt = QDateTime::currentDateTimeUtc();
            capture.responseStatus = 200;
            batch.append(capture);
        }
        QVERIFY_EXPECTED(m_store->append(batch));
        m_ids.clear();
        for (const Capture& capture : batch)
            m_ids.append(capture.id);
    }

    void trashAndRestore()
    {
        ReplayAttempt attempt;
        attempt.captureId = m_ids.at(3);
        attempt.startedAt = QDateTime::currentDateTimeUtc();
        attempt.targetUrl = u"http://127.0.0.1:9/"_s;
        attempt.method = "POST";
        attempt.status = 204;
        ReplayAttemptStore attempts(*m_store);
        QVERIFY_EXPECTED(attempts.add(attempt));

        CaptureTrash trash(*m_store);
        const QList<qint64> doomed {m_ids.at(2), m_ids.at(3), m_ids.at(4)};
        const Expected<qint64> trashId = trash.trash(m_session, doomed);
        QVERIFY_EXPECTED(trashId);
        QCOMPARE(m_store->captureIds(m_session).size(), 7);
        QVERIFY(!m_store->captureIds(m_session).contains(m_ids.at(3)));
        // The hidden session is in no list, and is never the one to continue.
        QCOMPARE(m_store->sessions().size(), 1);
        QCOMPARE(m_store->latestSessionId(), std::optional<qint64>(m_session));
        QCOMPARE(trash.trashIds(), QList<qint64> {*trashId});

        QCOMPARE(trash.restore(*trashId).value_or(0), m_session);
        QCOMPARE(m_store->captureIds(m_session), m_ids);
        QCOMPARE(attempts.count(m_ids.at(3)), 1);
        QVERIFY(trash.trashIds().isEmpty());
        const Expected<qint64> again = trash.restore(*trashId); // once only
        QVERIFY_FAILS_WITH(again, Error::Code::NotFound);
        QVERIFY(again.error().message.contains(u"nothing to undo"_s));
    }

    void purgeRemovesForGood()
    {
        CaptureTrash trash(*m_store);
        const Expected<qint64> first = trash.trash(m_session, {m_ids.at(0)});
        const Expected<qint64> rest = trash.trash(m_session, m_ids.mid(1));
        QVERIFY(first && rest);
        QCOMPARE(m_store->captureCount(m_session), 0);
        QVERIFY_EXPECTED(trash.purge(*first));
        QVERIFY(!m_store->capture(m_ids.at(0)));
        QVERIFY(m_store->capture(m_ids.at(5))); // still in the other hidden session
        QVERIFY_EXPECTED(trash.purgeAll());
        QVERIFY(!m_store->capture(m_ids.at(5)));
        QVERIFY(trash.trashIds().isEmpty());
        QCOMPARE(m_store->sessions().size(), 1);
    }

    void manyRowsMoveInSlices()
    {
        QList<Capture> more;
        for (int i = 0; i < 1000; ++i) { // more than the first slices' 64, 128 and 256 rows
            Capture capture;
            capture.sessionId = m_session;
            capture.method = "POST";
            capture.target = "/bulk";
            capture.httpVersion = "HTTP/1.1";
            capture.receivedAt = capture.completedAt = QDateTime::currentDateTimeUtc();
            more.append(capture);
        }
        QVERIFY_EXPECTED(m_store->append(more));
        const QList<qint64> all = m_store->captureIds(m_session);
        CaptureTrash trash(*m_store);
        const Expected<qint64> trashId = trash.trash(m_session, all);
        QVERIFY(trashId);
        QCOMPARE(m_store->captureCount(m_session), 0);
        QCOMPARE(m_store->captureCount(*trashId), all.size());
        QVERIFY(trash.restore(*trashId));
        QCOMPARE(m_store->captureIds(m_session), all);
    }

    void slicesEndAtTheirBytes()
    {
        // 12 KB bodies stay in the database: about 175 of them make StoreSlices::sliceBytes.
        QList<Capture> large;
        for (int i = 0; i < 400; ++i) {
            Capture capture;
            capture.sessionId = m_session;
            capture.method = "POST";
            capture.target = "/large";
            capture.httpVersion = "HTTP/1.1";
            capture.body = QByteArray(12000, 'x');
            capture.receivedAt = capture.completedAt = QDateTime::currentDateTimeUtc();
            large.append(capture);
        }
        QVERIFY_EXPECTED(m_store->append(large));
        const QList<qint64> all = m_store->captureIds(m_session);
        StoreSlices slices(*m_store, 1000, 1000);
        QCOMPARE(slices.lastIdOfSlice(m_session, 5).value_or(0), all.at(4)); // the row count bounds it
        const qint64 last = slices.lastIdOfSlice(m_session, 1000).value_or(0);
        const qsizetype inSlice = all.indexOf(last) + 1;
        QVERIFY2(inSlice > 150 && inSlice < 200, qPrintable(QString::number(inSlice)));
        const qint64 bytes = slices.captureBytes(m_session, all.at(20)).value_or(0);
        QVERIFY2(bytes >= 12000 && bytes < 12100, qPrintable(QString::number(bytes)));
        QCOMPARE(slices.captureBytes(m_session + 100, all.at(20)).value_or(-1), 0); // not in that session
        QCOMPARE(slices.lastIdOfSlice(m_session + 100, 1000).value_or(-1), 0); // no such session
        // Moving to the trash and back, and purging, takes several slices each.
        CaptureTrash trash(*m_store);
        const Expected<qint64> trashId = trash.trash(m_session, all);
        QVERIFY_EXPECTED(trashId);
        QCOMPARE(m_store->captureCount(*trashId), all.size());
        QCOMPARE(trash.restore(*trashId).value_or(0), m_session);
        QCOMPARE(m_store->captureIds(m_session), all);
        const Expected<qint64> again = trash.trash(m_session, all);
        QVERIFY_EXPECTED(again);
        QVERIFY_EXPECTED(trash.purge(*again));
        QCOMPARE(m_store->captureCount(m_session), 0);
        QVERIFY(!m_store->capture(all.constLast()));
        QVERIFY(trash.trashIds().isEmpty());
        QVERIFY_EXPECTED(trash.purge(*again)); // once gone, purging again does nothing
    }

    void restoreNeedsItsSession()
    {
        CaptureTrash trash(*m_store);
        const Expected<qint64> trashId = trash.trash(m_session, {m_ids.at(1)});
        QVERIFY(trashId);
        QVERIFY_EXPECTED(m_store->deleteSession(m_session));
        const Expected<qint64> orphan = trash.restore(*trashId);
        QVERIFY_FAILS_WITH(orphan, Error::Code::NotFound);
        QVERIFY(orphan.error().message.contains(u"no longer exists"_s));
        QVERIFY_FAILS_WITH(trash.trash(m_session, {}), Error::Code::InvalidInput);
    }

private:
    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<SessionStore> m_store;
    qint64 m_session = 0;
    QList<qint64> m_ids;
};

QTEST_GUILESS_MAIN(TestCaptureTrash)
#include "TestCaptureTrash.moc"

// SPDX-License-Identifier: MIT
// The store's size budget: prune removes the least recently used sessions first until no session is older than
// the age limit and the store fits the byte limit, never the current session, and says what it removed.
#include <QTemporaryDir>
#include <QTest>
#include <QTimeZone>
#include <algorithm>

#include <sqlite3.h>

#include "ExpectedChecks.h"
#include "settings/Settings.h"
#include "store/SessionStore.h"

using namespace Qt::StringLiterals;

namespace {

const QDateTime now(QDate(2026, 6, 1), QTime(12, 0), QTimeZone::utc());
constexpr int kb = 1000;

Capture makeCapture(qint64 sessionId, const QDateTime& receivedAt, qsizetype bodyBytes)
{
    Capture capture;
    capture.sessionId = sessionId;
    capture.method = "POST";
    capture.target = "/hook";
    capture.httpVersion = "HTTP/1.1";
    capture.headers = {{"Host", "127.0.0.1:8787"}};
    capture.rawHead = "POST /hook HTTP/1.1\r\nHost: 127.0.0.1:8787\r\n\r\n";
    capture.body = QByteArray(bodyBytes, 'x');
    capture.peerAddress = u"127.0.0.1"_s;
    capture.receivedAt = receivedAt;
    capture.completedAt = receivedAt;
    return capture;
}

qint64 sqliteNumber(const QString& path, const char* sql)
{
    sqlite3* db = nullptr;
    qint64 value = -1;
    if (sqlite3_open_v2(QFile::encodeName(path).constData(), &db, SQLITE_OPEN_READONLY, nullptr) == SQLITE_OK) {
        sqlite3_stmt* statement = nullptr;
        if (sqlite3_prepare_v2(db, sql, -1, &statement, nullptr) == SQLITE_OK && sqlite3_step(statement) == SQLITE_ROW)
            value = sqlite3_column_int64(statement, 0);
        sqlite3_finalize(statement);
    }
    sqlite3_close(db);
    return value;
}

QList<qint64> idsOf(const QList<SessionInfo>& sessions)
{
    QList<qint64> ids;
    for (const SessionInfo& info : sessions)
        ids.append(info.id);
    return ids;
}

} // namespace

class TestSessionBudget final : public QObject
{
    Q_OBJECT

private:
    // Creates one session per entry, oldest first: created (and last used) daysAgo[i] days before now, with one
    // capture of bodyKb[i] kilobytes (none when 0). Returns their ids in the same order.
    QList<qint64> populate(const QList<int>& daysAgo, const QList<int>& bodyKb)
    {
        QList<qint64> ids;
        for (qsizetype i = 0; i < daysAgo.size(); ++i) {
            const QDateTime at = now.addDays(-daysAgo.at(i));
            const Expected<qint64> id = m_store->createSession(u"session %1"_s.arg(i), at);
            if (!id) {
                qWarning("%s", qPrintable(id.error().message));
                return {};
            }
            ids.append(*id);
            if (bodyKb.at(i) > 0) {
                QList<Capture> captures {makeCapture(*id, at, bodyKb.at(i) * kb)};
                if (const Expected<void> appended = m_store->append(captures); !appended.has_value()) {
                    qWarning("%s", qPrintable(appended.error().message));
                    return {};
                }
            }
        }
        return ids;
    }

    QTemporaryDir m_dir;
    QString m_path;
    int m_databases = 0;
    std::unique_ptr<SessionStore> m_store;

private Q_SLOTS:
    void init()
    {
        QVERIFY(m_dir.isValid());
        m_path = m_dir.filePath(u"budget-%1.sqlite"_s.arg(++m_databases));
        m_store = std::make_unique<SessionStore>();
        const auto error = m_store->open(m_path, SessionStore::Durability::Normal);
        QVERIFY_EXPECTED(error);
    }

    void cleanup() { m_store.reset(); }

    void prune_data()
    {
        QTest::addColumn<QList<int>>("daysAgo"); // per session, oldest first
        QTest::addColumn<QList<int>>("bodyKb");
        QTest::addColumn<int>("current"); // index of the current session
        QTest::addColumn<int>("maxAgeDays");
        QTest::addColumn<int>("maxKb");
        QTest::addColumn<QList<int>>("removed"); // indices, in the order removed

        QTest::newRow("no limits") << QList {90, 60, 1} << QList {100, 100, 100} << 2 << 0 << 0 << QList<int> {};
        QTest::newRow("within both") << QList {20, 10, 1} << QList {100, 100, 100} << 2 << 30 << 1000 << QList<int> {};
        QTest::newRow("by age") << QList {90, 45, 29, 1} << QList {100, 100, 100, 100} << 3 << 30 << 0 << QList {0, 1};
        QTest::newRow("by age, empty sessions too")
            << QList {90, 45, 1} << QList {0, 0, 0} << 2 << 30 << 0 << QList {0, 1};
        QTest::newRow("exactly at the age limit stays")
            << QList {30, 1} << QList {100, 100} << 1 << 30 << 0 << QList<int> {};
        QTest::newRow("by bytes, oldest first")
            << QList {5, 4, 3, 2, 1} << QList {100, 100, 100, 100, 100} << 4 << 0 << 250 << QList {0, 1, 2};
        QTest::newRow("by bytes, a big old one is enough")
            << QList {5, 4, 3, 1} << QList {400, 10, 10, 10} << 3 << 0 << 250 << QList {0};
        QTest::newRow("both: age first, then bytes")
            << QList {60, 20, 10, 5, 1} << QList {10, 100, 100, 100, 100} << 4 << 30 << 250 << QList {0, 1, 2};
        QTest::newRow("never the current, even oldest")
            << QList {90, 60, 10, 1} << QList {100, 100, 100, 100} << 0 << 30 << 150 << QList {1, 2, 3};
        QTest::newRow("current alone over budget")
            << QList {3, 2, 1} << QList {100, 100, 500} << 2 << 0 << 250 << QList {0, 1};
    }

    void prune()
    {
        QFETCH(QList<int>, daysAgo);
        QFETCH(QList<int>, bodyKb);
        QFETCH(int, current);
        QFETCH(int, maxAgeDays);
        QFETCH(int, maxKb);
        QFETCH(QList<int>, removed);

        const QList<qint64> ids = populate(daysAgo, bodyKb);
        QCOMPARE(ids.size(), daysAgo.size());
        const QList<SessionInfo> before = m_store->sessions();
        qint64 totalBefore = 0;
        for (const SessionInfo& info : before)
            totalBefore += info.storedBytes;
        QCOMPARE(m_store->totalBytes(), totalBefore);

        const PruneResult result = m_store->prune({maxAgeDays, qint64(maxKb) * kb}, ids.at(current), now);
        QVERIFY2(!result.error, result.error ? qPrintable(result.error->message) : "");

        QList<qint64> expectedIds;
        for (int index : removed)
            expectedIds.append(ids.at(index));
        QCOMPARE(idsOf(result.removed), expectedIds);
        qint64 expectedFreed = 0;
        for (const SessionInfo& gone : result.removed) {
            const auto info = std::find_if(before.cbegin(), before.cend(),
                                           [&gone](const SessionInfo& s) { return s.id == gone.id; });
            QVERIFY(info != before.cend());
            QCOMPARE(gone.name, info->name);
            QCOMPARE(gone.captureCount, info->captureCount);
            QCOMPARE(gone.storedBytes, info->storedBytes);
            expectedFreed += info->storedBytes;
        }
        QCOMPARE(result.bytesFreed, expectedFreed);
        QCOMPARE(result.bytesKept, totalBefore - expectedFreed);
        QCOMPARE(m_store->totalBytes(), result.bytesKept);

        QList<qint64> remaining = idsOf(m_store->sessions());
        QVERIFY(remaining.contains(ids.at(current)));
        for (qint64 id : std::as_const(expectedIds))
            QVERIFY(!remaining.contains(id));
        QCOMPARE(remaining.size(), ids.size() - expectedIds.size());
        for (qint64 id : std::as_const(expectedIds))
            QCOMPARE(m_store->captureCount(id), 0);

        // A second pass finds nothing more to do.
        QVERIFY(m_store->prune({maxAgeDays, qint64(maxKb) * kb}, ids.at(current), now).removed.isEmpty());
    }

    void ageCountsFromTheLastCapture()
    {
        const QDateTime longAgo = now.addDays(-90);
        const Expected<qint64> continued = m_store->createSession(u"continued"_s, longAgo);
        const Expected<qint64> abandoned = m_store->createSession(u"abandoned"_s, longAgo.addDays(1));
        const Expected<qint64> current = m_store->createSession(u"current"_s, now);
        QVERIFY(continued && abandoned && current);
        QList<Capture> captures {makeCapture(*continued, now.addDays(-2), 10), makeCapture(*abandoned, longAgo, 10)};
        QVERIFY_EXPECTED(m_store->append(captures));

        const QList<SessionInfo> sessions = m_store->sessions();
        QCOMPARE(sessions.size(), 3);
        QCOMPARE(sessions.at(2).id, *continued);
        QCOMPARE(sessions.at(2).createdAt, longAgo);
        QCOMPARE(sessions.at(2).lastActivityAt, now.addDays(-2));

        const PruneResult result = m_store->prune({30, 0}, *current, now);
        QCOMPARE(idsOf(result.removed), QList<qint64> {*abandoned});
    }

    void storedBytesCountHeadsAndHeaders()
    {
        const Expected<qint64> id = m_store->createSession(u"s"_s, now);
        QVERIFY(id);
        QList<Capture> captures {makeCapture(*id, now, 1000), makeCapture(*id, now, 0)};
        QVERIFY_EXPECTED(m_store->append(captures));
        const SessionInfo info = m_store->sessions().constFirst();
        QCOMPARE(info.bodyBytes, 1000);
        QVERIFY2(info.storedBytes > info.bodyBytes + 2 * captures.at(0).rawHead.size(),
                 qPrintable(QString::number(info.storedBytes)));
        QCOMPARE(m_store->totalBytes(), info.storedBytes);
    }

    void pruneGivesSpaceBack()
    {
        QCOMPARE(sqliteNumber(m_path, "PRAGMA auto_vacuum"), 2); // incremental, for a new database
        const QList<qint64> ids = populate({10, 1}, {4000, 1});
        QCOMPARE(ids.size(), 2);
        // What the store takes on disk: the database's pages and the body files beside it (large bodies).
        const auto diskBytes = [this] {
            return sqliteNumber(m_path, "PRAGMA page_count") * sqliteNumber(m_path, "PRAGMA page_size")
                + m_store->bodyFileBytes();
        };
        const qint64 bytesBefore = diskBytes();
        const PruneResult result = m_store->prune({0, 100 * kb}, ids.at(1), now);
        QCOMPARE(idsOf(result.removed), QList<qint64> {ids.at(0)});
        const qint64 bytesAfter = diskBytes();
        QVERIFY2(bytesAfter < bytesBefore / 4, qPrintable(u"%1 -> %2 bytes"_s.arg(bytesBefore).arg(bytesAfter)));
        QCOMPARE(m_store->reclaimSpace(), qint64(0));
    }

    void pruneOnAClosedStoreFails()
    {
        SessionStore closed;
        const PruneResult result = closed.prune({1, 1}, 0, now);
        QVERIFY(result.error);
        QVERIFY(!result.error->message.isEmpty());
        QVERIFY(result.removed.isEmpty());
    }

    void rename()
    {
        const Expected<qint64> id = m_store->createSession(u"before"_s, now);
        QVERIFY(id);
        QVERIFY_EXPECTED(m_store->renameSession(*id, u"after \u00e9"_s));
        QCOMPARE(m_store->sessions().constFirst().name, u"after \u00e9"_s);
        const Expected<void> missing = m_store->renameSession(*id + 100, u"nobody"_s);
        QVERIFY_FAILS_WITH(missing, Error::Code::NotFound);
        QVERIFY(missing.error().message.contains(QString::number(*id + 100)));
    }

    void budgetSettings()
    {
        QTemporaryDir dir;
        auto settings = Settings::createTemporary(dir.filePath(u"s.ini"_s));
        QCOMPARE(settings->sessionMaxAgeDays(), 30);
        QCOMPARE(settings->sessionMaxBytes(), qint64(2) * 1024 * 1024 * 1024);
        settings->setValue(Settings::Key::SessionMaxBytes, u"1048576"_s);
        QCOMPARE(settings->sessionMaxBytes(), 1048576);
        QCOMPARE(settings->value(Settings::Key::ContinueLastSession).toBool(), true);
    }
};

QTEST_GUILESS_MAIN(TestSessionBudget)
#include "TestSessionBudget.moc"

// SPDX-License-Identifier: MIT
// File > Sessions: lists the store's sessions with counts and sizes, opens one, deletes one only after
// confirmation and never the current one, renames in place, and answers Enter, Delete and F2.
#include <QElapsedTimer>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QTimeZone>
#include <QTreeWidget>
#include <algorithm>

#include "ExpectedChecks.h"
#include "StoreFixtures.h"
#include "core/ByteSize.h"
#include "dialogs/SessionsDialog.h"
#include "store/SessionStore.h"
#include "widgets/MessageBar.h"

using namespace Qt::StringLiterals;

namespace {

Capture makeCapture(qint64 sessionId, const QDateTime& receivedAt, const QByteArray& body)
{
    Capture capture;
    capture.sessionId = sessionId;
    capture.method = "POST";
    capture.target = "/hook";
    capture.httpVersion = "HTTP/1.1";
    capture.headers = {{"Host", "127.0.0.1:8787"}};
    capture.rawHead = "POST /hook HTTP/1.1\r\nHost: 127.0.0.1:8787\r\n\r\n";
    capture.body = body;
    capture.peerAddress = u"127.0.0.1"_s;
    capture.receivedAt = receivedAt;
    capture.completedAt = receivedAt;
    return capture;
}

} // namespace

class TestSessionsDialog final : public QObject
{
    Q_OBJECT

private:
    QTreeWidgetItem* itemFor(qint64 id) const
    {
        for (int row = 0; row < m_tree->topLevelItemCount(); ++row) {
            if (m_tree->topLevelItem(row)->data(0, SessionsDialog::SessionIdRole).toLongLong() == id)
                return m_tree->topLevelItem(row);
        }
        return nullptr;
    }

    bool storeHas(qint64 id) const
    {
        const QList<SessionInfo> sessions = m_store->sessions();
        return std::any_of(sessions.begin(), sessions.end(), [id](const SessionInfo& info) { return info.id == id; });
    }

    QString storedName(qint64 id) const
    {
        for (const SessionInfo& info : m_store->sessions()) {
            if (info.id == id)
                return info.name;
        }
        return {};
    }

    void showDialog()
    {
        m_dialog = std::make_unique<SessionsDialog>(m_store.get(), m_current, StoreBudget {30, qint64(2) << 30});
        m_dialog->show();
        QVERIFY(QTest::qWaitForWindowActive(m_dialog.get()));
        m_tree = m_dialog->findChild<QTreeWidget*>(u"sessionsTreeWidget"_s);
        m_open = m_dialog->findChild<QPushButton*>(u"openSessionPushButton"_s);
        m_rename = m_dialog->findChild<QPushButton*>(u"renameSessionPushButton"_s);
        m_delete = m_dialog->findChild<QPushButton*>(u"deleteSessionPushButton"_s);
        QVERIFY(m_tree && m_open && m_rename && m_delete);
    }

    QTemporaryDir m_dir;
    int m_databases = 0;
    std::unique_ptr<SessionStore> m_store;
    std::unique_ptr<SessionsDialog> m_dialog;
    qint64 m_first = 0; // 2 captures, the oldest
    qint64 m_second = 0; // 1 capture
    qint64 m_current = 0; // empty, the newest
    QTreeWidget* m_tree = nullptr;
    QPushButton* m_open = nullptr;
    QPushButton* m_rename = nullptr;
    QPushButton* m_delete = nullptr;

private Q_SLOTS:
    void init()
    {
        QVERIFY(m_dir.isValid());
        m_store = std::make_unique<SessionStore>();
        const auto error
            = m_store->open(m_dir.filePath(u"s%1.sqlite"_s.arg(++m_databases)), SessionStore::Durability::Normal);
        QVERIFY_EXPECTED(error);
        const QDateTime now = QDateTime::currentDateTimeUtc();
        m_first = m_store->createSession(u"Stripe retries"_s, now.addDays(-3)).value_or(0);
        m_second = m_store->createSession(u"GitHub push"_s, now.addDays(-2)).value_or(0);
        m_current = m_store->createSession(u"Today"_s, now).value_or(0);
        QVERIFY(m_first && m_second && m_current);
        QList<Capture> captures {makeCapture(m_first, now.addDays(-3), QByteArray(5000, 'a')),
                                 makeCapture(m_first, now.addDays(-3), "{}"),
                                 makeCapture(m_second, now.addDays(-2), "{}")};
        QVERIFY_EXPECTED(m_store->append(captures));
        showDialog();
    }

    void cleanup()
    {
        m_dialog.reset();
        m_store.reset();
        SessionsDialog::setNextConfirmation(SessionsDialog::Confirmation::Ask);
    }

    void listsSessionsNewestFirst()
    {
        QCOMPARE(m_tree->topLevelItemCount(), 3);
        const QList<qint64> expected {m_current, m_second, m_first};
        const QList<SessionInfo> sessions = m_store->sessions();
        for (int row = 0; row < 3; ++row) {
            QTreeWidgetItem* item = m_tree->topLevelItem(row);
            QCOMPARE(item->data(0, SessionsDialog::SessionIdRole).toLongLong(), expected.at(row));
            const auto info = std::find_if(sessions.begin(), sessions.end(),
                                           [&](const SessionInfo& s) { return s.id == expected.at(row); });
            QVERIFY(info != sessions.end());
            QCOMPARE(item->text(SessionsDialog::NameColumn), info->name);
            QCOMPARE(item->text(SessionsDialog::CapturesColumn), QLocale().toString(info->captureCount));
            QCOMPARE(item->text(SessionsDialog::SizeColumn), ByteSize::text(info->storedBytes));
            QCOMPARE(item->text(SessionsDialog::CreatedColumn),
                     QLocale().toString(info->createdAt.toLocalTime(), QLocale::ShortFormat));
        }
        QCOMPARE(m_tree->topLevelItem(0)->text(SessionsDialog::CapturesColumn), u"0"_s);
        QCOMPARE(m_tree->topLevelItem(1)->text(SessionsDialog::CapturesColumn), u"1"_s);
        QCOMPARE(m_tree->topLevelItem(2)->text(SessionsDialog::CapturesColumn), u"2"_s);

        // The current session is marked, and only it.
        QVERIFY(itemFor(m_current)->data(0, SessionsDialog::CurrentRole).toBool());
        QVERIFY(itemFor(m_current)->font(0).bold());
        QVERIFY(!itemFor(m_first)->data(0, SessionsDialog::CurrentRole).toBool());
        QVERIFY(!itemFor(m_first)->font(0).bold());

        auto* budget = m_dialog->findChild<QLabel*>(u"budgetLabel"_s);
        QVERIFY(budget);
        QVERIFY2(budget->text().contains(ByteSize::text(m_store->totalBytes())), qPrintable(budget->text()));
        QVERIFY2(budget->text().contains(ByteSize::text(qint64(2) << 30)), qPrintable(budget->text()));
        QVERIFY2(budget->text().contains(u"unused for 30 day"_s), qPrintable(budget->text()));
    }

    void openEmitsTheId()
    {
        QSignalSpy open(m_dialog.get(), &SessionsDialog::openRequested);
        m_dialog->selectSession(m_second);
        QVERIFY(m_open->isEnabled());
        QTest::mouseClick(m_open, Qt::LeftButton);
        QCOMPARE(open.count(), 1);
        QCOMPARE(open.at(0).at(0).toLongLong(), m_second);
        QCOMPARE(m_dialog->result(), int(QDialog::Accepted));
        QVERIFY(!m_dialog->isVisible());
    }

    void enterOpensOnce()
    {
        QSignalSpy open(m_dialog.get(), &SessionsDialog::openRequested);
        m_dialog->selectSession(m_first);
        m_tree->setFocus();
        QTest::keyClick(m_tree, Qt::Key_Return);
        QCOMPARE(open.count(), 1);
        QCOMPARE(open.at(0).at(0).toLongLong(), m_first);
    }

    void theCurrentSessionIsNotOpenedAgain()
    {
        QSignalSpy open(m_dialog.get(), &SessionsDialog::openRequested);
        m_dialog->selectSession(m_current);
        QVERIFY(!m_open->isEnabled());
        QTest::keyClick(m_tree, Qt::Key_Return);
        QCOMPARE(open.count(), 0);
    }

    void deleteAsksFirst()
    {
        QSignalSpy deleted(m_dialog.get(), &SessionsDialog::sessionDeleted);
        m_dialog->selectSession(m_first);
        QVERIFY(m_delete->isEnabled());

        SessionsDialog::setNextConfirmation(SessionsDialog::Confirmation::Keep);
        QTest::mouseClick(m_delete, Qt::LeftButton);
        QVERIFY(storeHas(m_first));
        QVERIFY(itemFor(m_first));
        QCOMPARE(deleted.count(), 0);

        // The deletion runs off the window's thread: while another connection holds the write lock, the click
        // returns at once (on the window's thread it would wait out the store's 5 s busy timeout), and the
        // session goes only once the lock is let go.
        auto lock = std::make_unique<StoreFixtures::WriteLock>(m_store->path());
        QVERIFY(lock->isHeld());
        SessionsDialog::setNextConfirmation(SessionsDialog::Confirmation::Delete);
        QElapsedTimer timer;
        timer.start();
        QTest::mouseClick(m_delete, Qt::LeftButton);
        QVERIFY2(timer.elapsed() < 1000, qPrintable(QString::number(timer.elapsed())));
        QTest::qWait(100);
        QCOMPARE(deleted.count(), 0);
        QVERIFY(storeHas(m_first));
        lock.reset();
        QTRY_COMPARE(deleted.count(), 1);
        QVERIFY(!storeHas(m_first));
        QCOMPARE(m_store->captureCount(m_first), 0);
        QVERIFY(!itemFor(m_first));
        QCOMPARE(m_tree->topLevelItemCount(), 2);
        QCOMPARE(deleted.count(), 1);
        QCOMPARE(deleted.at(0).at(0).toLongLong(), m_first);
        auto* bar = m_dialog->findChild<MessageBar*>();
        QVERIFY(bar);
        QVERIFY2(bar->text().contains(u"Stripe retries"_s), qPrintable(bar->text()));
        QVERIFY(storeHas(m_second) && storeHas(m_current));
    }

    void deleteKeyDeletes()
    {
        m_dialog->selectSession(m_second);
        m_tree->setFocus();
        SessionsDialog::setNextConfirmation(SessionsDialog::Confirmation::Delete);
        QTest::keyClick(m_tree, Qt::Key_Delete);
        QTRY_VERIFY(!storeHas(m_second));
        QTRY_VERIFY(!itemFor(m_second));
        QVERIFY(!itemFor(m_second));
        // The next row takes the selection.
        QCOMPARE(m_dialog->selectedSessionId(), m_first);
    }

    void theCurrentSessionCannotBeDeleted()
    {
        QSignalSpy deleted(m_dialog.get(), &SessionsDialog::sessionDeleted);
        m_dialog->selectSession(m_current);
        QCOMPARE(m_dialog->selectedSessionId(), m_current);
        QVERIFY(!m_delete->isEnabled());
        SessionsDialog::setNextConfirmation(SessionsDialog::Confirmation::Delete);
        m_tree->setFocus();
        QTest::keyClick(m_tree, Qt::Key_Delete);
        QTest::mouseClick(m_delete, Qt::LeftButton);
        QVERIFY(storeHas(m_current));
        QVERIFY(itemFor(m_current));
        QCOMPARE(deleted.count(), 0);
    }

    void renameInPlace()
    {
        QSignalSpy renamed(m_dialog.get(), &SessionsDialog::sessionRenamed);
        QSignalSpy open(m_dialog.get(), &SessionsDialog::openRequested);
        m_dialog->selectSession(m_second);
        QTest::mouseClick(m_rename, Qt::LeftButton);
        QLineEdit* editor = nullptr;
        QTRY_VERIFY((editor = m_tree->findChild<QLineEdit*>()) != nullptr && editor->hasFocus());
        editor->selectAll();
        QTest::keyClicks(editor, u"GitHub pushes, main"_s);
        QTest::keyClick(editor, Qt::Key_Return);
        QTRY_COMPARE(renamed.count(), 1);
        QCOMPARE(renamed.at(0).at(0).toLongLong(), m_second);
        QCOMPARE(renamed.at(0).at(1).toString(), u"GitHub pushes, main"_s);
        QCOMPARE(storedName(m_second), u"GitHub pushes, main"_s);
        QCOMPARE(itemFor(m_second)->text(SessionsDialog::NameColumn), u"GitHub pushes, main"_s);
        QCOMPARE(open.count(), 0); // Enter in the editor only commits the name
        QVERIFY(m_dialog->isVisible());
    }

    void renameWithF2AndAnEmptyNameKeepsTheOldName()
    {
        QSignalSpy renamed(m_dialog.get(), &SessionsDialog::sessionRenamed);
        m_dialog->selectSession(m_current); // the current session can be renamed
        m_tree->setFocus();
        QTest::keyClick(m_tree, Qt::Key_F2);
        QLineEdit* editor = nullptr;
        QTRY_VERIFY((editor = m_tree->findChild<QLineEdit*>()) != nullptr && editor->hasFocus());
        editor->selectAll();
        QTest::keyClicks(editor, u"   "_s);
        QTest::keyClick(editor, Qt::Key_Return);
        QTRY_VERIFY(!m_tree->findChild<QLineEdit*>() || !m_tree->findChild<QLineEdit*>()->isVisible());
        QCOMPARE(renamed.count(), 0);
        QCOMPARE(storedName(m_current), u"Today"_s);
        QCOMPARE(itemFor(m_current)->text(SessionsDialog::NameColumn), u"Today"_s);
    }

    void refreshKeepsTheSelection()
    {
        m_dialog->selectSession(m_first);
        QList<Capture> more {makeCapture(m_first, QDateTime::currentDateTimeUtc(), "x")};
        QVERIFY_EXPECTED(m_store->append(more));
        m_dialog->refresh();
        QCOMPARE(m_dialog->selectedSessionId(), m_first);
        QCOMPARE(itemFor(m_first)->text(SessionsDialog::CapturesColumn), u"3"_s);
    }
};

QTEST_MAIN(TestSessionsDialog)
#include "TestSessionsDialog.moc"

// SPDX-License-Identifier: MIT
// The window under a pseudo-translation (every text of hookbench_en.ts shown as "[text]", built by
// packaging/translations/pseudo.py): a text that shows without its brackets did not go through tr(), or is
// missing from the translation source (run the update_translations target).
#include <QAbstractButton>
#include <QAbstractItemView>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QDockWidget>
#include <QGroupBox>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QMenuBar>
#include <QPlainTextEdit>
#include <QRegularExpression>
#include <QTabBar>
#include <QTabWidget>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QTranslator>

#include "ExpectedChecks.h"
#include "RawHttp.h"
#include "dialogs/AboutDialog.h"
#include "dialogs/EndpointDialog.h"
#include "dialogs/ReplayTargetsDialog.h"
#include "dialogs/ResponseRulesDialog.h"
#include "dialogs/SessionsDialog.h"
#include "replay/ReplayController.h"
#include "settings/Settings.h"
#include "store/SessionStore.h"
#include "window/MainWindow.h"

namespace {

// What is left of a text once its bracketed (translated) parts, addresses, paths, media types, hashes, markup
// and numbers are taken out: words there were not translated.
QString untranslatedPart(const QString& text)
{
    QString rest;
    int depth = 0;
    for (const QChar c : text) {
        if (c == u'[')
            ++depth;
        else if (c == u']' && depth > 0)
            --depth;
        else if (depth == 0)
            rest += c;
    }
    static const QRegularExpression data(QStringLiteral(R"(\S*[/\\]\S*|<[^>]*>|&\w+;|\b[0-9a-f]{16,}\b|\d\S*)"));
    rest.remove(data);
    // Names of products and providers, which stay as they are in every language.
    static const QRegularExpression names(QStringLiteral(
        R"(\b(Hookbench|Qt|OpenSSL|llhttp|SQLite|Firm App|GitHub|Stripe|Standard Webhooks|Svix|Shopify|Slack)\b)"));
    rest.remove(names);
    // Words in capitals are data too (methods, HMAC, SHA256); a text has a word in lower case.
    static const QRegularExpression word(QStringLiteral(R"(\b[A-Za-z]*[a-z][A-Za-z]*\b)"));
    return word.match(rest).hasMatch() ? rest.simplified() : QString();
}

// Widgets whose texts Qt writes and translates itself (qtbase_*.qm): a tab bar's scroll buttons.
bool isQtsOwn(QWidget* widget)
{
    return qobject_cast<QAbstractButton*>(widget) && qobject_cast<QTabBar*>(widget->parentWidget());
}

// A dialog's standard button ("OK", "Close"): its text is Qt's.
bool isStandardButton(QAbstractButton* button)
{
    auto* box = qobject_cast<QDialogButtonBox*>(button->parentWidget());
    return box && box->standardButton(button) != QDialogButtonBox::NoButton;
}

// A placeholder that shows the syntax of a value ("header=X-Signature;algorithm=sha256;...") is data.
bool isSyntaxExample(QLineEdit* edit)
{
    return edit->objectName() == QStringLiteral("genericSpecLineEdit");
}

// Labels that show what the capture holds (the answer's header lines and body) are data, not texts.
bool isCaptureData(QWidget* widget)
{
    const QString name = widget->objectName();
    return name == QStringLiteral("answerHeadersOverviewLabel") || name == QStringLiteral("answerBodyOverviewLabel");
}

class TextAudit
{
public:
    void check(const QString& where, const QString& text)
    {
        if (text.isEmpty())
            return;
        ++m_checked;
        if (!untranslatedPart(text).isEmpty())
            m_failures << QStringLiteral("%1: \"%2\"").arg(where, text);
    }

    void checkMenu(const QString& where, QMenu* menu)
    {
        check(where + QStringLiteral(" menu"), menu->title());
        for (QAction* action : menu->actions()) {
            if (action->isSeparator())
                continue;
            if (action->menu()) {
                checkMenu(where + QStringLiteral(" > ") + action->text(), action->menu());
                continue;
            }
            check(where + QStringLiteral(" action"), action->text());
            check(where + QStringLiteral(" action tip"), action->statusTip());
            check(where + QStringLiteral(" action tool tip"), action->toolTip());
        }
    }

    // Every text a widget and its children show: labels, buttons, tool tips, placeholders, tabs, headers.
    void checkWidgets(const QString& where, QWidget* root)
    {
        QList<QWidget*> widgets = root->findChildren<QWidget*>();
        widgets.prepend(root);
        for (QWidget* widget : widgets) {
            if (isQtsOwn(widget))
                continue;
            const QString name = where + u'/'
                + (widget->objectName().isEmpty() ? QString::fromLatin1(widget->metaObject()->className())
                                                  : widget->objectName());
            check(name + QStringLiteral(" tool tip"), widget->toolTip());
            check(name + QStringLiteral(" status tip"), widget->statusTip());
            check(name + QStringLiteral(" accessible name"), widget->accessibleName());
            if (widget->isWindow() || qobject_cast<QDockWidget*>(widget))
                check(name + QStringLiteral(" title"), widget->windowTitle());
            if (auto* label = qobject_cast<QLabel*>(widget); label && !isCaptureData(label))
                check(name, label->text());
            if (auto* button = qobject_cast<QAbstractButton*>(widget); button && !isStandardButton(button))
                check(name, button->text());
            if (auto* edit = qobject_cast<QLineEdit*>(widget); edit && !isSyntaxExample(edit))
                check(name + QStringLiteral(" placeholder"), edit->placeholderText());
            if (auto* edit = qobject_cast<QPlainTextEdit*>(widget))
                check(name + QStringLiteral(" placeholder"), edit->placeholderText());
            if (auto* box = qobject_cast<QGroupBox*>(widget))
                check(name, box->title());
            if (auto* tabs = qobject_cast<QTabWidget*>(widget)) {
                for (int i = 0; i < tabs->count(); ++i) {
                    check(name + QStringLiteral(" tab"), tabs->tabText(i));
                    check(name + QStringLiteral(" tab tool tip"), tabs->tabToolTip(i));
                }
            }
            if (auto* view = qobject_cast<QAbstractItemView*>(widget); view && view->model()) {
                for (int column = 0; column < view->model()->columnCount(); ++column)
                    check(name + QStringLiteral(" header"),
                          view->model()->headerData(column, Qt::Horizontal).toString());
            }
            if (auto* combo = qobject_cast<QComboBox*>(widget); combo && !combo->isEditable()) {
                for (int i = 0; i < combo->count(); ++i)
                    check(name + QStringLiteral(" item"), combo->itemText(i));
            }
        }
    }

    int checked() const { return m_checked; }
    QString failures() const
    {
        for (const QString& failure : m_failures)
            qWarning().noquote() << "not translated:" << failure;
        return m_failures.join(u'\n');
    }

private:
    int m_checked = 0;
    QStringList m_failures;
};

} // namespace

class TestTranslatedWindow final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY2(m_translator.load(QStringLiteral(HOOKBENCH_PSEUDO_QM)), HOOKBENCH_PSEUDO_QM);
        QVERIFY(QCoreApplication::installTranslator(&m_translator));
        QVERIFY(m_dir.isValid());
    }

    void theAuditFindsAPlainText()
    {
        QCOMPARE(untranslatedPart(QStringLiteral("[Listening on http://127.0.0.1:8787/ · 2 captures]")), QString());
        QCOMPARE(untranslatedPart(QStringLiteral("[Opened] captures.har from /tmp/a.har")),
                 QStringLiteral("captures.har from"));
        QCOMPARE(untranslatedPart(QStringLiteral("Copy URL")), QStringLiteral("Copy URL"));
        TextAudit audit;
        QLabel label;
        label.setTextFormat(Qt::RichText);
        label.setText(QStringLiteral("<b>Not wrapped</b>"));
        audit.checkWidgets(QStringLiteral("label"), &label);
        QVERIFY(!audit.failures().isEmpty());
    }

    void windowShowsTranslatedTexts()
    {
        WindowOptions options;
        options.endpoint.server.port = 0;
        options.endpoint.storePath = m_dir.filePath(QStringLiteral("window.sqlite"));
        MainWindow window(options, nullptr);
        window.show();

        // Spot checks: the menus, the empty state's heading, the detail tabs.
        QList<QAction*> menus = window.menuBar()->actions();
        QVERIFY(!menus.isEmpty());
        QCOMPARE(menus.first()->text(), QStringLiteral("[&File]"));
        auto* tabs = window.findChild<QTabWidget*>(QStringLiteral("detailTabWidget"));
        QVERIFY(tabs);
        QCOMPARE(tabs->tabText(0), QStringLiteral("[&Overview]"));

        TextAudit audit;
        for (QAction* menu : menus)
            audit.checkMenu(QStringLiteral("menu bar"), menu->menu());
        audit.checkWidgets(QStringLiteral("empty window"), &window);
        auto* status = window.findChild<QLabel*>(QStringLiteral("listeningLabel"));
        QVERIFY(status);
        QTRY_VERIFY(status->text().startsWith(u'['));
        audit.check(QStringLiteral("status bar"), status->text());

        // With a capture selected, its details.
        const QByteArray body = R"({"payload":{"events":[]},"signature":"00"})";
        const QByteArray answer = postRaw(window.endpoint()->port(), "/hooks/firm", body,
                                          "Host: localhost\r\nContent-Type: application/json\r\n");
        QVERIFY2(answer.startsWith("HTTP/1.1 200"), answer.constData());
        auto* table = window.findChild<QTableView*>(QStringLiteral("captureTableView"));
        QVERIFY(table);
        QTRY_COMPARE(table->model()->rowCount(), 1);
        table->setFocus();
        table->selectRow(0);
        auto* summary = window.findChild<QLabel*>(QStringLiteral("summaryLabel"));
        QVERIFY(summary);
        QTRY_VERIFY2(summary->text().contains(QStringLiteral("POST /hooks/firm")), qPrintable(summary->text()));
        audit.checkWidgets(QStringLiteral("window"), &window);
        audit.check(QStringLiteral("status bar"), status->text());

        const QString failures = audit.failures();
        QVERIFY2(failures.isEmpty(), qPrintable(QStringLiteral("\n") + failures));
        QVERIFY2(audit.checked() > 100, qPrintable(QString::number(audit.checked())));
    }

    void dialogsShowTranslatedTexts()
    {
        TextAudit audit;
        AboutDialog about;
        QVERIFY(about.windowTitle().startsWith(u'['));
        audit.checkWidgets(QStringLiteral("about"), &about);
        EndpointDialog endpoint(EndpointDialog::Values {QStringLiteral("127.0.0.1"), 8787, 1 << 20});
        audit.checkWidgets(QStringLiteral("endpoint"), &endpoint);
        ResponseRulesDialog rules(QStringLiteral("{}"));
        audit.checkWidgets(QStringLiteral("response rules"), &rules);
        auto settings = Settings::createTemporary(m_dir.filePath(QStringLiteral("settings.ini")));
        ReplayController replay(settings.get(), nullptr);
        ReplayTargetsDialog targets(&replay);
        audit.checkWidgets(QStringLiteral("replay targets"), &targets);
        SessionStore store;
        QVERIFY_EXPECTED(store.open(m_dir.filePath(QStringLiteral("dialog.sqlite")), SessionStore::Durability::Normal));
        const auto session = store.createSession(QStringLiteral("Stripe retries"), QDateTime::currentDateTimeUtc());
        QVERIFY(session);
        SessionsDialog sessions(&store, *session, StoreBudget {30, qint64(2) << 30});
        audit.checkWidgets(QStringLiteral("sessions"), &sessions);
        const QString failures = audit.failures();
        QVERIFY2(failures.isEmpty(), qPrintable(QStringLiteral("\n") + failures));
        QVERIFY2(audit.checked() > 40, qPrintable(QString::number(audit.checked())));
    }

private:
    QTranslator m_translator;
    QTemporaryDir m_dir;
};

QTEST_MAIN(TestTranslatedWindow)
#include "TestTranslatedWindow.moc"

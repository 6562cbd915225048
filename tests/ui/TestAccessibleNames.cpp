// SPDX-License-Identifier: MIT
// Every control a keyboard or a screen reader reaches has a name: in the main window with a capture selected
// and each detail tab shown, and in the dialogs. A control without one is named in the failure.
#include <QAbstractButton>
#include <QAbstractSpinBox>
#include <QAccessible>
#include <QComboBox>
#include <QLineEdit>
#include <QTabWidget>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>

#include "ExpectedChecks.h"
#include "RawHttp.h"
#include "dialogs/AboutDialog.h"
#include "dialogs/EndpointDialog.h"
#include "dialogs/ReplayTargetsDialog.h"
#include "dialogs/ResponseRulesDialog.h"
#include "dialogs/SessionsDialog.h"
#include "replay/ReplayController.h"
#include "session/SessionController.h"
#include "settings/Settings.h"
#include "store/SessionStore.h"
#include "window/MainWindow.h"

namespace {

// A widget that is part of another control (a combo box's or a spin box's own line edit) speaks through it.
bool isPartOfAnotherControl(const QWidget* widget)
{
    if (widget->window()->windowType() == Qt::Popup)
        return true; // a combo box's list
    const QWidget* parent = widget->parentWidget();
    return parent
        && (qobject_cast<const QComboBox*>(parent) || qobject_cast<const QAbstractSpinBox*>(parent)
            || widget->objectName().startsWith(QLatin1String("qt_")));
}

// Nameless controls under root that can be reached (shown, or shown with it), as "class objectName" lines;
// `checked` counts the controls looked at.
QStringList namelessControls(QWidget* root, int& checked)
{
    QStringList out;
    for (QWidget* widget : root->findChildren<QWidget*>()) {
        if (widget->focusPolicy() == Qt::NoFocus || !widget->isVisibleTo(root) || isPartOfAnotherControl(widget))
            continue;
        QAccessibleInterface* accessible = QAccessible::queryAccessibleInterface(widget);
        if (!accessible)
            continue;
        ++checked;
        if (accessible->text(QAccessible::Name).trimmed().isEmpty())
            out.append(QStringLiteral("%1 %2").arg(QString::fromLatin1(widget->metaObject()->className()),
                                                   widget->objectName()));
    }
    return out;
}

} // namespace

class TestAccessibleNames final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void windowControlsHaveNames()
    {
        QTemporaryDir dir;
        auto settings = Settings::createTemporary(dir.filePath(QStringLiteral("settings.ini")));
        WindowOptions options;
        options.endpoint.server.port = 0;
        options.endpoint.storePath = dir.filePath(QStringLiteral("sessions.sqlite"));
        MainWindow window(options, settings.get());
        window.show();
        QTRY_VERIFY(window.controller()->isReady());
        const QByteArray body = R"({"payload":{"events":[]},"signature":"00"})";
        postRaw(window.endpoint()->port(), "/hooks/firm", body, "Content-Type: application/json\r\n");
        auto* table = window.findChild<QTableView*>(QStringLiteral("captureTableView"));
        QTRY_COMPARE(table->model()->rowCount(), 1);
        table->selectRow(0);
        auto* tabs = window.findChild<QTabWidget*>(QStringLiteral("detailTabWidget"));
        QStringList nameless;
        int checked = 0;
        for (int tab = 0; tab < tabs->count(); ++tab) {
            tabs->setCurrentIndex(tab);
            QCoreApplication::processEvents();
            nameless += namelessControls(&window, checked);
        }
        nameless.removeDuplicates();
        QVERIFY2(nameless.isEmpty(), qPrintable(nameless.join(QLatin1Char('\n'))));
        QVERIFY2(checked > 40, qPrintable(QString::number(checked)));
    }

    void dialogControlsHaveNames()
    {
        QTemporaryDir dir;
        QStringList nameless;
        int checked = 0;
        AboutDialog about;
        nameless += namelessControls(&about, checked);
        EndpointDialog endpoint(EndpointDialog::Values {QStringLiteral("127.0.0.1"), 8787, 1 << 20});
        nameless += namelessControls(&endpoint, checked);
        ResponseRulesDialog rules(QStringLiteral("{}"));
        nameless += namelessControls(&rules, checked);
        auto settings = Settings::createTemporary(dir.filePath(QStringLiteral("settings.ini")));
        ReplayController replay(settings.get(), nullptr);
        ReplayTargetsDialog targets(&replay);
        nameless += namelessControls(&targets, checked);
        SessionStore store;
        QVERIFY_EXPECTED(store.open(dir.filePath(QStringLiteral("dialog.sqlite")), SessionStore::Durability::Normal));
        const auto session = store.createSession(QStringLiteral("Stripe retries"), QDateTime::currentDateTimeUtc());
        QVERIFY(session);
        SessionsDialog sessions(&store, *session, StoreBudget {30, qint64(2) << 30});
        nameless += namelessControls(&sessions, checked);
        nameless.removeDuplicates();
        QVERIFY2(nameless.isEmpty(), qPrintable(nameless.join(QLatin1Char('\n'))));
        QVERIFY2(checked > 15, qPrintable(QString::number(checked)));
    }
};

QTEST_MAIN(TestAccessibleNames)
#include "TestAccessibleNames.moc"

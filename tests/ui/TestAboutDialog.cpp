// SPDX-License-Identifier: MIT
// Help > About: the program's version, the versions of the libraries as they run (Qt, OpenSSL, llhttp,
// SQLite), the icon from the resources, a copy button for bug reports, and one non-modal dialog per window.
#include <QClipboard>
#include <QDialogButtonBox>
#include <QGuiApplication>
#include <QLabel>
#include <QPushButton>
#include <QTest>
#include <QWidget>

#include "core/Versions.h"
#include "dialogs/AboutDialog.h"

using namespace Qt::StringLiterals;

class TestAboutDialog final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void showsTheProgramVersion()
    {
        AboutDialog dialog;
        auto* version = dialog.findChild<QLabel*>(u"aboutVersionLabel"_s);
        QVERIFY(version);
        QCOMPARE(version->text(), u"Hookbench "_s + QStringLiteral(HOOKBENCH_VERSION));
        QCOMPARE(dialog.windowTitle(), u"About Hookbench"_s);
    }

    void showsEachLibraryAsItRuns()
    {
        AboutDialog dialog;
        const QList<LibraryVersion> libraries = Versions::libraries();
        QCOMPARE(libraries.size(), 4);
        for (const LibraryVersion& library : libraries) {
            auto* label = dialog.findChild<QLabel*>(library.name.toLower() + u"VersionLabel"_s);
            QVERIFY2(label, qPrintable(library.name));
            QCOMPARE(label->text(), library.version);
            QCOMPARE(label->textFormat(), Qt::PlainText);
        }
        QCOMPARE(dialog.findChild<QLabel*>(u"qtVersionLabel"_s)->text(), QString::fromLatin1(qVersion()));
    }

    void showsTheApplicationIcon()
    {
        AboutDialog dialog;
        auto* icon = dialog.findChild<QLabel*>(u"aboutIconLabel"_s);
        QVERIFY(icon);
        const QPixmap pixmap = icon->pixmap();
        QVERIFY2(!pixmap.isNull(), "the icon is missing from the resources");
        QCOMPARE(pixmap.deviceIndependentSize().toSize(), QSize(64, 64));
        // The tile's corner is transparent and its middle is not: the drawing, not an empty image.
        const QImage image = pixmap.toImage();
        QCOMPARE(qAlpha(image.pixel(0, 0)), 0);
        QCOMPARE(qAlpha(image.pixel(image.width() / 2, image.height() / 2)), 255);
    }

    void theApplicationIconHoldsEverySize()
    {
        const QIcon icon = AboutDialog::applicationIcon();
        const QList<QSize> sizes = icon.availableSizes();
        for (const int size : {16, 24, 32, 48, 64, 128, 256}) {
            QVERIFY2(sizes.contains(QSize(size, size)), qPrintable(QString::number(size)));
            QCOMPARE(icon.pixmap(QSize(size, size), 1.0).size(), QSize(size, size));
        }
    }

    void copiesTheVersionsForABugReport()
    {
        AboutDialog dialog;
        QGuiApplication::clipboard()->setText(u"something else"_s);
        auto* copy = dialog.findChild<QPushButton*>(u"copyVersionsPushButton"_s);
        QVERIFY(copy);
        copy->click();
        const QString copied = QGuiApplication::clipboard()->text();
        QCOMPARE(copied, AboutDialog::versionText());
        QCOMPARE(copied.section(u'\n', 0, 0), u"Hookbench "_s + QStringLiteral(HOOKBENCH_VERSION));
        QCOMPARE(copied.section(u'\n', 1), Versions::summary());
        QVERIFY(copied.contains(u"OpenSSL "_s + Versions::libraries().value(1).version));
    }

    void oneNonModalDialogPerWindowClosedByClose()
    {
        QWidget window;
        window.show();
        QPointer<AboutDialog> first = AboutDialog::showFor(&window);
        QVERIFY(first);
        QVERIFY(first->isVisible());
        QVERIFY(!first->isModal());
        QCOMPARE(AboutDialog::showFor(&window), first.data());
        QCOMPARE(window.findChildren<AboutDialog*>().size(), 1);

        auto* buttons = first->findChild<QDialogButtonBox*>();
        QVERIFY(buttons);
        buttons->button(QDialogButtonBox::Close)->click();
        QVERIFY(!first->isVisible());
        QTRY_VERIFY(first.isNull());
        QVERIFY(AboutDialog::showFor(&window) != nullptr);
        QCOMPARE(window.findChildren<AboutDialog*>().size(), 1);
    }
};

QTEST_MAIN(TestAboutDialog)
#include "TestAboutDialog.moc"

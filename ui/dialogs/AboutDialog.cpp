// SPDX-License-Identifier: MIT
#include "dialogs/AboutDialog.h"

#include <QClipboard>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QGuiApplication>
#include <QHBoxLayout>
#include <QIcon>
#include <QLabel>
#include <QPushButton>
#include <QVBoxLayout>

#include "core/Versions.h"

namespace {

QLabel* plainLabel(const QString& text, QWidget* parent)
{
    auto* label = new QLabel(text, parent);
    label->setTextFormat(Qt::PlainText);
    label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    return label;
}

} // namespace

AboutDialog::AboutDialog(QWidget* parent)
    : QDialog(parent)
{
    setObjectName(QStringLiteral("aboutDialog"));
    setWindowTitle(tr("About Hookbench"));

    auto* iconLabel = new QLabel(this);
    iconLabel->setObjectName(QStringLiteral("aboutIconLabel"));
    iconLabel->setPixmap(applicationIcon().pixmap(QSize(64, 64), devicePixelRatio()));
    iconLabel->setAlignment(Qt::AlignTop);

    auto* version = plainLabel(tr("Hookbench %1").arg(QStringLiteral(HOOKBENCH_VERSION)), this);
    version->setObjectName(QStringLiteral("aboutVersionLabel"));
    QFont titleFont = version->font();
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.5);
    titleFont.setBold(true);
    version->setFont(titleFont);

    auto* summary = plainLabel(tr("A desktop workbench for webhooks: capture every delivery byte for byte, check "
                                  "its signature, save it as HAR, replay it."),
                               this);
    summary->setWordWrap(true);
    summary->setMinimumWidth(summary->fontMetrics().averageCharWidth() * 50);
    auto* licence = plainLabel(tr("Free software under the MIT licence."), this);

    auto* libraries = new QFormLayout;
    libraries->setContentsMargins(0, 4, 0, 8);
    libraries->setVerticalSpacing(2);
    for (const LibraryVersion& library : Versions::libraries()) {
        auto* value = plainLabel(library.version, this);
        value->setObjectName(library.name.toLower() + QStringLiteral("VersionLabel"));
        libraries->addRow(plainLabel(library.name, this), value);
    }

    auto* text = new QVBoxLayout;
    text->addWidget(version);
    text->addWidget(summary);
    text->addWidget(plainLabel(tr("Running on:"), this));
    text->addLayout(libraries);
    text->addWidget(licence);
    text->addStretch();

    auto* body = new QHBoxLayout;
    body->setSpacing(16);
    body->addWidget(iconLabel);
    body->addLayout(text, 1);

    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    QPushButton* copy = buttons->addButton(tr("&Copy Versions"), QDialogButtonBox::ActionRole);
    copy->setObjectName(QStringLiteral("copyVersionsPushButton"));
    copy->setToolTip(tr("Copy the versions of Hookbench and its libraries, for a bug report"));
    connect(copy, &QPushButton::clicked, this, [] { QGuiApplication::clipboard()->setText(versionText()); });
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto* layout = new QVBoxLayout(this);
    layout->addLayout(body);
    layout->addWidget(buttons);
    layout->setSizeConstraint(QLayout::SetFixedSize);
}

AboutDialog* AboutDialog::showFor(QWidget* parent)
{
    auto* dialog = parent ? parent->findChild<AboutDialog*>(QString(), Qt::FindDirectChildrenOnly) : nullptr;
    if (!dialog) {
        dialog = new AboutDialog(parent);
        dialog->setAttribute(Qt::WA_DeleteOnClose);
    }
    dialog->show();
    dialog->raise();
    dialog->activateWindow();
    return dialog;
}

QIcon AboutDialog::applicationIcon()
{
    // The resources live in the static ui library, whose registration the linker would otherwise drop.
    Q_INIT_RESOURCE(hookbench);
    QIcon icon;
    for (const int size : {16, 24, 32, 48, 64, 128, 256})
        icon.addFile(QStringLiteral(":/icons/hookbench-%1.png").arg(size), QSize(size, size));
    return icon;
}

QString AboutDialog::versionText()
{
    return QStringLiteral("Hookbench " HOOKBENCH_VERSION "\n") + Versions::summary();
}

// SPDX-License-Identifier: MIT
#pragma once

#include <QDialog>
#include <QIcon>

// Help > About Hookbench: the version, what Hookbench is, its licence, and the versions of the libraries it
// runs on, with a button that copies them for a bug report. Not modal. objectNames: aboutDialog,
// aboutIconLabel, aboutVersionLabel, <library>VersionLabel (qtVersionLabel, opensslVersionLabel, ...),
// copyVersionsPushButton.
class AboutDialog final : public QDialog
{
    Q_OBJECT

public:
    explicit AboutDialog(QWidget* parent = nullptr);

    // Shows the parent's About dialog, opening one when it has none yet; closing it deletes it.
    static AboutDialog* showFor(QWidget* parent);

    // Hookbench's icon at every size the resources hold (16 to 256 px): the window icon and this dialog's.
    static QIcon applicationIcon();

    // "Hookbench 0.1.0" and the library versions on a second line: what the copy button puts on the clipboard.
    static QString versionText();
};

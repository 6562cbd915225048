// SPDX-License-Identifier: MIT
#pragma once

#include <QDialog>
#include <QHash>

#include "replay/ReplayTarget.h"
#include "signature/SecretSet.h"

class QCheckBox;
class QComboBox;
class QDoubleSpinBox;
class QLabel;
class QLineEdit;
class QListWidget;
class QPlainTextEdit;
class QPushButton;
class QSpinBox;
class ReplayController;

// The remembered replay targets and their settings. The secret typed here goes to the controller's memory
// only. Turning certificate verification off is an explicit choice, shown in red.
class ReplayTargetsDialog final : public QDialog
{
    Q_OBJECT

public:
    explicit ReplayTargetsDialog(ReplayController* controller, QWidget* parent = nullptr);

    // Applies the edits to the controller (targets to the settings, secrets to memory).
    void apply();
    QList<ReplayTarget> targets() const { return m_targets; }

protected:
    void changeEvent(QEvent* event) override;

private:
    void showTarget(int row);
    void storeTarget(int row);
    void refreshList();
    void updateWarnings();
    bool validate();

    ReplayController* m_controller;
    QList<ReplayTarget> m_targets;
    QList<SecretSet> m_secrets; // parallel to m_targets; shared with the controller until one is edited
    int m_row = -1;
    bool m_loading = false;

    QListWidget* m_list;
    QPushButton* m_add;
    QPushButton* m_remove;
    QLineEdit* m_name;
    QLineEdit* m_url;
    QPlainTextEdit* m_addHeaders;
    QLineEdit* m_dropHeaders;
    QCheckBox* m_resign;
    QComboBox* m_scheme;
    QLineEdit* m_secret;
    QCheckBox* m_renewId;
    QSpinBox* m_timeout;
    QCheckBox* m_appendPath;
    QSpinBox* m_concurrency;
    QCheckBox* m_pacing;
    QDoubleSpinBox* m_speed;
    QCheckBox* m_verify;
    QLabel* m_insecure;
    QLineEdit* m_caFile;
    QPushButton* m_browse;
    QLabel* m_error;
    QPushButton* m_ok;
};

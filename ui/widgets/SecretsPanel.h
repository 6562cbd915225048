// SPDX-License-Identifier: MIT
#pragma once

#include <QTimer>
#include <QWidget>

#include "signature/SecretSet.h"
#include "signature/SignatureOptions.h"

class QComboBox;
class QLabel;
class QLineEdit;
class QVBoxLayout;

// Where the user pastes signing secrets: one row per secret, each with a label (shown in results)
// and a masked value. Several rows are tried in order (rotation). Values live in memory only.
class SecretsPanel final : public QWidget
{
    Q_OBJECT

public:
    explicit SecretsPanel(QWidget* parent = nullptr);

    SecretSet secrets() const;
    // The scheme chosen by hand (or detection) and the generic profile; valid only when the generic
    // spec parses (the panel shows why when it does not).
    SignatureOptions signatureOptions() const;
    // Adds a row; returns its value field (tests type into it).
    QLineEdit* addSecretRow(const QString& label = {});
    void focusSecret();
    // Puts a secret into the first field (the test delivery's, when none was typed).
    void setFirstSecret(const QString& value);

Q_SIGNALS:
    // Emitted once typing pauses, with every non-empty secret; also when the scheme changes.
    void secretsChanged(const SecretSet& secrets);

private:
    struct Row
    {
        QWidget* widget;
        QLineEdit* label;
        QLineEdit* value;
    };
    void removeRow(QWidget* rowWidget);
    void updateLabels();

    void updateScheme();

    QVBoxLayout* m_rows;
    QComboBox* m_scheme = nullptr;
    QLineEdit* m_generic = nullptr;
    QLabel* m_genericError = nullptr;
    QWidget* m_genericRow = nullptr;
    SignatureOptions m_options;
    QList<Row> m_rowList;
    QTimer m_debounce;
};

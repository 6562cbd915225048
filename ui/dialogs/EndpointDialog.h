// SPDX-License-Identifier: MIT
#pragma once

#include <QDialog>

class QCheckBox;
class QLabel;
class QLineEdit;
class QSpinBox;

// Where and how the endpoint listens: address, port and body limit, in one place. Binding beyond
// loopback says so in red before it is applied.
class EndpointDialog final : public QDialog
{
    Q_OBJECT

public:
    struct Values
    {
        QString bindAddress;
        int port = 8787;
        qint64 maxBodyBytes = 0;
    };

    EndpointDialog(const Values& values, QWidget* parent = nullptr);
    Values values() const;
    // Empty when the values can be applied, else what is wrong.
    QString problem() const;

private:
    void validate();

    QLineEdit* m_bind;
    QSpinBox* m_port;
    QSpinBox* m_bodyMiB;
    QLabel* m_warning;
};

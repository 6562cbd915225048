// SPDX-License-Identifier: MIT
#include "dialogs/EndpointDialog.h"

#include <QDialogButtonBox>
#include <QFormLayout>
#include <QHostAddress>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QVBoxLayout>

#include "widgets/Theme.h"

EndpointDialog::EndpointDialog(const Values& values, QWidget* parent)
    : QDialog(parent)
    , m_bind(new QLineEdit(values.bindAddress, this))
    , m_port(new QSpinBox(this))
    , m_bodyMiB(new QSpinBox(this))
    , m_warning(new QLabel(this))
{
    setObjectName(QStringLiteral("endpointDialog"));
    setWindowTitle(tr("Endpoint Settings"));
    m_bind->setObjectName(QStringLiteral("bindLineEdit"));
    m_bind->setToolTip(tr("127.0.0.1 accepts this machine only; 0.0.0.0 accepts every network"));
    m_port->setObjectName(QStringLiteral("portSpinBox"));
    m_port->setRange(0, 65535);
    m_port->setSpecialValueText(tr("any free port"));
    m_port->setValue(values.port);
    m_bodyMiB->setObjectName(QStringLiteral("maxBodySpinBox"));
    m_bodyMiB->setRange(1, 4096);
    m_bodyMiB->setSuffix(tr(" MiB"));
    m_bodyMiB->setValue(int(qMax<qint64>(1, values.maxBodyBytes / (1024 * 1024))));
    m_warning->setObjectName(QStringLiteral("endpointWarningLabel"));
    m_warning->setTextFormat(Qt::PlainText);
    m_warning->setWordWrap(true);
    Theme::applyTone(m_warning, Theme::Tone::Bad);

    auto* form = new QFormLayout;
    form->addRow(tr("Listen on &address:"), m_bind);
    form->addRow(tr("&Port:"), m_port);
    form->addRow(tr("Largest &body:"), m_bodyMiB);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    buttons->button(QDialogButtonBox::Ok)->setText(tr("Apply and Restart"));
    connect(buttons, &QDialogButtonBox::accepted, this, [this] {
        if (problem().isEmpty())
            accept();
    });
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(m_warning);
    layout->addWidget(buttons);
    connect(m_bind, &QLineEdit::textChanged, this, &EndpointDialog::validate);
    validate();
}

EndpointDialog::Values EndpointDialog::values() const
{
    return {m_bind->text().trimmed(), m_port->value(), qint64(m_bodyMiB->value()) * 1024 * 1024};
}

QString EndpointDialog::problem() const
{
    QHostAddress address;
    if (!address.setAddress(m_bind->text().trimmed()))
        return tr("“%1” is not an IP address").arg(m_bind->text().trimmed());
    return {};
}

void EndpointDialog::validate()
{
    const QString error = problem();
    QHostAddress address(m_bind->text().trimmed());
    if (!error.isEmpty())
        m_warning->setText(error);
    else if (!address.isLoopback())
        m_warning->setText(tr("Other machines on your network will be able to send requests to Hookbench."));
    else
        m_warning->clear();
}

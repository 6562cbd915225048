// SPDX-License-Identifier: MIT
#include "widgets/SecretsPanel.h"

#include <QAction>
#include <QComboBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QToolButton>
#include <QVBoxLayout>

#include "signature/GenericHmacSpec.h"
#include "signature/SignatureScheme.h"

SecretsPanel::SecretsPanel(QWidget* parent)
    : QWidget(parent)
    , m_rows(new QVBoxLayout)
{
    setObjectName(QStringLiteral("secretsPanel"));
    m_debounce.setSingleShot(true);
    m_debounce.setInterval(250);
    connect(&m_debounce, &QTimer::timeout, this, [this] { Q_EMIT secretsChanged(secrets()); });
    m_rows->setContentsMargins(0, 0, 0, 0);
    m_rows->setSpacing(2);
    setLayout(m_rows);
    addSecretRow(tr("secret"));

    auto* schemeRow = new QWidget(this);
    auto* schemeLayout = new QHBoxLayout(schemeRow);
    schemeLayout->setContentsMargins(0, 0, 0, 0);
    auto* schemeCaption = new QLabel(tr("Scheme:"), schemeRow);
    schemeCaption->setMinimumWidth(schemeCaption->fontMetrics().horizontalAdvance(tr("Signing secret:")));
    m_scheme = new QComboBox(schemeRow);
    m_scheme->setObjectName(QStringLiteral("schemeComboBox"));
    m_scheme->addItem(tr("Detect from each request"), QString());
    for (SignatureScheme scheme : SignatureSchemes::all())
        m_scheme->addItem(SignatureSchemes::displayName(scheme), SignatureSchemes::name(scheme));
    m_generic = new QLineEdit(schemeRow);
    m_generic->setObjectName(QStringLiteral("genericSpecLineEdit"));
    m_generic->setPlaceholderText(
        QStringLiteral("header=X-Signature;algorithm=sha256;encoding=hex;prefix=sha256=;template={body}"));
    m_generic->setToolTip(tr("A provider Hookbench has no scheme for. Keys: header, algorithm (sha1, sha256, "
                             "sha512), encoding (hex, base64), prefix, template ({body} {timestamp} {id}), "
                             "timestamp-header, id-header, tolerance (seconds)"));
    m_genericError = new QLabel(schemeRow);
    m_genericError->setObjectName(QStringLiteral("genericSpecErrorLabel"));
    m_genericError->setStyleSheet(QStringLiteral("color:#b00020"));
    schemeLayout->addWidget(schemeCaption);
    schemeLayout->addWidget(m_scheme);
    schemeLayout->addWidget(m_generic, 1);
    schemeLayout->addWidget(m_genericError);
    schemeLayout->addStretch();
    m_rows->addWidget(schemeRow);
    connect(m_scheme, &QComboBox::currentIndexChanged, this, &SecretsPanel::updateScheme);
    connect(m_generic, &QLineEdit::textChanged, this, &SecretsPanel::updateScheme);
    updateScheme();
}

void SecretsPanel::updateScheme()
{
    SignatureOptions options;
    SignatureScheme scheme = SignatureScheme::None;
    const bool chosen = SignatureSchemes::fromName(m_scheme->currentData().toString(), &scheme);
    const bool generic = chosen && scheme == SignatureScheme::Generic;
    m_generic->setVisible(generic);
    m_genericError->clear();
    if (generic) {
        QString error;
        options.generic = GenericHmacSpec::parse(m_generic->text(), &error);
        if (!options.generic) {
            m_genericError->setText(error);
            return; // keep the last good options until the spec parses
        }
    }
    if (chosen)
        options.scheme = scheme;
    m_options = options;
    m_debounce.start();
}

SignatureOptions SecretsPanel::signatureOptions() const
{
    return m_options;
}

QLineEdit* SecretsPanel::addSecretRow(const QString& label)
{
    auto* rowWidget = new QWidget(this);
    auto* layout = new QHBoxLayout(rowWidget);
    layout->setContentsMargins(0, 0, 0, 0);
    const bool first = m_rowList.isEmpty();
    auto* caption = new QLabel(first ? tr("Signing secret:") : QString(), rowWidget);
    caption->setMinimumWidth(caption->fontMetrics().horizontalAdvance(tr("Signing secret:")));
    auto* labelEdit = new QLineEdit(label.isEmpty() ? tr("secret %1").arg(m_rowList.size() + 1) : label, rowWidget);
    labelEdit->setObjectName(first ? QStringLiteral("secretLabelLineEdit")
                                   : QStringLiteral("secretLabelLineEdit%1").arg(m_rowList.size() + 1));
    labelEdit->setToolTip(tr("The name results use for this secret; its value is never shown or saved"));
    labelEdit->setMaximumWidth(140);
    auto* value = new QLineEdit(rowWidget);
    value->setObjectName(first ? QStringLiteral("secretLineEdit")
                               : QStringLiteral("secretLineEdit%1").arg(m_rowList.size() + 1));
    value->setEchoMode(QLineEdit::Password);
    value->setPlaceholderText(tr("Paste the webhook's secret to check every signature (kept in memory only)"));
    value->setClearButtonEnabled(true);
    QAction* reveal = value->addAction(QIcon(), QLineEdit::TrailingPosition);
    reveal->setText(tr("Show"));
    reveal->setToolTip(tr("Show or hide the secret"));
    reveal->setCheckable(true);
    connect(reveal, &QAction::toggled, value,
            [value](bool on) { value->setEchoMode(on ? QLineEdit::Normal : QLineEdit::Password); });
    auto* revealButton = new QToolButton(rowWidget);
    revealButton->setDefaultAction(reveal);
    revealButton->setAutoRaise(true);
    layout->addWidget(caption);
    layout->addWidget(labelEdit);
    layout->addWidget(value, 1);
    layout->addWidget(revealButton);
    if (first) {
        auto* add = new QToolButton(rowWidget);
        add->setObjectName(QStringLiteral("addSecretToolButton"));
        add->setText(QStringLiteral("+"));
        add->setToolTip(tr("Add another secret (key rotation): each one is tried in order"));
        connect(add, &QToolButton::clicked, this, [this] { addSecretRow()->setFocus(); });
        layout->addWidget(add);
    } else {
        auto* remove = new QToolButton(rowWidget);
        remove->setText(QStringLiteral("\u2212"));
        remove->setToolTip(tr("Remove this secret"));
        connect(remove, &QToolButton::clicked, this, [this, rowWidget] { removeRow(rowWidget); });
        layout->addWidget(remove);
    }
    connect(value, &QLineEdit::textChanged, &m_debounce, qOverload<>(&QTimer::start));
    connect(labelEdit, &QLineEdit::textChanged, &m_debounce, qOverload<>(&QTimer::start));
    m_rows->insertWidget(int(m_rowList.size()), rowWidget);
    m_rowList.append({rowWidget, labelEdit, value});
    return value;
}

void SecretsPanel::removeRow(QWidget* rowWidget)
{
    for (qsizetype i = 1; i < m_rowList.size(); ++i) {
        if (m_rowList.at(i).widget == rowWidget) {
            m_rowList.removeAt(i);
            rowWidget->deleteLater();
            m_debounce.start();
            return;
        }
    }
}

void SecretsPanel::focusSecret()
{
    m_rowList.constFirst().value->setFocus();
    m_rowList.constFirst().value->selectAll();
}

SecretSet SecretsPanel::secrets() const
{
    SecretSet set;
    for (const Row& row : m_rowList) {
        if (!row.value->text().isEmpty())
            set.add(row.label->text().trimmed(), row.value->text().toUtf8());
    }
    return set;
}

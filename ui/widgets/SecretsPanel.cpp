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
#include "widgets/Theme.h"

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

    // The scheme comes first on the one row a new user sees; the secret field fills the rest.
    m_scheme = new QComboBox(this);
    m_scheme->setObjectName(QStringLiteral("schemeComboBox"));
    m_scheme->setAccessibleName(tr("Signature scheme"));
    m_scheme->setToolTip(tr("How signatures are checked: detected from each request's headers, or one scheme"));
    m_scheme->addItem(tr("Detect scheme"), QString());
    for (SignatureScheme scheme : SignatureSchemes::all())
        m_scheme->addItem(SignatureSchemes::displayName(scheme), SignatureSchemes::name(scheme));
    addSecretRow();

    auto* genericRow = new QWidget(this);
    auto* genericLayout = new QHBoxLayout(genericRow);
    genericLayout->setContentsMargins(0, 0, 0, 0);
    m_generic = new QLineEdit(genericRow);
    m_generic->setObjectName(QStringLiteral("genericSpecLineEdit"));
    m_generic->setAccessibleName(tr("Generic HMAC profile"));
    m_generic->setPlaceholderText(
        QStringLiteral("header=X-Signature;algorithm=sha256;encoding=hex;prefix=sha256=;template={body}"));
    m_generic->setToolTip(tr("A provider Hookbench has no scheme for. Keys: header, algorithm (sha1, sha256, "
                             "sha512), encoding (hex, base64), prefix, template ({body} {timestamp} {id}), "
                             "timestamp-header, id-header, tolerance (seconds)"));
    m_genericError = new QLabel(genericRow);
    m_genericError->setObjectName(QStringLiteral("genericSpecErrorLabel"));
    m_genericError->setTextFormat(Qt::PlainText);
    Theme::applyTone(m_genericError, Theme::Tone::Bad);
    genericLayout->addWidget(new QLabel(tr("Generic profile:"), genericRow));
    genericLayout->addWidget(m_generic, 1);
    genericLayout->addWidget(m_genericError);
    m_genericRow = genericRow;
    m_rows->addWidget(genericRow);
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
    m_genericRow->setVisible(generic);
    m_genericError->clear();
    if (generic) {
        const Expected<GenericHmacProfile> profile = GenericHmacSpec::parse(m_generic->text());
        if (!profile) {
            m_genericError->setText(profile.error().message);
            return; // keep the last good options until the spec parses
        }
        options.generic = *profile;
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
    const int number = int(m_rowList.size()) + 1;
    if (first) {
        layout->addWidget(m_scheme);
    } else {
        auto* indent = new QWidget(rowWidget); // later secrets line up under the first one
        indent->setFixedWidth(m_scheme->sizeHint().width());
        layout->addWidget(indent);
    }
    // A label matters only during a rotation, when results must say which secret matched: it is
    // shown once there are two secrets.
    auto* labelEdit = new QLineEdit(label, rowWidget);
    labelEdit->setObjectName(first ? QStringLiteral("secretLabelLineEdit")
                                   : QStringLiteral("secretLabelLineEdit%1").arg(number));
    labelEdit->setAccessibleName(tr("Label of secret %1").arg(number));
    labelEdit->setPlaceholderText(tr("label, e.g. old"));
    labelEdit->setToolTip(
        tr("The name results use for this secret (optional); the value itself is never shown or saved"));
    labelEdit->setMaximumWidth(120);
    auto* value = new QLineEdit(rowWidget);
    value->setObjectName(first ? QStringLiteral("secretLineEdit") : QStringLiteral("secretLineEdit%1").arg(number));
    value->setAccessibleName(first ? tr("Signing secret") : tr("Signing secret %1").arg(number));
    value->setEchoMode(QLineEdit::Password);
    value->setPlaceholderText(first ? tr("Signing secret: paste the webhook's secret to check every signature "
                                         "(kept in memory only)")
                                    : tr("Another secret, tried after the ones above"));
    value->setClearButtonEnabled(true);
    auto* reveal = new QToolButton(rowWidget);
    reveal->setObjectName(first ? QStringLiteral("showSecretToolButton")
                                : QStringLiteral("showSecretToolButton%1").arg(number));
    reveal->setText(tr("Show"));
    reveal->setToolTip(tr("Show or hide the secret"));
    reveal->setCheckable(true);
    reveal->setAutoRaise(true);
    connect(reveal, &QToolButton::toggled, value,
            [value](bool on) { value->setEchoMode(on ? QLineEdit::Normal : QLineEdit::Password); });
    layout->addWidget(labelEdit);
    layout->addWidget(value, 1);
    layout->addWidget(reveal);
    if (first) {
        auto* add = new QToolButton(rowWidget);
        add->setObjectName(QStringLiteral("addSecretToolButton"));
        add->setText(QStringLiteral("+"));
        add->setAccessibleName(tr("Add a secret"));
        add->setToolTip(tr("Add another secret (key rotation): each one is tried in order"));
        connect(add, &QToolButton::clicked, this, [this] { addSecretRow()->setFocus(); });
        layout->addWidget(add);
    } else {
        auto* remove = new QToolButton(rowWidget);
        remove->setText(QStringLiteral("\u2212"));
        remove->setAccessibleName(tr("Remove this secret"));
        remove->setToolTip(tr("Remove this secret"));
        connect(remove, &QToolButton::clicked, this, [this, rowWidget] { removeRow(rowWidget); });
        layout->addWidget(remove);
    }
    connect(value, &QLineEdit::textChanged, &m_debounce, qOverload<>(&QTimer::start));
    connect(labelEdit, &QLineEdit::textChanged, &m_debounce, qOverload<>(&QTimer::start));
    m_rows->insertWidget(int(m_rowList.size()), rowWidget);
    m_rowList.append({rowWidget, labelEdit, value});
    updateLabels();
    return value;
}

void SecretsPanel::updateLabels()
{
    const bool rotation = m_rowList.size() > 1;
    for (const Row& row : std::as_const(m_rowList))
        row.label->setVisible(rotation);
}

void SecretsPanel::removeRow(QWidget* rowWidget)
{
    for (qsizetype i = 1; i < m_rowList.size(); ++i) {
        if (m_rowList.at(i).widget == rowWidget) {
            // Cleared first, so the secret leaves memory with the row and not at some later deletion.
            m_rowList.at(i).value->clear();
            m_rowList.removeAt(i);
            rowWidget->deleteLater();
            updateLabels();
            m_debounce.start();
            return;
        }
    }
}

void SecretsPanel::setFirstSecret(const QString& value)
{
    m_rowList.constFirst().value->setText(value);
    m_debounce.stop();
    Q_EMIT secretsChanged(secrets());
}

void SecretsPanel::focusSecret()
{
    m_rowList.constFirst().value->setFocus();
    m_rowList.constFirst().value->selectAll();
}

SecretSet SecretsPanel::secrets() const
{
    SecretSet set;
    for (qsizetype i = 0; i < m_rowList.size(); ++i) {
        const Row& row = m_rowList.at(i);
        if (row.value->text().isEmpty())
            continue;
        const QString label = row.label->text().trimmed();
        set.add(label.isEmpty() ? tr("secret %1").arg(i + 1) : label, row.value->text().toUtf8());
    }
    return set;
}

// SPDX-License-Identifier: MIT
#include "dialogs/ReplayTargetsDialog.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QDoubleSpinBox>
#include <QEvent>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QVBoxLayout>

#include "dialogs/ReplayEditorDialog.h"
#include "replay/ReplayController.h"
#include "widgets/FileDialog.h"
#include "widgets/StatusColors.h"

ReplayTargetsDialog::ReplayTargetsDialog(ReplayController* controller, QWidget* parent)
    : QDialog(parent)
    , m_controller(controller)
    , m_targets(controller->targets())
    , m_list(new QListWidget(this))
    , m_add(new QPushButton(tr("&Add"), this))
    , m_remove(new QPushButton(tr("&Remove"), this))
    , m_name(new QLineEdit(this))
    , m_url(new QLineEdit(this))
    , m_addHeaders(new QPlainTextEdit(this))
    , m_dropHeaders(new QLineEdit(this))
    , m_resign(new QCheckBox(tr("Re-sign each request with this secret"), this))
    , m_scheme(new QComboBox(this))
    , m_secret(new QLineEdit(this))
    , m_renewId(new QCheckBox(tr("New message id (Standard Webhooks, Svix)"), this))
    , m_timeout(new QSpinBox(this))
    , m_appendPath(new QCheckBox(tr("Append the original path and query"), this))
    , m_concurrency(new QSpinBox(this))
    , m_pacing(new QCheckBox(tr("Keep the original pacing"), this))
    , m_speed(new QDoubleSpinBox(this))
    , m_verify(new QCheckBox(tr("Verify the target's certificate"), this))
    , m_insecure(new QLabel(this))
    , m_caFile(new QLineEdit(this))
    , m_browse(new QPushButton(tr("Browse…"), this))
    , m_error(new QLabel(this))
    , m_ok(nullptr)
{
    setObjectName(QStringLiteral("replayTargetsDialog"));
    setWindowTitle(tr("Replay targets"));
    m_list->setObjectName(QStringLiteral("targetsListWidget"));
    m_list->setAccessibleName(tr("Replay targets"));
    m_add->setObjectName(QStringLiteral("addTargetPushButton"));
    m_remove->setObjectName(QStringLiteral("removeTargetPushButton"));
    m_name->setObjectName(QStringLiteral("nameLineEdit"));
    m_url->setObjectName(QStringLiteral("urlLineEdit"));
    m_url->setPlaceholderText(QStringLiteral("http://127.0.0.1:3000/webhooks"));
    m_url->setToolTip(tr("A password in the URL (https://user:password@host/) is used until Hookbench quits and is "
                         "never saved, like the re-signing secret."));
    m_addHeaders->setObjectName(QStringLiteral("addHeadersPlainTextEdit"));
    m_addHeaders->setPlaceholderText(tr("Name: value, one per line"));
    m_addHeaders->setMaximumHeight(80);
    m_dropHeaders->setObjectName(QStringLiteral("dropHeadersLineEdit"));
    m_dropHeaders->setPlaceholderText(tr("names, separated by commas"));
    m_resign->setObjectName(QStringLiteral("resignCheckBox"));
    m_scheme->setObjectName(QStringLiteral("schemeComboBox"));
    m_scheme->addItem(tr("Detect from each capture"), QString());
    for (const SignatureScheme scheme : SignatureSchemes::all())
        m_scheme->addItem(SignatureSchemes::displayName(scheme), SignatureSchemes::name(scheme));
    m_secret->setObjectName(QStringLiteral("secretLineEdit"));
    m_secret->setEchoMode(QLineEdit::Password);
    m_secret->setPlaceholderText(tr("kept in memory only, never saved"));
    m_renewId->setObjectName(QStringLiteral("renewIdCheckBox"));
    m_timeout->setObjectName(QStringLiteral("timeoutSpinBox"));
    m_timeout->setRange(1, 3600);
    m_timeout->setSuffix(tr(" s"));
    m_appendPath->setObjectName(QStringLiteral("appendPathCheckBox"));
    m_concurrency->setObjectName(QStringLiteral("concurrencySpinBox"));
    m_concurrency->setRange(1, 64);
    m_pacing->setObjectName(QStringLiteral("pacingCheckBox"));
    m_speed->setObjectName(QStringLiteral("speedSpinBox"));
    m_speed->setAccessibleName(tr("Replay speed"));
    m_speed->setRange(0.1, 100);
    m_speed->setSuffix(tr("× speed"));
    m_verify->setObjectName(QStringLiteral("verifyCheckBox"));
    m_insecure->setObjectName(QStringLiteral("insecureLabel"));
    m_insecure->setText(tr("Certificates are not verified: anyone on the way can read and change what is sent."));
    m_insecure->setWordWrap(true);
    m_caFile->setObjectName(QStringLiteral("caFileLineEdit"));
    m_caFile->setAccessibleName(tr("Trusted certificates file"));
    m_caFile->setPlaceholderText(tr("PEM file trusted besides the system's (optional)"));
    m_browse->setObjectName(QStringLiteral("browseCaPushButton"));
    m_error->setObjectName(QStringLiteral("errorLabel"));
    m_error->setTextFormat(Qt::PlainText);
    m_error->setWordWrap(true);

    auto* left = new QVBoxLayout;
    left->addWidget(m_list);
    auto* listButtons = new QHBoxLayout;
    listButtons->addWidget(m_add);
    listButtons->addWidget(m_remove);
    left->addLayout(listButtons);

    auto* form = new QFormLayout;
    form->addRow(tr("&Name:"), m_name);
    form->addRow(tr("&URL:"), m_url);
    form->addRow(tr("Add headers:"), m_addHeaders);
    form->addRow(tr("Drop headers:"), m_dropHeaders);
    form->addRow(QString(), m_resign);
    form->addRow(tr("Scheme:"), m_scheme);
    form->addRow(tr("&Secret:"), m_secret);
    form->addRow(QString(), m_renewId);
    form->addRow(tr("&Timeout:"), m_timeout);
    form->addRow(QString(), m_appendPath);
    form->addRow(tr("Concurrency:"), m_concurrency);
    auto* pacing = new QHBoxLayout;
    pacing->addWidget(m_pacing);
    pacing->addWidget(m_speed);
    form->addRow(QString(), pacing);
    form->addRow(QString(), m_verify);
    form->addRow(QString(), m_insecure);
    auto* ca = new QHBoxLayout;
    ca->addWidget(m_caFile);
    ca->addWidget(m_browse);
    form->addRow(tr("CA file:"), ca);

    auto* columns = new QHBoxLayout;
    columns->addLayout(left, 1);
    columns->addLayout(form, 2);
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(columns);
    layout->addWidget(m_error);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    m_ok = buttons->button(QDialogButtonBox::Ok);
    m_ok->setObjectName(QStringLiteral("okPushButton"));
    layout->addWidget(buttons);

    for (const ReplayTarget& target : std::as_const(m_targets))
        m_secrets.append(controller->secret(target.url));
    connect(buttons, &QDialogButtonBox::accepted, this, [this] {
        storeTarget(m_row);
        if (!validate())
            return;
        apply();
        accept();
    });
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_list, &QListWidget::currentRowChanged, this, [this](int row) {
        storeTarget(m_row);
        showTarget(row);
    });
    connect(m_add, &QPushButton::clicked, this, [this] {
        storeTarget(m_row);
        ReplayTarget target;
        target.url = QUrl(QStringLiteral("http://127.0.0.1:3000/"));
        m_targets.append(target);
        m_secrets.append(SecretSet());
        m_row = -1;
        refreshList();
        m_list->setCurrentRow(int(m_targets.size()) - 1);
        m_url->setFocus();
        m_url->selectAll();
    });
    connect(m_remove, &QPushButton::clicked, this, [this] {
        const int row = m_list->currentRow();
        if (row < 0)
            return;
        m_targets.removeAt(row);
        m_secrets.removeAt(row);
        m_row = -1;
        refreshList();
        m_list->setCurrentRow(qMin(row, int(m_targets.size()) - 1));
    });
    connect(m_browse, &QPushButton::clicked, this, [this] {
        const QString file = FileDialog::openFileName(this, tr("CA certificates"),
                                                      tr("PEM files (*.pem *.crt);;All "
                                                         "files (*)"));
        if (!file.isEmpty())
            m_caFile->setText(file);
    });
    connect(m_verify, &QCheckBox::toggled, this, &ReplayTargetsDialog::updateWarnings);
    connect(m_resign, &QCheckBox::toggled, this, &ReplayTargetsDialog::updateWarnings);
    connect(m_pacing, &QCheckBox::toggled, this, &ReplayTargetsDialog::updateWarnings);
    connect(m_url, &QLineEdit::textChanged, this, [this] {
        if (!m_loading)
            validate();
    });
    connect(m_name, &QLineEdit::textEdited, this, [this] {
        storeTarget(m_row);
        if (m_row >= 0)
            m_list->item(m_row)->setText(m_targets.at(m_row).displayName());
    });

    refreshList();
    m_list->setCurrentRow(m_targets.isEmpty() ? -1 : 0);
    if (m_targets.isEmpty())
        showTarget(-1);
    resize(760, 560);
}

void ReplayTargetsDialog::refreshList()
{
    const QSignalBlocker blocker(m_list);
    m_list->clear();
    for (const ReplayTarget& target : std::as_const(m_targets))
        m_list->addItem(target.displayName());
}

void ReplayTargetsDialog::showTarget(int row)
{
    m_row = row;
    const bool valid = row >= 0 && row < m_targets.size();
    for (QWidget* widget : std::initializer_list<QWidget*> {
             m_name, m_url, m_addHeaders, m_dropHeaders, m_resign, m_scheme, m_secret, m_renewId, m_timeout,
             m_appendPath, m_concurrency, m_pacing, m_speed, m_verify, m_caFile, m_browse, m_remove})
        widget->setEnabled(valid);
    const ReplayTarget target = valid ? m_targets.at(row) : ReplayTarget {};
    m_loading = true;
    m_name->setText(target.name);
    m_url->setText(valid ? target.url.toString(QUrl::FullyEncoded) : QString());
    m_addHeaders->setPlainText(ReplayEditorDialog::headersToText(target.addHeaders));
    QStringList drop;
    for (const QByteArray& name : target.dropHeaders)
        drop.append(QString::fromLatin1(name));
    m_dropHeaders->setText(drop.join(QStringLiteral(", ")));
    m_resign->setChecked(target.resign);
    m_scheme->setCurrentIndex(
        qMax(0, m_scheme->findData(target.resignScheme ? SignatureSchemes::name(*target.resignScheme) : QString())));
    m_secret->setText(valid ? QString::fromUtf8(m_secrets.at(row).firstValue()) : QString());
    m_renewId->setChecked(target.renewMessageId);
    m_timeout->setValue(qMax(1, target.timeoutMs / 1000));
    m_appendPath->setChecked(target.appendOriginalPath);
    m_concurrency->setValue(target.concurrency);
    m_pacing->setChecked(target.originalPacing);
    m_speed->setValue(target.pacingSpeed);
    m_verify->setChecked(target.verifyCertificates);
    m_caFile->setText(target.caFile);
    m_loading = false;
    updateWarnings();
}

void ReplayTargetsDialog::storeTarget(int row)
{
    if (m_loading || row < 0 || row >= m_targets.size())
        return;
    ReplayTarget& target = m_targets[row];
    target.name = m_name->text().trimmed();
    if (const Expected<QUrl> url = ReplayTargets::parseUrl(m_url->text()))
        target.url = *url;
    else
        target.url = QUrl(m_url->text().trimmed());
    target.addHeaders = ReplayEditorDialog::headersFromText(m_addHeaders->toPlainText()).value_or(HttpHeaders {});
    target.dropHeaders.clear();
    for (const QString& name : m_dropHeaders->text().split(QLatin1Char(','), Qt::SkipEmptyParts)) {
        if (!name.trimmed().isEmpty())
            target.dropHeaders.append(name.trimmed().toLatin1());
    }
    target.resign = m_resign->isChecked();
    SignatureScheme scheme = SignatureScheme::None;
    if (SignatureSchemes::fromName(m_scheme->currentData().toString(), &scheme))
        target.resignScheme = scheme;
    else
        target.resignScheme.reset();
    // A new set only for a new value: an unchanged secret stays the one buffer the controller holds.
    if (const QByteArray typed = m_secret->text().toUtf8(); typed != m_secrets.at(row).firstValue()) {
        SecretSet secret;
        if (!typed.isEmpty())
            secret.add(QStringLiteral("re-signing secret"), typed);
        m_secrets[row] = secret;
    }
    target.renewMessageId = m_renewId->isChecked();
    target.timeoutMs = m_timeout->value() * 1000;
    target.appendOriginalPath = m_appendPath->isChecked();
    target.concurrency = m_concurrency->value();
    target.originalPacing = m_pacing->isChecked();
    target.pacingSpeed = m_speed->value();
    target.verifyCertificates = m_verify->isChecked();
    target.caFile = m_caFile->text().trimmed();
}

void ReplayTargetsDialog::updateWarnings()
{
    const bool valid = m_row >= 0;
    m_insecure->setVisible(valid && !m_verify->isChecked());
    StatusColors::markNegative(m_insecure, true);
    m_scheme->setEnabled(valid && m_resign->isChecked());
    m_secret->setEnabled(valid && m_resign->isChecked());
    m_renewId->setEnabled(valid && m_resign->isChecked());
    m_speed->setEnabled(valid && m_pacing->isChecked());
}

bool ReplayTargetsDialog::validate()
{
    QString problem;
    const Expected<QUrl> typed = ReplayTargets::parseUrl(m_url->text());
    for (qsizetype i = 0; i < m_targets.size() && problem.isEmpty(); ++i) {
        if (i == m_row && !typed)
            problem = tr("%1: %2").arg(m_targets.at(i).displayName(), typed.error().message);
        else if (const Expected<void> valid = m_targets.at(i).validate(); !valid)
            problem = tr("%1: %2").arg(m_targets.at(i).displayName(), valid.error().message);
    }
    if (problem.isEmpty() && m_row >= 0) {
        const Expected<HttpHeaders> added = ReplayEditorDialog::headersFromText(m_addHeaders->toPlainText());
        if (!added)
            problem = tr("Add headers: %1").arg(added.error().message);
    }
    m_error->setText(problem);
    StatusColors::markNegative(m_error, true);
    return problem.isEmpty();
}

void ReplayTargetsDialog::apply()
{
    storeTarget(m_row);
    m_controller->setTargets(m_targets);
    for (qsizetype i = 0; i < m_targets.size(); ++i)
        m_controller->setSecret(m_targets.at(i).url, m_secrets.at(i));
}

void ReplayTargetsDialog::changeEvent(QEvent* event)
{
    QDialog::changeEvent(event);
    if (event->type() == QEvent::PaletteChange) {
        StatusColors::markNegative(m_insecure, true);
        StatusColors::markNegative(m_error, true);
    }
}

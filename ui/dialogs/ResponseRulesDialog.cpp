// SPDX-License-Identifier: MIT
#include "dialogs/ResponseRulesDialog.h"

#include <QDialogButtonBox>
#include <QFontDatabase>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QVBoxLayout>

#include "widgets/Theme.h"

ResponseRulesDialog::ResponseRulesDialog(const QString& json, QWidget* parent)
    : QDialog(parent)
    , m_editor(new QPlainTextEdit(this))
    , m_error(new QLabel(this))
{
    setObjectName(QStringLiteral("responseRulesDialog"));
    setWindowTitle(tr("Response Rules"));
    auto* help = new QLabel(tr("How the endpoint answers: the first rule whose <tt>method</tt> and <tt>path</tt> match "
                               "answers, else <tt>default</tt>. Fields: status, headers, body (<tt>{id}</tt> is the "
                               "capture id), delayMs, failFirst, failEvery, failStatus, retryAfter, close."),
                            this);
    help->setWordWrap(true);
    m_editor->setObjectName(QStringLiteral("rulesPlainTextEdit"));
    m_editor->setAccessibleName(tr("Response rules (JSON)"));
    m_editor->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_editor->setPlainText(json.isEmpty() ? QString::fromUtf8(ResponseRules().toJson()) : json);
    m_error->setObjectName(QStringLiteral("rulesErrorLabel"));
    Theme::applyTone(m_error, Theme::Tone::Bad);
    m_error->setWordWrap(true);
    auto* buttons
        = new QDialogButtonBox(QDialogButtonBox::Apply | QDialogButtonBox::Close | QDialogButtonBox::Reset, this);
    buttons->setObjectName(QStringLiteral("rulesButtonBox"));
    buttons->button(QDialogButtonBox::Apply)->setObjectName(QStringLiteral("applyRulesPushButton"));
    buttons->button(QDialogButtonBox::Reset)->setToolTip(tr("Back to the default: 200 with a short JSON body"));
    connect(buttons->button(QDialogButtonBox::Apply), &QPushButton::clicked, this, &ResponseRulesDialog::apply);
    connect(buttons->button(QDialogButtonBox::Reset), &QPushButton::clicked, this,
            [this] { m_editor->setPlainText(QString::fromUtf8(ResponseRules().toJson())); });
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(help);
    layout->addWidget(m_editor, 1);
    layout->addWidget(m_error);
    layout->addWidget(buttons);
    resize(640, 480);
}

QString ResponseRulesDialog::json() const
{
    return m_editor->toPlainText();
}

std::optional<ResponseRules> ResponseRulesDialog::rules()
{
    const Expected<ResponseRules> parsed = ResponseRules::fromJson(json().toUtf8());
    if (!parsed) {
        m_error->setText(tr("Not applied: %1").arg(parsed.error().message));
        return std::nullopt;
    }
    m_error->clear();
    return *parsed;
}

void ResponseRulesDialog::apply()
{
    if (const std::optional<ResponseRules> parsed = rules()) {
        m_error->setText(tr("Applied."));
        Theme::applyTone(m_error, Theme::Tone::Good);
        Q_EMIT applied(*parsed, json());
    } else {
        Theme::applyTone(m_error, Theme::Tone::Bad);
    }
}

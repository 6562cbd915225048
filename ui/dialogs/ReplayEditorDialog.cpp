// SPDX-License-Identifier: MIT
#include "dialogs/ReplayEditorDialog.h"

#include <QCheckBox>
#include <QDialogButtonBox>
#include <QFontDatabase>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QRegularExpression>
#include <QTimer>
#include <QVBoxLayout>

#include "core/Utf8.h"
#include "json/JsonReader.h"
#include "replay/ReplayTarget.h"
#include "signature/SignatureVerifier.h"
#include "widgets/StatusColors.h"

namespace {

bool looksLikeJson(const HttpHeaders& headers, const QByteArray& body)
{
    if (headerValue(headers, "Content-Type").toLower().contains("json"))
        return true;
    for (const char c : body) {
        if (c == ' ' || c == '\t' || c == '\r' || c == '\n')
            continue;
        return c == '{' || c == '[';
    }
    return false;
}

bool isToken(const QByteArray& name)
{
    static const QByteArray extra = "!#$%&'*+-.^_`|~";
    if (name.isEmpty())
        return false;
    for (const char c : name) {
        if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || extra.contains(c)))
            return false;
    }
    return true;
}

} // namespace

ReplayEditorDialog::ReplayEditorDialog(const ReplayRequest& request, bool canResign, QWidget* parent)
    : QDialog(parent)
    , m_canResign(canResign)
    , m_method(new QLineEdit(QString::fromLatin1(request.method), this))
    , m_url(new QLineEdit(request.url.toString(QUrl::FullyEncoded), this))
    , m_headers(new QPlainTextEdit(headersToText(request.headers), this))
    , m_body(new QPlainTextEdit(this))
    , m_json(new QLabel(this))
    , m_resign(new QCheckBox(this))
    , m_error(new QLabel(this))
    , m_send(nullptr)
    , m_check(new QTimer(this))
{
    setObjectName(QStringLiteral("replayEditorDialog"));
    setWindowTitle(tr("Edit and replay"));
    m_method->setObjectName(QStringLiteral("methodLineEdit"));
    m_url->setObjectName(QStringLiteral("urlLineEdit"));
    m_headers->setObjectName(QStringLiteral("headersPlainTextEdit"));
    m_body->setObjectName(QStringLiteral("bodyPlainTextEdit"));
    m_json->setObjectName(QStringLiteral("jsonStatusLabel"));
    m_resign->setObjectName(QStringLiteral("resignCheckBox"));
    m_error->setObjectName(QStringLiteral("errorLabel"));
    const QFont fixed = QFontDatabase::systemFont(QFontDatabase::FixedFont);
    m_headers->setFont(fixed);
    m_body->setFont(fixed);
    m_headers->setLineWrapMode(QPlainTextEdit::NoWrap);
    m_json->setTextFormat(Qt::PlainText);
    m_error->setTextFormat(Qt::PlainText);
    m_error->setWordWrap(true);
    StatusColors::markNegative(m_error, true);
    m_resign->setChecked(true); // an edited body no longer matches its old signature

    m_binary = !Utf8::isValid(request.body) || request.body.contains('\0');
    if (m_binary) {
        m_binaryBody = request.body;
        m_body->setPlainText(
            tr("(%n byte(s) that are not UTF-8 text: sent unchanged)", nullptr, int(request.body.size())));
        m_body->setReadOnly(true);
    } else {
        m_body->setPlainText(QString::fromUtf8(request.body));
    }

    auto* form = new QFormLayout;
    form->addRow(tr("&Method:"), m_method);
    form->addRow(tr("&URL:"), m_url);
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(new QLabel(tr("Headers, in the order they are sent (Host and Content-Length are set for the "
                                    "target):"),
                                 this));
    layout->addWidget(m_headers, 1);
    layout->addWidget(new QLabel(tr("Body:"), this));
    layout->addWidget(m_body, 2);
    layout->addWidget(m_json);
    layout->addWidget(m_resign);
    layout->addWidget(m_error);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Cancel, this);
    m_send = buttons->addButton(tr("&Send"), QDialogButtonBox::AcceptRole);
    m_send->setObjectName(QStringLiteral("sendPushButton"));
    layout->addWidget(buttons);
    connect(buttons, &QDialogButtonBox::accepted, this, [this] {
        if (const Expected<ReplayRequest> edited = this->request())
            accept();
        else
            m_error->setText(edited.error().message);
    });
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    // Checked as it is typed, after a short pause, so that large bodies do not slow typing down.
    m_check->setSingleShot(true);
    m_check->setInterval(150);
    connect(m_check, &QTimer::timeout, this, [this] {
        checkBody();
        updateResign();
        validate();
    });
    for (QPlainTextEdit* edit : {m_headers, m_body})
        connect(edit, &QPlainTextEdit::textChanged, m_check, qOverload<>(&QTimer::start));
    for (QLineEdit* edit : {m_method, m_url})
        connect(edit, &QLineEdit::textChanged, m_check, qOverload<>(&QTimer::start));
    checkBody();
    updateResign();
    validate();
    resize(720, 640);
}

QString ReplayEditorDialog::headersToText(const HttpHeaders& headers)
{
    QStringList lines;
    for (const HttpHeader& header : headers)
        lines.append(QString::fromLatin1(header.first) + QStringLiteral(": ") + QString::fromLatin1(header.second));
    return lines.join(QLatin1Char('\n'));
}

Expected<HttpHeaders> ReplayEditorDialog::headersFromText(const QString& text)
{
    HttpHeaders headers;
    const QStringList lines = text.split(QLatin1Char('\n'));
    for (qsizetype i = 0; i < lines.size(); ++i) {
        QString line = lines.at(i);
        if (line.endsWith(QLatin1Char('\r')))
            line.chop(1);
        if (line.trimmed().isEmpty())
            continue;
        const qsizetype colon = line.indexOf(QLatin1Char(':'));
        const QByteArray name = line.left(colon).toLatin1();
        if (colon <= 0 || !isToken(name))
            return Error {
                Error::Code::InvalidInput,
                tr("headers, line %1: expected \"Name: value\" with a name of letters, digits or !#$%&'*+-.^_`|~")
                    .arg(i + 1)};
        const QString value = line.mid(colon + 1).trimmed();
        bool latin1 = true;
        for (const QChar c : value)
            latin1 = latin1 && c.unicode() < 256 && c.unicode() != 0x7F && (c.unicode() >= 0x20 || c == u'\t');
        if (!latin1)
            return Error {Error::Code::InvalidInput,
                          tr("headers, line %1: the value has a character that cannot be sent in a header").arg(i + 1)};
        headers.append({name, value.toLatin1()});
    }
    return headers;
}

Expected<ReplayRequest> ReplayEditorDialog::request() const
{
    ReplayRequest out;
    out.method = m_method->text().trimmed().toLatin1();
    if (!isToken(out.method))
        return Error {Error::Code::InvalidInput, tr("method: expected a word such as POST")};
    const Expected<QUrl> url = ReplayTargets::parseUrl(m_url->text());
    if (!url)
        return Error {Error::Code::InvalidInput, tr("URL: %1").arg(url.error().message)};
    out.url = *url;
    const Expected<HttpHeaders> headers = headersFromText(m_headers->toPlainText());
    if (!headers)
        return headers.error();
    // Host, Content-Length and the connection's own headers are the client's to write.
    out.headers = ReplayRequest::forwardableHeaders(*headers);
    out.body = m_binary ? m_binaryBody : m_body->toPlainText().toUtf8();
    return out;
}

bool ReplayEditorDialog::resign() const
{
    return m_resign->isEnabled() && m_resign->isChecked();
}

QString ReplayEditorDialog::jsonStatus() const
{
    return m_json->text();
}

void ReplayEditorDialog::checkBody()
{
    const HttpHeaders headers = headersFromText(m_headers->toPlainText()).value_or(HttpHeaders {});
    const QByteArray body = m_binary ? m_binaryBody : m_body->toPlainText().toUtf8();
    if (m_binary || !looksLikeJson(headers, body)) {
        m_json->clear();
        m_json->setVisible(false);
        return;
    }
    m_json->setVisible(true);
    const JsonReadResult read = JsonReader::read(body);
    if (read.ok()) {
        m_json->setText(tr("JSON: valid"));
        StatusColors::markNegative(m_json, false);
    } else {
        m_json->setText(tr("JSON: %1").arg(read.error->toString()));
        StatusColors::markNegative(m_json, true);
    }
}

void ReplayEditorDialog::updateResign()
{
    const HttpHeaders headers = headersFromText(m_headers->toPlainText()).value_or(HttpHeaders {});
    const QByteArray body = m_binary ? m_binaryBody : m_body->toPlainText().toUtf8();
    const SignatureScheme scheme = SignatureVerifier::detect(headers, body);
    const bool applies = scheme != SignatureScheme::None;
    m_resign->setEnabled(applies && m_canResign);
    if (!applies)
        m_resign->setText(tr("Re-sign after editing (no signature scheme found in this request)"));
    else if (!m_canResign)
        m_resign->setText(
            tr("Re-sign (%1) after editing: set the target's secret first").arg(SignatureSchemes::displayName(scheme)));
    else
        m_resign->setText(
            tr("Re-sign (%1) with the target's secret after editing").arg(SignatureSchemes::displayName(scheme)));
}

void ReplayEditorDialog::validate()
{
    const Expected<ReplayRequest> edited = request();
    m_error->setText(edited ? QString() : edited.error().message);
    m_send->setEnabled(edited.has_value());
}

// SPDX-License-Identifier: MIT
#include "detail/BodyView.h"

#include <QComboBox>
#include <QFontDatabase>
#include <QHBoxLayout>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QStringDecoder>
#include <QVBoxLayout>

#include "core/ByteSize.h"
#include "json/JsonPretty.h"
#include "json/JsonReader.h"
#include "widgets/LongLines.h"

BodyView::BodyView(QWidget* parent)
    : QWidget(parent)
    , m_mode(new QComboBox(this))
    , m_info(new QLabel(this))
    , m_previous(new QPushButton(tr("◀ Previous"), this))
    , m_next(new QPushButton(tr("Next ▶"), this))
    , m_save(new QPushButton(tr("Save Body…"), this))
    , m_view(new QPlainTextEdit(this))
{
    m_mode->setObjectName(QStringLiteral("bodyModeComboBox"));
    m_mode->setAccessibleName(tr("Body view"));
    m_mode->addItem(tr("Text"), int(Mode::Text));
    m_mode->addItem(tr("JSON, indented"), int(Mode::PrettyJson));
    m_mode->addItem(tr("Hex"), int(Mode::Hex));
    m_info->setObjectName(QStringLiteral("bodyInfoLabel"));
    m_info->setTextFormat(Qt::PlainText);
    m_previous->setObjectName(QStringLiteral("bodyPreviousPushButton"));
    m_next->setObjectName(QStringLiteral("bodyNextPushButton"));
    m_save->setObjectName(QStringLiteral("saveBodyPushButton"));
    m_view->setObjectName(QStringLiteral("bodyTextEdit"));
    m_view->setAccessibleName(tr("Body"));
    m_view->setReadOnly(true);
    m_view->setLineWrapMode(QPlainTextEdit::NoWrap);
    m_view->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));

    auto* bar = new QHBoxLayout;
    bar->addWidget(m_mode);
    bar->addWidget(m_info, 1);
    bar->addWidget(m_previous);
    bar->addWidget(m_next);
    bar->addWidget(m_save);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(bar);
    layout->addWidget(m_view, 1);

    connect(m_mode, &QComboBox::currentIndexChanged, this, [this] {
        m_page = 0;
        render();
    });
    connect(m_previous, &QPushButton::clicked, this, [this] { showPage(m_page - 1); });
    connect(m_next, &QPushButton::clicked, this, [this] { showPage(m_page + 1); });
    connect(m_save, &QPushButton::clicked, this, &BodyView::saveRequested);
    clear();
}

bool BodyView::isDisplayableText(const QByteArray& bytes)
{
    // The first page decides, so that a 50 MiB body is not decoded whole just to be shown.
    const QByteArrayView head = QByteArrayView(bytes).first(qMin(bytes.size(), pageBytes));
    if (head.contains('\0'))
        return false;
    QStringDecoder decoder(QStringDecoder::Utf8); // stateful: a character cut at the page's end is no error
    const QString text = decoder.decode(head);
    return !decoder.hasError();
}

QString BodyView::hexDump(const QByteArray& bytes, qsizetype offset, qsizetype length)
{
    const qsizetype end = qMin(bytes.size(), offset + length);
    QString out;
    out.reserve((end - offset) * 5 + 64);
    for (qsizetype line = offset; line < end; line += 16) {
        out += QStringLiteral("%1  ").arg(line, 8, 16, QLatin1Char('0'));
        QString ascii;
        for (qsizetype i = 0; i < 16; ++i) {
            if (line + i < end) {
                const auto byte = uchar(bytes.at(line + i));
                out += QStringLiteral("%1 ").arg(byte, 2, 16, QLatin1Char('0'));
                ascii += byte >= 0x20 && byte < 0x7f ? QLatin1Char(char(byte)) : QLatin1Char('.');
            } else {
                out += QStringLiteral("   ");
            }
            if (i == 7)
                out += QLatin1Char(' ');
        }
        out += QLatin1Char(' ') + ascii + QLatin1Char('\n');
    }
    return out;
}

void BodyView::showBody(const QByteArray& body)
{
    m_body = body;
    m_page = 0;
    m_text = isDisplayableText(body);
    // Text is shown as received; binary bodies open as hex. Indented JSON is a choice.
    const Mode mode = this->mode();
    if (!m_text && mode != Mode::Hex)
        setMode(Mode::Hex);
    else if (m_text && mode == Mode::Hex)
        setMode(Mode::Text);
    else
        render();
    m_save->setEnabled(!body.isEmpty());
}

void BodyView::clear()
{
    m_body.clear();
    m_page = 0;
    m_view->clear();
    m_view->setPlaceholderText(tr("No body"));
    m_info->clear();
    m_previous->hide();
    m_next->hide();
    m_save->setEnabled(false);
}

void BodyView::setMode(Mode mode)
{
    const int index = m_mode->findData(int(mode));
    if (index == m_mode->currentIndex())
        render();
    else
        m_mode->setCurrentIndex(index);
}

BodyView::Mode BodyView::mode() const
{
    return Mode(m_mode->currentData().toInt());
}

int BodyView::pageCount() const
{
    const qsizetype size = mode() == Mode::Hex ? hexPageBytes : pageBytes;
    return qMax(1, int((m_body.size() + size - 1) / size));
}

void BodyView::showPage(int page)
{
    m_page = qBound(0, page, pageCount() - 1);
    render();
}

void BodyView::render()
{
    if (m_body.isEmpty()) {
        m_view->setPlainText(QString());
        m_view->setPlaceholderText(tr("No body"));
        m_info->setText(QString());
        m_previous->hide();
        m_next->hide();
        return;
    }
    const Mode mode = this->mode();
    const qsizetype size = mode == Mode::Hex ? hexPageBytes : pageBytes;
    const qsizetype offset = qsizetype(m_page) * size;
    const bool indent = mode == Mode::PrettyJson && m_body.size() <= pageBytes;
    const bool paged = m_body.size() > size && !indent;
    QString info = ByteSize::text(m_body.size());
    if (mode == Mode::Hex) {
        m_view->setPlainText(hexDump(m_body, offset, size));
        if (!m_text)
            info = tr("Binary, %1").arg(info);
    } else if (indent) {
        const JsonReadResult parsed = JsonReader::read(m_body, {.maxDepth = 10000, .skipByteOrderMark = true});
        if (!parsed.ok()) {
            m_view->setPlainText(QString::fromUtf8(m_body));
            info = tr("%1 · not JSON: %2").arg(info, parsed.error->toString());
        } else {
            m_view->setPlainText(QString::fromUtf8(JsonPretty::format(parsed.document.root())));
            info = tr("%1 · JSON, keys in received order").arg(info);
        }
    } else {
        bool broken = false;
        m_view->setPlainText(LongLines::forDisplay(QString::fromUtf8(m_body.mid(offset, size)), &broken));
        if (mode == Mode::PrettyJson)
            info = tr("%1 · too large to indent, shown as text").arg(info);
        if (broken)
            info = tr("%1 · lines over %2 characters are shown broken (Save Body keeps the exact bytes)")
                       .arg(info)
                       .arg(LongLines::displayWidth);
    }
    if (paged) {
        const qsizetype end = qMin(m_body.size(), offset + size);
        info = tr("bytes %1–%2 of %3").arg(offset).arg(end).arg(info);
    }
    m_info->setText(info);
    m_previous->setVisible(paged);
    m_next->setVisible(paged);
    m_previous->setEnabled(m_page > 0);
    m_next->setEnabled(m_page + 1 < pageCount());
}

// SPDX-License-Identifier: MIT
#include "detail/ReplayView.h"

#include <QCheckBox>
#include <QComboBox>
#include <QFontDatabase>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QPlainTextEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QSplitter>
#include <QTableView>
#include <QVBoxLayout>

#include "core/Utf8.h"
#include "models/ReplayAttemptsModel.h"
#include "replay/ReplayController.h"
#include "replay/ReplayPreparer.h"
#include "widgets/StatusColors.h"

namespace {

QString answerText(const ReplayAttempt& attempt)
{
    QString text = attempt.summaryText() + QLatin1Char('\n');
    text += QObject::tr("%1 to %2 at %3, %4 ms")
                .arg(QString::fromLatin1(attempt.method), attempt.targetUrl,
                     attempt.startedAt.toLocalTime().toString(Qt::ISODateWithMs))
                .arg(attempt.durationMs);
    if (!attempt.resignedScheme.isEmpty())
        text += QObject::tr(", re-signed (%1)").arg(attempt.resignedScheme);
    text += QStringLiteral("\n\n");
    if (!attempt.answered())
        return text + QObject::tr("No answer.");
    for (const HttpHeader& header : attempt.responseHeaders)
        text += QString::fromLatin1(header.first) + QStringLiteral(": ") + QString::fromLatin1(header.second)
            + QLatin1Char('\n');
    text += QLatin1Char('\n');
    if (Utf8::isValid(attempt.responseBody) && !attempt.responseBody.contains('\0'))
        text += QString::fromUtf8(attempt.responseBody);
    else
        text += QObject::tr("(%n byte(s) of binary data)", nullptr, int(attempt.responseBody.size()));
    if (attempt.bodyTruncated())
        text += QObject::tr("\n\n(the first %1 of %2 bytes are kept)")
                    .arg(attempt.responseBody.size())
                    .arg(attempt.responseBodyBytes);
    return text;
}

} // namespace

ReplayView::ReplayView(ReplayController* controller, QWidget* parent)
    : QWidget(parent)
    , m_controller(controller)
    , m_targets(new QComboBox(this))
    , m_manage(new QPushButton(tr("Targets…"), this))
    , m_replay(new QPushButton(tr("&Replay"), this))
    , m_edit(new QPushButton(tr("&Edit and replay…"), this))
    , m_retry(new QPushButton(tr("Re&try"), this))
    , m_compare(new QPushButton(tr("&Compare with original"), this))
    , m_cancel(new QPushButton(tr("Cancel"), this))
    , m_forward(new QCheckBox(tr("Forward new captures to this target"), this))
    , m_progress(new QProgressBar(this))
    , m_message(new QLabel(this))
    , m_table(new QTableView(this))
    , m_model(new ReplayAttemptsModel(this))
    , m_answer(new QPlainTextEdit(this))
{
    setObjectName(QStringLiteral("replayView"));
    m_targets->setObjectName(QStringLiteral("targetComboBox"));
    m_targets->setAccessibleName(tr("Replay target"));
    m_targets->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    m_manage->setObjectName(QStringLiteral("targetsPushButton"));
    m_replay->setObjectName(QStringLiteral("replayPushButton"));
    m_edit->setObjectName(QStringLiteral("editPushButton"));
    m_retry->setObjectName(QStringLiteral("retryPushButton"));
    m_compare->setObjectName(QStringLiteral("comparePushButton"));
    m_cancel->setObjectName(QStringLiteral("cancelPushButton"));
    m_forward->setObjectName(QStringLiteral("forwardCheckBox"));
    m_progress->setObjectName(QStringLiteral("replayProgressBar"));
    m_progress->setVisible(false);
    m_message->setObjectName(QStringLiteral("messageLabel"));
    m_message->setTextFormat(Qt::PlainText);
    m_message->setWordWrap(true);
    m_table->setObjectName(QStringLiteral("attemptsTableView"));
    m_table->setAccessibleName(tr("Replay attempts"));
    m_table->setModel(m_model);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_table->verticalHeader()->hide();
    m_table->setWordWrap(false);
    m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_table->horizontalHeader()->setSectionResizeMode(ReplayAttemptsModel::Target, QHeaderView::Stretch);
    m_answer->setObjectName(QStringLiteral("answerPlainTextEdit"));
    m_answer->setAccessibleName(tr("Answer of the selected attempt"));
    m_answer->setReadOnly(true);
    m_answer->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));

    auto* targetRow = new QHBoxLayout;
    targetRow->addWidget(new QLabel(tr("To:"), this));
    targetRow->addWidget(m_targets, 1);
    targetRow->addWidget(m_manage);
    targetRow->addWidget(m_forward);
    auto* actions = new QHBoxLayout;
    for (QPushButton* button : {m_replay, m_edit, m_retry, m_compare, m_cancel})
        actions->addWidget(button);
    actions->addStretch(1);
    auto* splitter = new QSplitter(Qt::Vertical, this);
    splitter->addWidget(m_table);
    splitter->addWidget(m_answer);
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(targetRow);
    layout->addLayout(actions);
    layout->addWidget(m_progress);
    layout->addWidget(m_message);
    layout->addWidget(splitter, 1);

    connect(m_manage, &QPushButton::clicked, this, &ReplayView::targetsRequested);
    connect(m_replay, &QPushButton::clicked, this, &ReplayView::replay);
    connect(m_edit, &QPushButton::clicked, this, &ReplayView::editAndReplay);
    connect(m_retry, &QPushButton::clicked, this, &ReplayView::retry);
    connect(m_compare, &QPushButton::clicked, this, &ReplayView::compare);
    connect(m_cancel, &QPushButton::clicked, m_controller, &ReplayController::cancel);
    connect(m_targets, &QComboBox::currentIndexChanged, this, [this] {
        if (m_forward->isChecked()) {
            if (const Expected<void> forwarding = m_controller->setForwarding(m_targets->currentIndex()); !forwarding)
                report(forwarding.error().message, true);
        }
        updateButtons();
    });
    connect(m_forward, &QCheckBox::toggled, this, [this](bool on) {
        const Expected<void> forwarding = m_controller->setForwarding(on ? m_targets->currentIndex() : -1);
        if (!forwarding) {
            report(forwarding.error().message, true);
            const QSignalBlocker blocker(m_forward);
            m_forward->setChecked(false);
        } else {
            report(on ? tr("Every new capture is forwarded to %1.").arg(m_targets->currentText()) : QString(), false);
        }
    });
    connect(m_table->selectionModel(), &QItemSelectionModel::selectionChanged, this, [this] {
        showSelected();
        updateButtons();
    });
    connect(m_controller, &ReplayController::targetsChanged, this, &ReplayView::refreshTargets);
    connect(m_controller, &ReplayController::attemptRecorded, this, &ReplayView::onAttempt);
    connect(m_controller, &ReplayController::batchStarted, this, [this](int total) {
        m_progress->setRange(0, total);
        m_progress->setValue(0);
        m_progress->setVisible(total > 1);
        report(tr("Replaying…"), false);
        updateButtons();
    });
    connect(m_controller, &ReplayController::batchProgress, this, [this](int done, int total) {
        m_progress->setRange(0, total);
        m_progress->setValue(done);
    });
    connect(m_controller, &ReplayController::batchFinished, this, &ReplayView::onFinished);
    connect(m_controller, &ReplayController::recordFailed, this,
            [this](const QString& message) { report(tr("The attempt was not recorded: %1").arg(message), true); });
    refreshTargets();
    updateButtons();
}

void ReplayView::setCapture(const Capture& capture, const QList<Capture>& selection)
{
    if (!m_capture || m_capture->id != capture.id) {
        m_original.reset();
        // The answer the capture got when it was delivered (or the one its file recorded) is the original.
        if (capture.responseStatus != 0 && !capture.responseHeaders.isEmpty()) {
            m_original = std::make_pair(capture.responseHeaders, capture.responseBody);
            m_originalTitle = tr("Original answer (%1)").arg(capture.responseStatus);
        }
    }
    m_capture = capture;
    m_selection = selection.size() > 1 ? selection : QList<Capture> {};
    m_replay->setText(m_selection.isEmpty() ? tr("&Replay")
                                            : tr("&Replay %n captures", nullptr, int(m_selection.size())));
    refreshAttempts();
    updateButtons();
}

void ReplayView::clear()
{
    m_capture.reset();
    m_selection.clear();
    m_original.reset();
    m_model->setAttempts({});
    m_answer->clear();
    updateButtons();
}

void ReplayView::setOriginalAnswer(const HttpHeaders& headers, const QByteArray& body, const QString& title)
{
    m_original = std::make_pair(headers, body);
    m_originalTitle = title;
    updateButtons();
}

void ReplayView::refreshTargets()
{
    const QString current = m_targets->currentData().toString();
    const QSignalBlocker blocker(m_targets);
    m_targets->clear();
    for (const ReplayTarget& target : m_controller->targets())
        m_targets->addItem(target.displayName() + (target.verifyCertificates ? QString() : tr(" (not verified)")),
                           target.url.toString(QUrl::FullyEncoded));
    const int index = m_targets->findData(current);
    m_targets->setCurrentIndex(index >= 0 ? index : 0);
    if (m_targets->count() == 0)
        m_targets->setPlaceholderText(tr("no target yet: add one with Targets…"));
    updateButtons();
}

void ReplayView::refreshAttempts()
{
    m_model->setAttempts(m_capture ? m_controller->attempts(m_capture->id) : QList<ReplayAttempt> {});
    if (m_model->rowCount() > 0)
        m_table->selectRow(m_model->rowCount() - 1);
    showSelected();
}

std::optional<int> ReplayView::selectedRow() const
{
    const QModelIndexList rows = m_table->selectionModel()->selectedRows();
    if (rows.isEmpty())
        return std::nullopt;
    return rows.constLast().row();
}

void ReplayView::showSelected()
{
    const std::optional<int> row = selectedRow();
    m_answer->setPlainText(row ? answerText(m_model->attempt(*row)) : QString());
}

void ReplayView::updateButtons()
{
    const bool running = m_controller->isRunning();
    const bool target = m_targets->currentIndex() >= 0 && m_targets->count() > 0;
    m_replay->setEnabled(m_capture && target && !running);
    m_edit->setEnabled(m_capture && target && !running);
    m_retry->setEnabled(selectedRow().has_value() && !running);
    const QModelIndexList rows = m_table->selectionModel()->selectedRows();
    const bool answered = selectedRow() && m_model->attempt(*selectedRow()).answered();
    m_compare->setEnabled(answered && (m_original || rows.size() == 2 || m_model->rowCount() > 1));
    m_cancel->setEnabled(running);
    m_forward->setEnabled(target);
}

void ReplayView::replay()
{
    if (!m_capture)
        return;
    const QList<Capture> captures = m_selection.isEmpty() ? QList<Capture> {*m_capture} : m_selection;
    if (const Expected<void> started = m_controller->replay(captures, m_targets->currentIndex()); !started)
        report(started.error().message, true);
}

void ReplayView::editAndReplay()
{
    if (!m_capture)
        return;
    const int index = m_targets->currentIndex();
    if (index < 0 || index >= m_controller->targets().size())
        return;
    const ReplayTarget target = m_controller->targets().at(index);
    m_editTarget = index;
    Q_EMIT editRequested(ReplayPreparer::request(*m_capture, target), !m_controller->secret(target.url).isEmpty());
}

void ReplayView::replayEdited(const ReplayRequest& request, bool resign)
{
    if (!m_capture)
        return;
    if (const Expected<void> started = m_controller->replayEdited(*m_capture, request, m_editTarget, resign); !started)
        report(started.error().message, true);
}

void ReplayView::retry()
{
    if (const std::optional<int> row = selectedRow()) {
        if (const Expected<void> started = m_controller->retry(m_model->attempt(*row)); !started)
            report(started.error().message, true);
    }
}

void ReplayView::compare()
{
    const QModelIndexList rows = m_table->selectionModel()->selectedRows();
    const std::optional<int> row = selectedRow();
    if (!row)
        return;
    const ReplayAttempt& right = m_model->attempt(*row);
    const QString rightTitle = tr("Answer of %1 at %2").arg(right.targetUrl, right.startedAt.toLocalTime().toString());
    if (rows.size() == 2) {
        const ReplayAttempt& left = m_model->attempt(qMin(rows.at(0).row(), rows.at(1).row()));
        const ReplayAttempt& second = m_model->attempt(qMax(rows.at(0).row(), rows.at(1).row()));
        Q_EMIT compareRequested(
            tr("Answer of %1 at %2").arg(left.targetUrl, left.startedAt.toLocalTime().toString()), left.responseHeaders,
            left.responseBody,
            tr("Answer of %1 at %2").arg(second.targetUrl, second.startedAt.toLocalTime().toString()),
            second.responseHeaders, second.responseBody);
        return;
    }
    if (m_original) {
        Q_EMIT compareRequested(m_originalTitle, m_original->first, m_original->second, rightTitle,
                                right.responseHeaders, right.responseBody);
        return;
    }
    for (const ReplayAttempt& first : m_model->attempts()) {
        if (first.answered() && first.id != right.id) {
            Q_EMIT compareRequested(
                tr("Original answer (%1 at %2)").arg(first.targetUrl, first.startedAt.toLocalTime().toString()),
                first.responseHeaders, first.responseBody, rightTitle, right.responseHeaders, right.responseBody);
            return;
        }
    }
    report(tr("There is no other answer to compare with yet."), true);
}

void ReplayView::onAttempt(const ReplayAttempt& attempt)
{
    if (!m_capture || attempt.captureId != m_capture->id)
        return;
    m_model->append(attempt);
    m_table->selectRow(m_model->rowCount() - 1);
}

void ReplayView::onFinished(const ReplaySummary& summary)
{
    m_progress->setVisible(false);
    report(tr("Replay finished: %1").arg(summary.text()), !summary.allOk());
    updateButtons();
}

void ReplayView::report(const QString& message, bool error)
{
    m_message->setText(message);
    StatusColors::markNegative(m_message, error);
}

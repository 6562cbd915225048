// SPDX-License-Identifier: MIT
#include "window/MainWindow.h"

#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QCloseEvent>
#include <QDragEnterEvent>
#include <QDropEvent>
#include <QFileInfo>
#include <QLabel>
#include <QMenu>
#include <QMenuBar>
#include <QMimeData>
#include <QProgressBar>
#include <QPushButton>
#include <QSaveFile>
#include <QSplitter>
#include <QStatusBar>
#include <QTableView>
#include <QTimer>
#include <QVBoxLayout>

#include "core/ByteSize.h"
#include "detail/CaptureDetailView.h"
#include "detail/SignatureView.h"
#include "dialogs/AboutDialog.h"
#include "dialogs/EndpointDialog.h"
#include "dialogs/ResponseRulesDialog.h"
#include "dialogs/SessionsDialog.h"
#include "dialogs/StartupChoice.h"
#include "export/CurlExport.h"
#include "models/CaptureFilterModel.h"
#include "session/CaptureTableModel.h"
#include "session/SessionController.h"
#include "session/TaskRunner.h"
#include "session/TestDelivery.h"
#include "settings/Settings.h"
#include "store/SessionStore.h"
#include "widgets/FileDialog.h"
#include "widgets/MessageBar.h"
#include "widgets/SecretsPanel.h"
#include "window/AnalysisViews.h"
#include "window/AppearanceMenu.h"
#include "window/ArrivalNotifier.h"
#include "window/CaptureDeletion.h"
#include "window/CapturesPane.h"
#include "window/EmptyState.h"
#include "window/WindowActions.h"

namespace {
constexpr int noticeMsecs = 4000;

MessageBar::Kind kindOf(SessionController::Severity severity)
{
    switch (severity) {
    case SessionController::Severity::Information:
        return MessageBar::Kind::Information;
    case SessionController::Severity::Warning:
        return MessageBar::Kind::Warning;
    case SessionController::Severity::Error:
        break;
    }
    return MessageBar::Kind::Error;
}
} // namespace

MainWindow::MainWindow(const WindowOptions& options, Settings* settings, QWidget* parent)
    : QMainWindow(parent)
    , m_settings(settings)
    , m_controller(new SessionController(options.endpoint, settings, this))
    , m_actions(new WindowActions(this))
    , m_captures(new CapturesPane(m_controller->model(), this))
    , m_splitter(new QSplitter(Qt::Vertical, this))
    , m_detail(new CaptureDetailView(this))
    , m_signatureView(new SignatureView(this))
    , m_messageBar(new MessageBar(this))
    , m_secretsPanel(new SecretsPanel(this))
    , m_statusLabel(new QLabel(this))
    , m_progress(new QProgressBar(this))
    , m_cancel(new QPushButton(tr("Cancel"), this))
    , m_testDelivery(new TestDelivery(this))
    , m_analysis(nullptr)
    , m_statusTimer(new QTimer(this))
{
    setAcceptDrops(true);
    setObjectName(QStringLiteral("mainWindow"));
    setWindowTitle(QStringLiteral("Hookbench"));

    auto* top = new QWidget(this);
    auto* topLayout = new QVBoxLayout(top);
    topLayout->setContentsMargins(0, 0, 0, 0);
    topLayout->addWidget(m_secretsPanel);
    topLayout->addWidget(m_captures, 1);
    m_splitter->setObjectName(QStringLiteral("mainSplitter"));
    m_splitter->addWidget(top);
    m_detail->addTab(m_signatureView, tr("&Signature"));
    m_analysis = new AnalysisViews(m_controller, m_captures, m_detail, this);
    m_splitter->addWidget(m_detail);
    m_splitter->setStretchFactor(0, 3);
    m_splitter->setStretchFactor(1, 2);

    auto* central = new QWidget(this);
    auto* layout = new QVBoxLayout(central);
    layout->setContentsMargins(6, 6, 6, 0);
    layout->addWidget(m_messageBar);
    layout->addWidget(m_splitter, 1);
    setCentralWidget(central);

    m_statusLabel->setObjectName(QStringLiteral("listeningLabel"));
    m_statusLabel->setTextFormat(Qt::PlainText);
    m_statusLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);
    statusBar()->addWidget(m_statusLabel, 1);
    m_progress->setObjectName(QStringLiteral("taskProgressBar"));
    m_progress->setMaximumWidth(240);
    m_progress->setTextVisible(true);
    m_progress->hide();
    m_cancel->setObjectName(QStringLiteral("cancelTaskPushButton"));
    m_cancel->hide();
    statusBar()->addPermanentWidget(m_progress);
    statusBar()->addPermanentWidget(m_cancel);

    QList<QAction*> fileExtras;
    if (m_settings)
        fileExtras.append(StartupChoice::createContinueLastSessionAction(m_settings, this));
    m_notifier = new ArrivalNotifier(this, m_settings, this);
    auto* appearance = new AppearanceMenu(m_settings, this);
    m_actions->populate(menuBar(), fileExtras, {m_notifier->toggle(), appearance->menuAction()});
    m_captures->table()->addAction(m_actions->copyAsCurl);
    m_deletion = new CaptureDeletion(m_controller, m_captures, m_actions, this);
    m_captures->table()->setContextMenuPolicy(Qt::ActionsContextMenu);
    connectActions();
    connectController();
    // The status line (counts and rate) is refreshed at most four times a second, whatever arrives.
    m_statusTimer->setSingleShot(true);
    m_statusTimer->setInterval(250);
    connect(m_statusTimer, &QTimer::timeout, this, [this] {
        if (m_statusPending || m_controller->arrivalRate() > 0)
            updateStatus();
    });
    updateRecentMenu();

    if (m_settings) {
        restoreGeometry(m_settings->value(Settings::Key::WindowGeometry).toByteArray());
        m_splitter->restoreState(m_settings->value(Settings::Key::SplitterState).toByteArray());
        m_captures->restoreHeaderState(m_settings->value(Settings::Key::WindowState).toByteArray());
        m_captures->setRecentQueries(m_settings->value(Settings::Key::RecentQueries).toStringList());
        connect(m_captures, &CapturesPane::recentQueriesChanged, this,
                [this](const QStringList& queries) { m_settings->setValue(Settings::Key::RecentQueries, queries); });
    }
    resize(size().expandedTo(QSize(1000, 680)));
    m_controller->start(options.continueLastSession);
}

MainWindow::~MainWindow()
{
    saveState();
}

Endpoint* MainWindow::endpoint() const
{
    return m_controller->endpoint();
}

CaptureTableModel* MainWindow::captureModel() const
{
    return m_controller->model();
}

qint64 MainWindow::currentSessionId() const
{
    return m_controller->sessionId();
}

QString MainWindow::currentFile() const
{
    return m_controller->currentFile();
}

bool MainWindow::isBusy() const
{
    return m_controller->isBusy();
}

void MainWindow::connectActions()
{
    const QString harFilter = tr("HAR files (*.har);;All files (*)");
    connect(m_actions->newSession, &QAction::triggered, this, &MainWindow::newSession);
    connect(m_actions->open, &QAction::triggered, this, [this, harFilter] {
        const QString path = FileDialog::openFileName(this, tr("Open Captures"), harFilter);
        if (!path.isEmpty())
            openFile(path);
    });
    connect(m_actions->importFile, &QAction::triggered, this, [this, harFilter] {
        const QString path = FileDialog::openFileName(this, tr("Import Captures"), harFilter);
        if (!path.isEmpty())
            importFile(path);
    });
    connect(m_actions->save, &QAction::triggered, this, [this, harFilter] {
        QString path = currentFile();
        if (path.isEmpty())
            path = FileDialog::saveFileName(this, tr("Save Session"), QStringLiteral("captures.har"), harFilter);
        if (!path.isEmpty())
            saveToFile(path);
    });
    connect(m_actions->saveAs, &QAction::triggered, this, [this, harFilter] {
        const QString path = FileDialog::saveFileName(
            this, tr("Save Session As"), currentFile().isEmpty() ? QStringLiteral("captures.har") : currentFile(),
            harFilter);
        if (!path.isEmpty())
            saveToFile(path);
    });
    connect(m_actions->exportSelected, &QAction::triggered, this, [this, harFilter] {
        if (m_captures->selectedIds().isEmpty()) {
            statusBar()->showMessage(tr("Select the captures to export first"), noticeMsecs);
            return;
        }
        const QString path
            = FileDialog::saveFileName(this, tr("Export Selected Captures"), QStringLiteral("selected.har"), harFilter);
        if (!path.isEmpty())
            exportSelected(path);
    });
    connect(m_actions->sessions, &QAction::triggered, this, &MainWindow::showSessionsDialog);
    connect(m_actions->quit, &QAction::triggered, this, &QWidget::close);
    connect(m_actions->copyAsCurl, &QAction::triggered, this, &MainWindow::copyAsCurl);
    connect(m_actions->focusSecret, &QAction::triggered, m_secretsPanel, &SecretsPanel::focusSecret);
    connect(m_actions->copyUrl, &QAction::triggered, this, &MainWindow::copyUrl);
    connect(m_actions->filter, &QAction::triggered, m_captures, &CapturesPane::focusFilter);
    connect(m_actions->responseRules, &QAction::triggered, this, &MainWindow::showResponseRulesDialog);
    connect(m_actions->startStopEndpoint, &QAction::triggered, this, [this] {
        if (endpoint()->isRunning())
            m_controller->stopEndpoint();
        else
            m_controller->startEndpoint();
    });
    connect(m_actions->endpointSettings, &QAction::triggered, this, &MainWindow::showEndpointDialog);
    connect(m_actions->testDelivery, &QAction::triggered, this, &MainWindow::sendTestDelivery);
    connect(m_captures->emptyState(), &EmptyState::testDeliveryRequested, this, &MainWindow::sendTestDelivery);
    connect(m_detail, &CaptureDetailView::saveBodyRequested, this, &MainWindow::saveBody);
    connect(m_testDelivery, &TestDelivery::finished, this, [this](int status, const QString& error) {
        if (status == 0)
            m_messageBar->showMessage(tr("The test delivery was not delivered: %1").arg(error),
                                      MessageBar::Kind::Error);
        else
            statusBar()->showMessage(tr("Test delivery sent: the endpoint answered %1").arg(status), noticeMsecs);
    });
    connect(m_actions->schemas, &QAction::triggered, m_analysis, &AnalysisViews::showSchemas);
    connect(m_actions->compare, &QAction::triggered, m_analysis, &AnalysisViews::compareSelected);
    connect(m_actions->follow, &QAction::toggled, m_captures, &CapturesPane::setFollowing);
    connect(m_actions->about, &QAction::triggered, this, [this] {
        AboutDialog dialog(this);
        dialog.exec();
    });
    connect(m_cancel, &QPushButton::clicked, m_controller->tasks(), &TaskRunner::cancelExclusive);
    connect(m_captures, &CapturesPane::currentCaptureChanged, this, &MainWindow::onCurrentCaptureChanged);
    connect(m_secretsPanel, &SecretsPanel::secretsChanged, this, [this](const SecretSet& secrets) {
        m_controller->setSecrets(secrets, m_secretsPanel->signatureOptions());
        onCurrentCaptureChanged(m_captures->currentId());
    });
}

void MainWindow::connectController()
{
    connect(m_controller, &SessionController::message, this,
            [this](const QString& text, SessionController::Severity severity) {
                m_messageBar->showMessage(text, kindOf(severity));
            });
    connect(m_controller, &SessionController::notice, this,
            [this](const QString& text) { statusBar()->showMessage(text, noticeMsecs); });
    connect(m_controller, &SessionController::pruned, this, [this](const PruneResult& result) {
        const QString text = StartupChoice::pruneMessage(result);
        if (!text.isEmpty())
            m_messageBar->showMessage(text, MessageBar::Kind::Information);
    });
    connect(m_controller, &SessionController::statusChanged, this, &MainWindow::requestStatusUpdate);
    connect(m_controller, &SessionController::sessionShown, this, [this](qint64 sessionId) {
        m_captures->proxy()->setSession(m_controller->storePath(), sessionId, m_controller->tasks());
    });
    connect(m_controller, &SessionController::capturesArrived, m_captures->proxy(), &CaptureFilterModel::matchArrivals);
    connect(m_controller, &SessionController::capturesArrived, m_notifier, &ArrivalNotifier::capturesArrived);
    connect(m_controller->model(), &CaptureTableModel::dataChanged, this, &MainWindow::requestStatusUpdate);
    connect(m_controller, &SessionController::recentFilesChanged, this, &MainWindow::updateRecentMenu);
    connect(m_controller, &SessionController::fileTaskFinished, this, &MainWindow::taskFinished);
    connect(m_controller, &SessionController::captureLoaded, this, [this](const Capture& capture) {
        if (capture.id != m_captures->currentId())
            return;
        m_detail->showCapture(capture);
        m_analysis->showCapture(capture);
        if (!m_controller->secrets().isEmpty())
            m_signatureView->showMessage(tr("Checking…"));
        m_controller->checkSignature(capture);
    });
    connect(m_controller, &SessionController::captureUnavailable, this, [this](qint64 id) {
        if (id != m_captures->currentId())
            return;
        m_detail->showNothing();
        m_signatureView->showMessage(tr("Select a capture."));
    });
    connect(m_controller, &SessionController::signatureChecked, this, [this](qint64 id, const SignatureResult& result) {
        if (id == m_captures->currentId())
            m_signatureView->showResult(result);
    });
    TaskRunner* tasks = m_controller->tasks();
    connect(tasks, &TaskRunner::exclusiveStarted, this, [this](const QString& title) {
        for (QAction* action : m_actions->fileActions())
            action->setEnabled(false);
        m_progress->setFormat(title + QStringLiteral(" %p%"));
        m_progress->setRange(0, 0);
        m_progress->show();
        m_cancel->show();
    });
    connect(tasks, &TaskRunner::exclusiveProgress, this, [this](qint64 done, qint64 total) {
        m_progress->setRange(0, int(total));
        m_progress->setValue(int(done));
    });
    connect(tasks, &TaskRunner::exclusiveFinished, this, [this] {
        m_progress->hide();
        m_cancel->hide();
        for (QAction* action : m_actions->fileActions())
            action->setEnabled(true);
    });
}

void MainWindow::onCurrentCaptureChanged(qint64 id)
{
    if (id == 0) {
        m_detail->showNothing();
        m_analysis->showNothing();
        return;
    }
    // Bodies live in the store, not in the model; they load off the UI thread.
    m_controller->requestCapture(id);
}

void MainWindow::requestStatusUpdate()
{
    // At once when quiet, then at most four times a second however fast captures arrive.
    if (m_statusTimer->isActive()) {
        m_statusPending = true;
        return;
    }
    updateStatus();
    m_statusTimer->start(250);
}

void MainWindow::updateStatus()
{
    m_statusPending = false;
    const QString file = currentFile();
    const QString fileName = QFileInfo(file).fileName();
    const QString suffix = file.isEmpty() ? QString() : QStringLiteral("   ·   ") + fileName;
    setWindowTitle(file.isEmpty() ? QStringLiteral("Hookbench") : fileName + QStringLiteral(" — Hookbench"));
    const int count = int(m_controller->captureCount());
    const bool running = endpoint()->isRunning();
    m_actions->startStopEndpoint->setText(running ? tr("&Stop Listening") : tr("&Start Listening"));
    m_captures->emptyState()->setUrl(running ? endpoint()->url() : QString());
    QString checks;
    const CaptureTableModel* model = m_controller->model();
    if (!m_controller->secrets().isEmpty())
        checks = tr("   ·   %1 valid, %2 invalid").arg(model->validCount()).arg(model->invalidCount());
    const double rate = m_controller->arrivalRate();
    const QString speed = rate > 0 ? tr("   ·   %1/s").arg(rate, 0, 'f', rate < 10 ? 1 : 0) : QString();
    if (!running) {
        m_statusLabel->setText(
            tr("Not listening   ·   session %1   ·   %n capture(s)", nullptr, count).arg(currentSessionId()) + checks
            + suffix);
        return;
    }
    m_statusLabel->setText(tr("Listening on %1   ·   session %2   ·   %n capture(s)", nullptr, count)
                               .arg(endpoint()->url())
                               .arg(currentSessionId())
                           + checks + speed + suffix);
    if (rate > 0 && !m_statusTimer->isActive())
        m_statusTimer->start(1000); // the rate decays while nothing arrives
}

void MainWindow::copyUrl()
{
    if (!endpoint()->isRunning())
        return;
    QApplication::clipboard()->setText(endpoint()->url());
    statusBar()->showMessage(tr("Copied %1").arg(endpoint()->url()), noticeMsecs);
}

void MainWindow::copyAsCurl()
{
    const qint64 id = m_captures->currentId();
    const std::optional<Capture> capture = id ? m_controller->captureNow(id) : std::nullopt;
    if (!capture) {
        statusBar()->showMessage(tr("Select a capture first"), noticeMsecs);
        return;
    }
    const QString base = endpoint()->isRunning() ? endpoint()->url().chopped(1) : QString();
    QApplication::clipboard()->setText(CurlExport::command(*capture, base));
    statusBar()->showMessage(tr("Copied a curl command that sends capture %1 again").arg(id), noticeMsecs);
}

void MainWindow::sendTestDelivery()
{
    if (!endpoint()->isRunning()) {
        m_messageBar->showMessage(tr("Start listening first (Endpoint > Start Listening)."), MessageBar::Kind::Warning);
        return;
    }
    SecretSet secrets = m_controller->secrets();
    if (secrets.isEmpty()) {
        // Without a secret of the user's, the delivery is signed with a test secret typed in for them.
        m_secretsPanel->setFirstSecret(QStringLiteral("hookbench-test-secret"));
        statusBar()->showMessage(tr("Signed with the test secret “hookbench-test-secret”; paste your own to check "
                                    "real deliveries"),
                                 8000);
        secrets = m_secretsPanel->secrets();
    }
    m_testDelivery->send(endpoint()->address(), endpoint()->port(), secrets.secrets().constFirst().value);
}

void MainWindow::saveBody(const Capture& capture)
{
    if (capture.id == 0)
        return;
    const QString path = FileDialog::saveFileName(
        this, tr("Save Body"), QStringLiteral("capture-%1.body").arg(capture.id), tr("All files (*)"));
    if (path.isEmpty())
        return;
    const QByteArray body = capture.body;
    auto error = std::make_shared<QString>();
    m_controller->tasks()->run(
        QString(),
        [path, body, error](TaskControl&) {
            QSaveFile file(path);
            if (!file.open(QIODevice::WriteOnly) || file.write(body) != body.size() || !file.commit())
                *error = file.errorString();
        },
        [this, path, error, size = body.size()](bool) {
            if (!error->isEmpty())
                m_messageBar->showMessage(tr("The body was not saved: %1").arg(*error), MessageBar::Kind::Error);
            else
                statusBar()->showMessage(tr("Saved %1 to %2").arg(ByteSize::text(size), path), noticeMsecs);
        },
        TaskRunner::Kind::Background);
}

void MainWindow::showEndpointDialog()
{
    const ServerConfig current = m_controller->serverConfig();
    EndpointDialog dialog({current.bindAddress.toString(), endpoint()->isRunning() ? endpoint()->port() : current.port,
                           current.limits.maxBodyBytes},
                          this);
    if (dialog.exec() != QDialog::Accepted)
        return;
    const EndpointDialog::Values values = dialog.values();
    ServerConfig server = current;
    server.bindAddress.setAddress(values.bindAddress);
    server.port = quint16(values.port);
    server.limits.maxBodyBytes = values.maxBodyBytes;
    if (m_settings) {
        m_settings->setValue(Settings::Key::BindAddress, values.bindAddress);
        m_settings->setValue(Settings::Key::Port, values.port);
        m_settings->setValue(Settings::Key::MaxBodyBytes, values.maxBodyBytes);
    }
    if (m_controller->restartEndpoint(server))
        statusBar()->showMessage(tr("Listening on %1").arg(endpoint()->url()), noticeMsecs);
}

void MainWindow::openFile(const QString& path)
{
    m_controller->openFile(path);
}

void MainWindow::importFile(const QString& path)
{
    m_controller->importFile(path);
}

void MainWindow::saveToFile(const QString& path)
{
    m_controller->saveToFile(path);
}

void MainWindow::exportSelected(const QString& path)
{
    m_controller->exportCaptures(path, m_captures->selectedIds());
}

void MainWindow::newSession()
{
    m_controller->newSession();
}

void MainWindow::showSession(qint64 sessionId)
{
    m_controller->showSession(sessionId);
}

void MainWindow::showSessionsDialog()
{
    StoreBudget budget;
    if (m_settings)
        budget = m_settings->sessionBudget();
    SessionsDialog dialog(m_controller->reader(), currentSessionId(), budget, this);
    connect(&dialog, &SessionsDialog::openRequested, this, [this](qint64 id) { showSession(id); });
    dialog.exec();
}

void MainWindow::showResponseRulesDialog()
{
    const QString json = m_settings ? m_settings->value(Settings::Key::ResponseRules).toString() : QString();
    auto* dialog = new ResponseRulesDialog(json, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &ResponseRulesDialog::applied, this, [this](const ResponseRules& rules, const QString& text) {
        m_controller->setRules(rules);
        if (m_settings)
            m_settings->setValue(Settings::Key::ResponseRules, text);
        statusBar()->showMessage(tr("Response rules applied"), noticeMsecs);
    });
    dialog->show(); // not modal: the table keeps filling while the rules are edited
}

void MainWindow::updateRecentMenu()
{
    QMenu* menu = m_actions->recentMenu;
    menu->clear();
    const QStringList recent = m_controller->recentFiles();
    for (int i = 0; i < recent.size(); ++i) {
        const QString path = recent.at(i);
        QAction* action
            = menu->addAction(QStringLiteral("&%1  %2").arg(i + 1).arg(path), this, [this, path] { openFile(path); });
        action->setEnabled(QFileInfo::exists(path));
    }
    menu->setEnabled(!recent.isEmpty());
}

void MainWindow::dragEnterEvent(QDragEnterEvent* event)
{
    const QList<QUrl> urls = event->mimeData()->urls();
    if (!urls.isEmpty() && urls.constFirst().isLocalFile())
        event->acceptProposedAction();
}

void MainWindow::dropEvent(QDropEvent* event)
{
    if (openDroppedUrls(event->mimeData()->urls()))
        event->acceptProposedAction();
}

bool MainWindow::openDroppedUrls(const QList<QUrl>& urls)
{
    if (urls.isEmpty() || !urls.constFirst().isLocalFile())
        return false;
    openFile(urls.constFirst().toLocalFile());
    return true;
}

void MainWindow::saveState()
{
    if (m_closed || !m_settings)
        return;
    m_settings->setValue(Settings::Key::WindowGeometry, saveGeometry());
    m_settings->setValue(Settings::Key::SplitterState, m_splitter->saveState());
    m_settings->setValue(Settings::Key::WindowState, m_captures->saveHeaderState());
}

void MainWindow::closeEvent(QCloseEvent* event)
{
    saveState();
    m_closed = true;
    // Only this window's own work is waited for, and not for long.
    m_controller->tasks()->shutdown();
    m_controller->stopEndpoint();
    event->accept();
}

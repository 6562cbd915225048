// SPDX-License-Identifier: MIT
#include "window/MainWindow.h"

#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QCloseEvent>
#include <QDragEnterEvent>
#include <QDropEvent>
#include <QFileInfo>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QLineEdit>
#include <QMenuBar>
#include <QMessageBox>
#include <QMimeData>
#include <QPointer>
#include <QProgressBar>
#include <QPushButton>
#include <QScrollBar>
#include <QSplitter>
#include <QStatusBar>
#include <QTableView>
#include <QThreadPool>
#include <QTimer>
#include <QVBoxLayout>

#include "detail/CaptureDetailView.h"
#include "models/CaptureFilterModel.h"
#include "dialogs/FileDialog.h"
#include "widgets/MessageBar.h"
#include "dialogs/ResponseRulesDialog.h"
#include "widgets/SecretsPanel.h"
#include "dialogs/SessionsDialog.h"
#include "detail/SignatureView.h"
#include "dialogs/StartupChoice.h"
#include "session/CaptureTableModel.h"
#include "signature/ReverificationService.h"
#include "signature/SignatureVerifier.h"
#include "har/CaptureFiles.h"
#include "export/CurlExport.h"
#include "store/SessionStore.h"
#include "settings/Settings.h"

MainWindow::MainWindow(const WindowOptions& options, Settings* settings, QWidget* parent)
    : QMainWindow(parent)
    , m_options(options)
    , m_settings(settings)
    , m_endpoint(new Endpoint(this))
    , m_reader(std::make_unique<SessionStore>())
    , m_model(new CaptureTableModel(this))
    , m_proxy(new CaptureFilterModel(this))
    , m_table(new QTableView(this))
    , m_filter(new QLineEdit(this))
    , m_splitter(new QSplitter(Qt::Vertical, this))
    , m_detail(new CaptureDetailView(this))
    , m_messageBar(new MessageBar(this))
    , m_statusLabel(new QLabel(this))
    , m_secretsPanel(new SecretsPanel(this))
    , m_signatureView(new SignatureView(this))
    , m_reverifier(new ReverificationService(this))
    , m_progress(new QProgressBar(this))
    , m_cancel(new QPushButton(tr("Cancel"), this))
{
    setAcceptDrops(true);
    setObjectName(QStringLiteral("mainWindow"));
    setWindowTitle(QStringLiteral("Hookbench"));

    m_proxy->setCaptureModel(m_model);

    m_table->setObjectName(QStringLiteral("captureTableView"));
    m_table->setModel(m_proxy);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_table->setSortingEnabled(true);
    m_table->sortByColumn(CaptureTableModel::TimeColumn, Qt::AscendingOrder);
    m_table->verticalHeader()->hide();
    m_table->verticalHeader()->setDefaultSectionSize(m_table->fontMetrics().height() + 6);
    m_table->setWordWrap(false);
    m_table->setAlternatingRowColors(true);
    m_table->horizontalHeader()->setStretchLastSection(false);
    m_table->horizontalHeader()->setSectionResizeMode(CaptureTableModel::PathColumn, QHeaderView::Stretch);
    m_table->setColumnWidth(CaptureTableModel::TimeColumn,
                            m_table->fontMetrics().horizontalAdvance(QStringLiteral("00:00:00.000000")));
    m_table->setColumnWidth(CaptureTableModel::MethodColumn,
                            m_table->fontMetrics().horizontalAdvance(QStringLiteral("OPTIONS000")));
    m_table->setColumnWidth(CaptureTableModel::SizeColumn,
                            m_table->fontMetrics().horizontalAdvance(QStringLiteral("000.0 KiB00")));
    m_table->setColumnWidth(CaptureTableModel::StatusColumn,
                            m_table->fontMetrics().horizontalAdvance(QStringLiteral("400 malformed00")));
    m_table->setColumnWidth(
        CaptureTableModel::SignatureColumn,
        m_table->fontMetrics().horizontalAdvance(QStringLiteral("invalid: stale timestamp · Standard Webhooks")));

    m_filter->setObjectName(QStringLiteral("filterLineEdit"));
    m_filter->setPlaceholderText(tr("Filter by method, path, status (Ctrl+F)"));
    m_filter->setClearButtonEnabled(true);
    connect(m_filter, &QLineEdit::textChanged, this, [this](const QString& text) { m_proxy->setFilterText(text); });

    auto* top = new QWidget(this);
    auto* topLayout = new QVBoxLayout(top);
    topLayout->setContentsMargins(0, 0, 0, 0);
    topLayout->addWidget(m_secretsPanel);
    topLayout->addWidget(m_filter);
    topLayout->addWidget(m_table, 1);
    m_splitter->setObjectName(QStringLiteral("mainSplitter"));
    m_splitter->addWidget(top);
    m_detail->addTab(m_signatureView, tr("&Signature"));
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
    m_statusLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);
    statusBar()->addWidget(m_statusLabel, 1);
    m_progress->setObjectName(QStringLiteral("taskProgressBar"));
    m_progress->setMaximumWidth(240);
    m_progress->setTextVisible(true);
    m_progress->hide();
    m_cancel->setObjectName(QStringLiteral("cancelTaskPushButton"));
    m_cancel->hide();
    connect(m_cancel, &QPushButton::clicked, this, [this] { m_cancelRequested = true; });
    statusBar()->addPermanentWidget(m_progress);
    statusBar()->addPermanentWidget(m_cancel);

    createActions();

    connect(m_table->selectionModel(), &QItemSelectionModel::currentRowChanged, this, &MainWindow::onCurrentRowChanged);
    connect(m_endpoint, &Endpoint::capturesStored, this, &MainWindow::onCapturesStored);
    connect(m_secretsPanel, &SecretsPanel::secretsChanged, this, &MainWindow::setSecrets);
    connect(m_reverifier, &ReverificationService::reverified, this,
            [this](quint64, const ReverificationBatch& results) {
                QHash<qint64, CaptureTableModel::SignatureCell> cells;
                cells.reserve(results.size());
                for (const ReverifiedCapture& entry : results)
                    cells.insert(entry.captureId, SignatureView::cell(entry.result));
                m_model->setSignatures(cells, false);
                statusBar()->showMessage(tr("Checked %n signature(s)", nullptr, int(results.size())), 3000);
            });
    connect(m_reverifier, &ReverificationService::reverificationFailed, this, [this](quint64, const QString& message) {
        m_messageBar->showMessage(tr("Signatures could not be checked: %1").arg(message), MessageBar::Kind::Error);
    });
    connect(m_endpoint, &Endpoint::storeFailed, this, [this](const QString& message) {
        m_messageBar->showMessage(
            tr("Requests were refused with 503 because they could not be stored: %1").arg(message),
            MessageBar::Kind::Error);
    });
    connect(m_model, &CaptureTableModel::rowsFlushed, this, [this] {
        if (m_follow && m_table->verticalScrollBar()->value() >= m_table->verticalScrollBar()->maximum() - 2)
            QMetaObject::invokeMethod(m_table, &QTableView::scrollToBottom, Qt::QueuedConnection);
    });

    if (m_settings) {
        restoreGeometry(m_settings->value(Settings::Key::WindowGeometry).toByteArray());
        m_splitter->restoreState(m_settings->value(Settings::Key::SplitterState).toByteArray());
    }
    resize(size().expandedTo(QSize(1000, 680)));
    startEndpoint();
}

MainWindow::~MainWindow()
{
    m_cancelRequested = true;
    QThreadPool::globalInstance()->waitForDone();
}

void MainWindow::createActions()
{
    QMenu* file = menuBar()->addMenu(tr("&File"));
    const QString harFilter = tr("HAR files (*.har);;All files (*)");
    auto addFileAction = [&](const QString& text, const QString& name, const QKeySequence& shortcut, auto slot) {
        QAction* action = file->addAction(text, this, slot);
        action->setObjectName(name);
        action->setShortcut(shortcut);
        m_fileActions.append(action);
        return action;
    };
    addFileAction(tr("&New Session"), QStringLiteral("newSessionAction"),
                  QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_N), [this] { newSession(); });
    addFileAction(tr("&Open…"), QStringLiteral("openAction"), QKeySequence::Open, [this, harFilter] {
        const QString path = FileDialog::openFileName(this, tr("Open Captures"), harFilter);
        if (!path.isEmpty())
            openFile(path);
    });
    m_recentMenu = file->addMenu(tr("Open &Recent"));
    m_recentMenu->setObjectName(QStringLiteral("recentMenu"));
    addFileAction(tr("&Import Into This Session…"), QStringLiteral("importAction"), QKeySequence(Qt::CTRL | Qt::Key_I),
                  [this, harFilter] {
                      const QString path = FileDialog::openFileName(this, tr("Import Captures"), harFilter);
                      if (!path.isEmpty())
                          importFile(path);
                  });
    file->addSeparator();
    addFileAction(tr("&Save"), QStringLiteral("saveAction"), QKeySequence::Save, [this, harFilter] {
        QString path = m_currentFile;
        if (path.isEmpty())
            path = FileDialog::saveFileName(this, tr("Save Session"), QStringLiteral("captures.har"), harFilter);
        if (!path.isEmpty())
            saveToFile(path);
    });
    addFileAction(tr("Save &As…"), QStringLiteral("saveAsAction"), QKeySequence::SaveAs, [this, harFilter] {
        const QString path = FileDialog::saveFileName(
            this, tr("Save Session As"), m_currentFile.isEmpty() ? QStringLiteral("captures.har") : m_currentFile,
            harFilter);
        if (!path.isEmpty())
            saveToFile(path);
    });
    addFileAction(tr("&Export Selected…"), QStringLiteral("exportSelectedAction"), QKeySequence(Qt::CTRL | Qt::Key_E),
                  [this, harFilter] {
                      if (selectedIds().isEmpty()) {
                          statusBar()->showMessage(tr("Select the captures to export first"), 4000);
                          return;
                      }
                      const QString path = FileDialog::saveFileName(this, tr("Export Selected Captures"),
                                                                    QStringLiteral("selected.har"), harFilter);
                      if (!path.isEmpty())
                          exportSelected(path);
                  });
    file->addSeparator();
    addFileAction(tr("Sess&ions…"), QStringLiteral("sessionsAction"), QKeySequence(Qt::CTRL | Qt::Key_K),
                  [this] { showSessionsDialog(); });
    if (m_settings)
        file->addAction(StartupChoice::createContinueLastSessionAction(m_settings, this));
    file->addSeparator();
    QAction* quit = file->addAction(tr("&Quit"), this, &QWidget::close);
    quit->setShortcut(QKeySequence::Quit);
    quit->setObjectName(QStringLiteral("quitAction"));

    QMenu* edit = menuBar()->addMenu(tr("&Edit"));
    QAction* curl = edit->addAction(tr("Copy as &curl"), this, &MainWindow::copyAsCurl);
    curl->setShortcut(QKeySequence(Qt::CTRL | Qt::ALT | Qt::Key_C));
    curl->setObjectName(QStringLiteral("copyAsCurlAction"));
    m_table->addAction(curl);
    m_table->setContextMenuPolicy(Qt::ActionsContextMenu);
    QAction* secret = edit->addAction(tr("Signing &Secret"), this, [this] { m_secretsPanel->focusSecret(); });
    secret->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_K));
    secret->setObjectName(QStringLiteral("focusSecretAction"));
    QAction* copyUrl = edit->addAction(tr("Copy Endpoint &URL"), this, &MainWindow::copyUrl);
    copyUrl->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_C));
    copyUrl->setObjectName(QStringLiteral("copyUrlAction"));
    QAction* find = edit->addAction(tr("&Filter Captures"), this, [this] {
        m_filter->setFocus();
        m_filter->selectAll();
    });
    find->setShortcut(QKeySequence::Find);
    find->setObjectName(QStringLiteral("filterAction"));

    QMenu* endpointMenu = menuBar()->addMenu(tr("E&ndpoint"));
    QAction* rules = endpointMenu->addAction(tr("&Response Rules…"), this, &MainWindow::showResponseRulesDialog);
    rules->setObjectName(QStringLiteral("responseRulesAction"));
    rules->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_R));

    QMenu* view = menuBar()->addMenu(tr("&View"));
    QAction* follow = view->addAction(tr("&Follow New Captures"));
    follow->setObjectName(QStringLiteral("followAction"));
    follow->setCheckable(true);
    follow->setChecked(m_follow);
    follow->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_L));
    connect(follow, &QAction::toggled, this, [this](bool on) {
        m_follow = on;
        if (on)
            m_table->scrollToBottom();
    });

    updateRecentMenu();

    QMenu* help = menuBar()->addMenu(tr("&Help"));
    help->addAction(tr("&About Hookbench"), this, [this] {
        QMessageBox::about(this, tr("About Hookbench"),
                           tr("<b>Hookbench %1</b><br>A workbench for webhooks: exact bytes, signatures that "
                              "explain themselves, nothing lost.")
                               .arg(QStringLiteral(HOOKBENCH_VERSION)));
    });
}

void MainWindow::startEndpoint()
{
    EndpointConfig config = m_options.endpoint;
    // Open the reader first: it shows the previous session even when the port is taken.
    if (auto error = m_reader->open(config.storePath)) {
        m_messageBar->showMessage(
            tr("The session store cannot be opened, so nothing can be captured: %1").arg(error->message),
            MessageBar::Kind::Error);
        updateStatus();
        return;
    }
    pruneStore();
    if (config.sessionId == 0 && m_options.continueLastSession) {
        if (const std::optional<qint64> last = m_reader->latestSessionId())
            config.sessionId = *last;
    }
    if (const std::optional<QString> error = m_endpoint->start(config)) {
        m_messageBar->showMessage(tr("Not capturing: %1. Choose another port with --port.").arg(*error),
                                  MessageBar::Kind::Error);
        if (config.sessionId == 0) {
            StoreError storeError;
            config.sessionId
                = m_reader
                      ->createSession(QDateTime::currentDateTime().toString(QStringLiteral("yyyy-MM-dd HH:mm:ss")),
                                      &storeError)
                      .value_or(0);
        }
        m_sessionId = config.sessionId;
        m_model->reset(m_reader->summaries(m_sessionId));
        m_captureCount = m_model->rowCount();
        updateStatus();
        return;
    }
    m_sessionId = m_endpoint->sessionId();
    m_model->reset(m_reader->summaries(m_sessionId));
    m_captureCount = m_model->rowCount();
    const QHostAddress bound = m_endpoint->address();
    if (!bound.isLoopback())
        m_messageBar->showMessage(
            tr("Listening on %1: other machines on your network can send requests here.").arg(bound.toString()),
            MessageBar::Kind::Warning);
    if (m_model->rowCount() > 0)
        m_table->scrollToBottom();
    updateStatus();
}

void MainWindow::onCapturesStored(const QList<Capture>& captures)
{
    QList<CaptureSummary> summaries;
    summaries.reserve(captures.size());
    for (const Capture& capture : captures) {
        if (capture.sessionId == m_sessionId)
            summaries.append(CaptureSummary::of(capture));
    }
    m_model->enqueue(summaries);
    m_captureCount += summaries.size();
    if (!m_secrets.isEmpty())
        verifyInBackground(captures);
    updateStatus();
}

void MainWindow::onCurrentRowChanged()
{
    const QModelIndex current = m_proxy->mapToSource(m_table->currentIndex());
    const qint64 id = current.isValid() ? m_model->idAt(current.row()) : 0;
    if (id == 0) {
        m_detail->showNothing();
        return;
    }
    // Bodies live in the store, not in the model.
    if (std::optional<Capture> capture = m_reader->capture(id)) {
        m_detail->showCapture(*capture);
        showSignatureOf(*capture);
    } else {
        m_detail->showNothing();
        m_signatureView->showMessage(tr("Select a capture."));
    }
}

void MainWindow::updateStatus()
{
    const QString file
        = m_currentFile.isEmpty() ? QString() : QStringLiteral("   ·   ") + QFileInfo(m_currentFile).fileName();
    setWindowTitle(m_currentFile.isEmpty() ? QStringLiteral("Hookbench")
                                           : QFileInfo(m_currentFile).fileName() + QStringLiteral(" — Hookbench"));
    if (!m_endpoint->isRunning()) {
        m_statusLabel->setText(
            tr("Not listening   ·   session %1   ·   %n capture(s)", nullptr, int(m_captureCount)).arg(m_sessionId)
            + file);
        return;
    }
    m_statusLabel->setText(tr("Listening on %1   ·   session %2   ·   %n capture(s)", nullptr, int(m_captureCount))
                               .arg(m_endpoint->url())
                               .arg(m_sessionId)
                           + file);
}

void MainWindow::copyUrl()
{
    if (!m_endpoint->isRunning())
        return;
    QApplication::clipboard()->setText(m_endpoint->url());
    statusBar()->showMessage(tr("Copied %1").arg(m_endpoint->url()), 3000);
}

void MainWindow::pruneStore()
{
    if (!m_settings)
        return;
    // Before the endpoint starts, so pruning never holds up a capture. The session to continue is kept.
    const qint64 keep = m_options.endpoint.sessionId != 0 ? m_options.endpoint.sessionId
        : m_options.continueLastSession                   ? m_reader->latestSessionId().value_or(0)
                                                          : 0;
    const PruneResult result = m_reader->prune(m_settings->sessionBudget(), keep, QDateTime::currentDateTimeUtc());
    const QString message = StartupChoice::pruneMessage(result);
    if (!message.isEmpty())
        m_messageBar->showMessage(message, MessageBar::Kind::Information);
}

void MainWindow::showSessionsDialog()
{
    StoreBudget budget;
    if (m_settings)
        budget = m_settings->sessionBudget();
    SessionsDialog dialog(m_reader.get(), m_sessionId, budget, this);
    connect(&dialog, &SessionsDialog::openRequested, this, [this](qint64 id) {
        m_currentFile.clear();
        showSession(id);
    });
    dialog.exec();
}

void MainWindow::showResponseRulesDialog()
{
    const QString json = m_settings ? m_settings->value(Settings::Key::ResponseRules).toString()
                                    : QString::fromUtf8(m_options.endpoint.server.rules.toJson());
    auto* dialog = new ResponseRulesDialog(json, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &ResponseRulesDialog::applied, this, [this](const ResponseRules& rules, const QString& text) {
        m_options.endpoint.server.rules = rules;
        m_endpoint->setRules(rules);
        if (m_settings)
            m_settings->setValue(Settings::Key::ResponseRules, text);
        statusBar()->showMessage(tr("Response rules applied"), 3000);
    });
    dialog->show(); // not modal: the table keeps filling while the rules are edited
}

void MainWindow::setSecrets(const SecretSet& secrets)
{
    m_secrets = secrets;
    ++m_secretsGeneration;
    if (secrets.isEmpty()) {
        m_reverifier->cancel();
        m_model->setSignatures({}, true);
    } else {
        m_reverifier->setSession(m_options.endpoint.storePath, m_sessionId);
        m_reverifier->reverify(secrets, m_secretsPanel->signatureOptions());
    }
    onCurrentRowChanged();
}

void MainWindow::verifyInBackground(const QList<Capture>& captures)
{
    const SignatureVerifier verifier(m_secrets, m_secretsPanel->signatureOptions());
    const quint64 generation = m_secretsGeneration;
    QPointer<MainWindow> self(this);
    QThreadPool::globalInstance()->start([self, verifier, captures, generation] {
        QHash<qint64, CaptureTableModel::SignatureCell> cells;
        for (const Capture& capture : captures)
            cells.insert(capture.id, SignatureView::cell(verifier.verify(capture)));
        QMetaObject::invokeMethod(
            self.data(),
            [self, cells, generation] {
                if (self && generation == self->m_secretsGeneration)
                    self->m_model->setSignatures(cells, false);
            },
            Qt::QueuedConnection);
    });
}

void MainWindow::showSignatureOf(const Capture& capture)
{
    if (m_secrets.isEmpty()) {
        SignatureResult result = SignatureVerifier(SecretSet(), m_secretsPanel->signatureOptions()).verify(capture);
        m_signatureView->showResult(result);
        return;
    }
    // Forensics tries many variants of a body: never on the UI thread.
    m_signatureView->showMessage(tr("Checking…"));
    const SignatureVerifier verifier(m_secrets, m_secretsPanel->signatureOptions());
    const qint64 id = capture.id;
    QPointer<MainWindow> self(this);
    QThreadPool::globalInstance()->start([self, verifier, capture, id] {
        const SignatureResult result = verifier.verify(capture);
        QMetaObject::invokeMethod(
            self.data(),
            [self, result, id] {
                if (!self)
                    return;
                const QModelIndex current = self->m_proxy->mapToSource(self->m_table->currentIndex());
                if (current.isValid() && self->m_model->idAt(current.row()) == id)
                    self->m_signatureView->showResult(result);
            },
            Qt::QueuedConnection);
    });
}

void MainWindow::copyAsCurl()
{
    const QModelIndex current = m_proxy->mapToSource(m_table->currentIndex());
    const qint64 id = current.isValid() ? m_model->idAt(current.row()) : 0;
    const std::optional<Capture> capture = id ? m_reader->capture(id) : std::nullopt;
    if (!capture) {
        statusBar()->showMessage(tr("Select a capture first"), 3000);
        return;
    }
    const QString base = m_endpoint->isRunning() ? m_endpoint->url().chopped(1) : QString();
    QApplication::clipboard()->setText(CurlExport::command(*capture, base));
    statusBar()->showMessage(tr("Copied a curl command that sends capture %1 again").arg(id), 4000);
}

QList<qint64> MainWindow::selectedIds() const
{
    QList<qint64> ids;
    const QModelIndexList rows = m_table->selectionModel()->selectedRows();
    for (const QModelIndex& row : rows)
        ids.append(m_model->idAt(m_proxy->mapToSource(row).row()));
    std::sort(ids.begin(), ids.end());
    return ids;
}

void MainWindow::runTask(const QString& title, Task work, std::function<void()> done)
{
    if (m_busy) {
        statusBar()->showMessage(tr("Wait for the current file operation to finish"), 4000);
        return;
    }
    m_busy = true;
    m_cancelRequested = false;
    m_progressDone = 0;
    m_progressTotal = 0;
    for (QAction* action : std::as_const(m_fileActions))
        action->setEnabled(false);
    m_progress->setFormat(title + QStringLiteral(" %p%"));
    m_progress->setRange(0, 0);
    m_progress->show();
    m_cancel->show();
    auto* poll = new QTimer(this);
    connect(poll, &QTimer::timeout, this, [this] {
        const qint64 total = m_progressTotal;
        if (total > 0) {
            m_progress->setRange(0, 1000);
            m_progress->setValue(int(1000 * m_progressDone / total));
        }
    });
    poll->start(100);
    QPointer<MainWindow> self(this);
    QThreadPool::globalInstance()->start([this, self, work = std::move(work), done = std::move(done), poll]() mutable {
        work([this](qint64 doneCount, qint64 total) {
            m_progressDone = doneCount;
            m_progressTotal = total;
            return !m_cancelRequested.load();
        });
        // The window waits for its tasks before it goes, so `self` is alive here.
        QMetaObject::invokeMethod(
            self.data(),
            [this, done = std::move(done), poll] {
                poll->deleteLater();
                m_progress->hide();
                m_cancel->hide();
                m_busy = false;
                for (QAction* action : std::as_const(m_fileActions))
                    action->setEnabled(true);
                done();
            },
            Qt::QueuedConnection);
    });
}

void MainWindow::openFile(const QString& path)
{
    auto result = std::make_shared<CaptureFiles::ImportResult>();
    const QString storePath = m_options.endpoint.storePath;
    const QString name = QFileInfo(path).fileName();
    runTask(
        tr("Opening %1").arg(name),
        [=](const auto& progress) { *result = CaptureFiles::importHar(path, storePath, 0, name, progress); },
        [=, this] {
            if (result->failure) {
                m_messageBar->showMessage(tr("%1 was not opened: %2").arg(path, result->failure->text()),
                                          MessageBar::Kind::Error);
                Q_EMIT taskFinished(false);
                return;
            }
            showSession(result->sessionId);
            m_currentFile = path;
            addRecentFile(path);
            updateStatus();
            if (!result->problems.isEmpty()) {
                m_messageBar->showMessage(
                    tr("Opened %n capture(s) from %1. %2 (and %3 more notes)", nullptr, int(result->imported))
                        .arg(name, result->problems.constFirst().text())
                        .arg(result->problems.size() - 1),
                    MessageBar::Kind::Warning);
            } else {
                statusBar()->showMessage(tr("Opened %n capture(s) from %1", nullptr, int(result->imported)).arg(name),
                                         5000);
            }
            Q_EMIT taskFinished(true);
        });
}

void MainWindow::importFile(const QString& path)
{
    auto result = std::make_shared<CaptureFiles::ImportResult>();
    const QString storePath = m_options.endpoint.storePath;
    const qint64 session = m_sessionId;
    const QString name = QFileInfo(path).fileName();
    runTask(
        tr("Importing %1").arg(name),
        [=](const auto& progress) { *result = CaptureFiles::importHar(path, storePath, session, QString(), progress); },
        [=, this] {
            if (result->imported > 0)
                showSession(m_sessionId);
            if (result->failure) {
                m_messageBar->showMessage(tr("%1: %2").arg(path, result->failure->text()), MessageBar::Kind::Error);
            } else if (!result->problems.isEmpty()) {
                m_messageBar->showMessage(tr("Imported %n capture(s) from %1. %2", nullptr, int(result->imported))
                                              .arg(name, result->problems.constFirst().text()),
                                          MessageBar::Kind::Warning);
            } else {
                statusBar()->showMessage(tr("Imported %n capture(s) from %1", nullptr, int(result->imported)).arg(name),
                                         5000);
            }
            Q_EMIT taskFinished(!result->failure);
        });
}

void MainWindow::saveToFile(const QString& path)
{
    auto result = std::make_shared<CaptureFiles::ExportResult>();
    const QString storePath = m_options.endpoint.storePath;
    const qint64 session = m_sessionId;
    runTask(
        tr("Saving"),
        [=](const auto& progress) {
            SessionStore store;
            if (auto error = store.open(storePath)) {
                result->failure = HarError(HarErrorCode::FileOpen, error->message);
                return;
            }
            *result = CaptureFiles::exportHar(path, storePath, store.captureIds(session), progress);
        },
        [=, this] {
            if (result->failure) {
                m_messageBar->showMessage(
                    tr("Not saved: %1. The file on disk is unchanged.").arg(result->failure->text()),
                    MessageBar::Kind::Error);
                Q_EMIT taskFinished(false);
                return;
            }
            m_currentFile = path;
            addRecentFile(path);
            updateStatus();
            statusBar()->showMessage(tr("Saved %n capture(s) to %1", nullptr, int(result->written)).arg(path), 5000);
            Q_EMIT taskFinished(true);
        });
}

void MainWindow::exportSelected(const QString& path)
{
    auto result = std::make_shared<CaptureFiles::ExportResult>();
    const QString storePath = m_options.endpoint.storePath;
    const QList<qint64> ids = selectedIds();
    runTask(
        tr("Exporting"),
        [=](const auto& progress) { *result = CaptureFiles::exportHar(path, storePath, ids, progress); },
        [=, this] {
            if (result->failure)
                m_messageBar->showMessage(tr("Not exported: %1").arg(result->failure->text()), MessageBar::Kind::Error);
            else
                statusBar()->showMessage(tr("Exported %n capture(s) to %1", nullptr, int(result->written)).arg(path),
                                         5000);
            Q_EMIT taskFinished(!result->failure);
        });
}

void MainWindow::newSession()
{
    StoreError error;
    const std::optional<qint64> id
        = m_reader->createSession(QDateTime::currentDateTime().toString(QStringLiteral("yyyy-MM-dd HH:mm:ss")), &error);
    if (!id) {
        m_messageBar->showMessage(tr("No new session: %1").arg(error.message), MessageBar::Kind::Error);
        return;
    }
    showSession(*id);
    m_currentFile.clear();
    updateStatus();
}

void MainWindow::showSession(qint64 sessionId)
{
    m_sessionId = sessionId;
    m_endpoint->switchSession(sessionId);
    m_model->reset(m_reader->summaries(sessionId));
    m_captureCount = m_model->rowCount();
    m_detail->showNothing();
    setSecrets(m_secrets);
    if (m_follow)
        m_table->scrollToBottom();
    updateStatus();
}

void MainWindow::addRecentFile(const QString& path)
{
    if (!m_settings)
        return;
    QStringList recent = m_settings->value(Settings::Key::RecentFiles).toStringList();
    const QString absolute = QFileInfo(path).absoluteFilePath();
    recent.removeAll(absolute);
    recent.prepend(absolute);
    while (recent.size() > 10)
        recent.removeLast();
    m_settings->setValue(Settings::Key::RecentFiles, recent);
    updateRecentMenu();
}

void MainWindow::updateRecentMenu()
{
    m_recentMenu->clear();
    const QStringList recent
        = m_settings ? m_settings->value(Settings::Key::RecentFiles).toStringList() : QStringList();
    for (int i = 0; i < recent.size(); ++i) {
        const QString path = recent.at(i);
        QAction* action = m_recentMenu->addAction(QStringLiteral("&%1  %2").arg(i + 1).arg(path), this,
                                                  [this, path] { openFile(path); });
        action->setEnabled(QFileInfo::exists(path));
    }
    m_recentMenu->setEnabled(!recent.isEmpty());
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

void MainWindow::closeEvent(QCloseEvent* event)
{
    m_cancelRequested = true;
    QThreadPool::globalInstance()->waitForDone();
    if (m_settings) {
        m_settings->setValue(Settings::Key::WindowGeometry, saveGeometry());
        m_settings->setValue(Settings::Key::SplitterState, m_splitter->saveState());
    }
    m_endpoint->stop();
    event->accept();
}

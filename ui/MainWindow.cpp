// SPDX-License-Identifier: MIT
#include "MainWindow.h"

#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QCloseEvent>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QLineEdit>
#include <QMenuBar>
#include <QMessageBox>
#include <QScrollBar>
#include <QSplitter>
#include <QStatusBar>
#include <QTableView>
#include <QVBoxLayout>

#include "CaptureDetailView.h"
#include "CaptureFilterModel.h"
#include "MessageBar.h"
#include "capture/CaptureTableModel.h"
#include "storage/SessionStore.h"
#include "storage/Settings.h"

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
{
    setObjectName(QStringLiteral("mainWindow"));
    setWindowTitle(QStringLiteral("Hookbench"));

    m_proxy->setSourceModel(m_model);

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

    m_filter->setObjectName(QStringLiteral("filterLineEdit"));
    m_filter->setPlaceholderText(tr("Filter by method, path, status (Ctrl+F)"));
    m_filter->setClearButtonEnabled(true);
    connect(m_filter, &QLineEdit::textChanged, this,
            [this](const QString& text) { m_proxy->setFilterFixedString(text); });

    auto* top = new QWidget(this);
    auto* topLayout = new QVBoxLayout(top);
    topLayout->setContentsMargins(0, 0, 0, 0);
    topLayout->addWidget(m_filter);
    topLayout->addWidget(m_table, 1);
    m_splitter->setObjectName(QStringLiteral("mainSplitter"));
    m_splitter->addWidget(top);
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

    createActions();

    connect(m_table->selectionModel(), &QItemSelectionModel::currentRowChanged, this, &MainWindow::onCurrentRowChanged);
    connect(m_endpoint, &Endpoint::capturesStored, this, &MainWindow::onCapturesStored);
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

MainWindow::~MainWindow() = default;

void MainWindow::createActions()
{
    QMenu* file = menuBar()->addMenu(tr("&File"));
    QAction* quit = file->addAction(tr("&Quit"), this, &QWidget::close);
    quit->setShortcut(QKeySequence::Quit);
    quit->setObjectName(QStringLiteral("quitAction"));

    QMenu* edit = menuBar()->addMenu(tr("&Edit"));
    QAction* copyUrl = edit->addAction(tr("Copy Endpoint &URL"), this, &MainWindow::copyUrl);
    copyUrl->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_C));
    copyUrl->setObjectName(QStringLiteral("copyUrlAction"));
    QAction* find = edit->addAction(tr("&Filter Captures"), this, [this] {
        m_filter->setFocus();
        m_filter->selectAll();
    });
    find->setShortcut(QKeySequence::Find);
    find->setObjectName(QStringLiteral("filterAction"));

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
    if (config.sessionId == 0 && m_options.continueLastSession) {
        if (const std::optional<qint64> last = m_reader->latestSessionId())
            config.sessionId = *last;
    }
    if (const std::optional<QString> error = m_endpoint->start(config)) {
        m_messageBar->showMessage(tr("Not capturing: %1. Choose another port with --port.").arg(*error),
                                  MessageBar::Kind::Error);
        if (config.sessionId != 0)
            m_model->reset(m_reader->summaries(config.sessionId));
        updateStatus();
        return;
    }
    m_model->reset(m_reader->summaries(m_endpoint->sessionId()));
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
    for (const Capture& capture : captures)
        summaries.append(CaptureSummary::of(capture));
    m_model->enqueue(summaries);
    m_captureCount += captures.size();
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
    if (std::optional<Capture> capture = m_reader->capture(id))
        m_detail->showCapture(*capture);
    else
        m_detail->showNothing();
}

void MainWindow::updateStatus()
{
    if (!m_endpoint->isRunning()) {
        m_statusLabel->setText(tr("Not listening"));
        return;
    }
    m_statusLabel->setText(tr("Listening on %1   ·   session %2   ·   %n capture(s)", nullptr, int(m_captureCount))
                               .arg(m_endpoint->url())
                               .arg(m_endpoint->sessionId()));
}

void MainWindow::copyUrl()
{
    if (!m_endpoint->isRunning())
        return;
    QApplication::clipboard()->setText(m_endpoint->url());
    statusBar()->showMessage(tr("Copied %1").arg(m_endpoint->url()), 3000);
}

void MainWindow::closeEvent(QCloseEvent* event)
{
    if (m_settings) {
        m_settings->setValue(Settings::Key::WindowGeometry, saveGeometry());
        m_settings->setValue(Settings::Key::SplitterState, m_splitter->saveState());
    }
    m_endpoint->stop();
    event->accept();
}

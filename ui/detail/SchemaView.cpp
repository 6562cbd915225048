// SPDX-License-Identifier: MIT
#include "detail/SchemaView.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QSaveFile>
#include <QTableView>
#include <QVBoxLayout>

#include "models/SchemaFieldsModel.h"
#include "payload/EventIndex.h"
#include "payload/SchemaDrift.h"
#include "widgets/FileDialog.h"

SchemaView::SchemaView(QWidget* parent)
    : QWidget(parent)
    , m_schemas(new QComboBox(this))
    , m_status(new QLabel(this))
    , m_fields(new QTableView(this))
    , m_export(new QPushButton(tr("&Export JSON Schema\u2026"), this))
    , m_model(new SchemaFieldsModel(this))
{
    setObjectName(QStringLiteral("schemaView"));
    m_schemas->setObjectName(QStringLiteral("schemaComboBox"));
    m_status->setObjectName(QStringLiteral("schemaStatusLabel"));
    m_status->setTextFormat(Qt::PlainText);
    m_status->setWordWrap(true);
    m_fields->setObjectName(QStringLiteral("schemaFieldsTableView"));
    m_fields->setModel(m_model);
    m_fields->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_fields->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_fields->verticalHeader()->hide();
    m_fields->horizontalHeader()->setStretchLastSection(true);
    m_export->setObjectName(QStringLiteral("exportSchemaPushButton"));

    auto* top = new QHBoxLayout;
    top->addWidget(new QLabel(tr("Schema:"), this));
    top->addWidget(m_schemas, 1);
    top->addWidget(m_export);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 4, 0, 0);
    layout->addLayout(top);
    layout->addWidget(m_status);
    layout->addWidget(m_fields, 1);

    connect(m_schemas, &QComboBox::currentIndexChanged, this, &SchemaView::showFields);
    connect(m_export, &QPushButton::clicked, this, &SchemaView::chooseExportFile);
    refresh();
}

void SchemaView::setIndex(const EventIndex* index)
{
    m_index = index;
    refresh();
}

void SchemaView::refresh()
{
    const QString shown = currentSchema();
    const QStringList names = m_index ? m_index->schemaNames() : QStringList();
    {
        const QSignalBlocker blocker(m_schemas);
        m_schemas->clear();
        m_schemas->addItems(names);
        const qsizetype keep = names.indexOf(shown);
        m_schemas->setCurrentIndex(keep >= 0 ? int(keep) : (names.isEmpty() ? -1 : 0));
    }
    showFields();
}

void SchemaView::showSchema(const QString& schema)
{
    const int row = m_schemas->findText(schema, Qt::MatchExactly);
    if (row >= 0)
        m_schemas->setCurrentIndex(row);
}

QString SchemaView::currentSchema() const
{
    return m_schemas->currentIndex() >= 0 ? m_schemas->currentText() : QString();
}

void SchemaView::showFields()
{
    const SchemaDrift* drift = m_index ? m_index->drift(currentSchema()) : nullptr;
    m_export->setEnabled(drift != nullptr);
    if (!drift) {
        m_model->setFields({});
        m_status->setText(tr("No Firm App events in this session yet"));
        return;
    }
    m_model->setFields(drift->fields());
    m_fields->resizeColumnsToContents();
    QString status = tr("%n event(s)", nullptr, int(drift->eventCount())) + QStringLiteral(" \u00b7 ")
        + tr("%n field(s)", nullptr, int(drift->fields().size()));
    if (drift->truncated())
        status += QStringLiteral(" \u00b7 ")
            + tr("more than %1 fields: the rest are not tracked").arg(SchemaDrift::maxFields);
    m_status->setText(status);
}

Expected<void> SchemaView::exportJsonSchema(const QString& path) const
{
    const SchemaDrift* drift = m_index ? m_index->drift(currentSchema()) : nullptr;
    if (!drift)
        return Error {Error::Code::NotFound, tr("no schema to export")};
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(drift->toJsonSchema()) < 0 || !file.commit())
        return Error {Error::Code::InvalidInput, file.errorString()};
    return {};
}

void SchemaView::chooseExportFile()
{
    const QString path = FileDialog::saveFileName(
        this, tr("Export JSON Schema"), currentSchema() + QStringLiteral(".schema.json"), tr("JSON Schema (*.json)"));
    if (path.isEmpty())
        return;
    if (const Expected<void> written = exportJsonSchema(path); !written) {
        m_status->setText(tr("Could not write %1: %2").arg(path, written.error().message));
        return;
    }
    m_status->setText(tr("Wrote %1").arg(path));
    Q_EMIT schemaExported(path);
}

// SPDX-License-Identifier: MIT
#pragma once

#include <QWidget>

#include "core/Expected.h"

class EventIndex;
class QComboBox;
class QLabel;
class QPushButton;
class QTableView;
class SchemaFieldsModel;

// Schema drift: per Firm App schema, the fields its diffs have shown, their JSON types and when each was
// first and last seen; "Export JSON Schema..." writes them as a draft 2020-12 JSON Schema document.
class SchemaView final : public QWidget
{
    Q_OBJECT

public:
    explicit SchemaView(QWidget* parent = nullptr);

    // Not owned; must outlive the view or be replaced.
    void setIndex(const EventIndex* index);
    // Reads the schemas again (after arrivals), keeping the one shown.
    void refresh();
    void showSchema(const QString& schema);
    QString currentSchema() const;
    // Writes the shown schema's JSON Schema to path (atomically). NotFound when no schema is shown, InvalidInput
    // with the file's error when the path cannot be written.
    Expected<void> exportJsonSchema(const QString& path) const;

Q_SIGNALS:
    void schemaExported(const QString& path);

private:
    void showFields();
    void chooseExportFile();

    const EventIndex* m_index = nullptr;
    QComboBox* m_schemas;
    QLabel* m_status;
    QTableView* m_fields;
    QPushButton* m_export;
    SchemaFieldsModel* m_model;
};

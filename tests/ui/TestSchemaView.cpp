// SPDX-License-Identifier: MIT
// The schema view: the fields per schema with their types and sightings, and Export JSON Schema through
// the file dialog seam.
#include <QAbstractItemModelTester>
#include <QComboBox>
#include <QFile>
#include <QLabel>
#include <QPushButton>
#include <QSignalSpy>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>

#include "ExpectedChecks.h"
#include "PayloadFixtures.h"
#include "detail/SchemaView.h"
#include "payload/EventIndex.h"
#include "payload/SchemaDrift.h"
#include "widgets/FileDialog.h"

using namespace Qt::StringLiterals;
using fixtures::body;
using fixtures::firmEvent;

class TestSchemaView final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void listsFieldsAndExports();
};

void TestSchemaView::listsFieldsAndExports()
{
    EventIndex index;
    index.add(fixtures::capture(
        1,
        body({firmEvent("create", "user", "u1", "2024-11-08T10:00:00.000Z", R"({"name":"Sam","age":1})"),
              firmEvent("create", "invoice", "i1", "2024-11-08T10:00:00.000Z", R"({"total":9.5})")})));
    index.add(
        fixtures::capture(2, body({firmEvent("update", "user", "u1", "2024-11-08T11:00:00.000Z", R"({"age":"2"})")})));
    SchemaView view;
    auto* table = view.findChild<QTableView*>(u"schemaFieldsTableView"_s);
    new QAbstractItemModelTester(table->model(), QAbstractItemModelTester::FailureReportingMode::Fatal, &view);
    auto* schemas = view.findChild<QComboBox*>(u"schemaComboBox"_s);
    auto* exportButton = view.findChild<QPushButton*>(u"exportSchemaPushButton"_s);
    QVERIFY(!exportButton->isEnabled());
    // With no schema shown nothing is written: the call fails before opening the file.
    QVERIFY_FAILS_WITH(view.exportJsonSchema(u"never-written.schema.json"_s), Error::Code::NotFound);
    view.setIndex(&index);
    QCOMPARE(schemas->count(), 2);
    QCOMPARE(view.currentSchema(), u"user"_s);
    QCOMPARE(table->model()->rowCount(), 2);
    QCOMPARE(table->model()->data(table->model()->index(1, 0)).toString(), u"age"_s);
    QCOMPARE(table->model()->data(table->model()->index(1, 1)).toString(), u"string, integer"_s);
    QCOMPARE(table->model()->data(table->model()->index(1, 2)).toString(), u"2024-11-08T21:49:47.733Z"_s);
    QCOMPARE(table->model()->data(table->model()->index(1, 3)).toString(), u"2024-11-08T21:49:48.733Z"_s);
    QCOMPARE(view.findChild<QLabel*>(u"schemaStatusLabel"_s)->text(), u"2 event(s) \u00b7 2 field(s)"_s);

    view.showSchema(u"invoice"_s);
    QCOMPARE(table->model()->rowCount(), 1);
    QTemporaryDir dir;
    const QString path = dir.filePath(u"invoice.schema.json"_s);
    QSignalSpy exported(&view, &SchemaView::schemaExported);
    FileDialog::setNextFileName(path);
    exportButton->click();
    QCOMPARE(exported.count(), 1);
    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadOnly));
    QCOMPARE(file.readAll(), index.drift(u"invoice"_s)->toJsonSchema());
    QCOMPARE(view.findChild<QLabel*>(u"schemaStatusLabel"_s)->text(), u"Wrote "_s + path);

    // A refresh after arrivals keeps the schema shown; a cancelled dialog writes nothing.
    index.add(
        fixtures::capture(3, body({firmEvent("create", "order", "o1", "2024-11-08T10:00:00.000Z", R"({"n":1})")})));
    view.refresh();
    QCOMPARE(schemas->count(), 3);
    QCOMPARE(view.currentSchema(), u"invoice"_s);
    FileDialog::setNextFileName(QString());
    exportButton->click();
    QCOMPARE(exported.count(), 1);
    const Expected<void> written = view.exportJsonSchema(dir.filePath(u"missing/dir/x.json"_s));
    QVERIFY_FAILS_WITH(written, Error::Code::InvalidInput);
    QVERIFY(!written.error().message.isEmpty());
}

QTEST_MAIN(TestSchemaView)
#include "TestSchemaView.moc"

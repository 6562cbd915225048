// SPDX-License-Identifier: MIT
// Schema drift: the fields seen per schema with their JSON types and first/last sighting, and their export
// as a JSON Schema (draft 2020-12) document.
#include <QTest>

#include "PayloadFixtures.h"
#include "json/JsonReader.h"
#include "payload/EventIndex.h"
#include "payload/SchemaDrift.h"

using namespace Qt::StringLiterals;
using fixtures::body;
using fixtures::firmEvent;

namespace {

const QByteArray t1 = "2024-11-08T10:00:00.000Z";

// "path types first-last count", first and last as capture ids.
QStringList describe(const SchemaDrift& drift)
{
    QStringList out;
    for (const SchemaField& field : drift.fields())
        out.append(u"%1 %2 %3-%4 %5"_s.arg(field.path, field.typeNames().join(u'|'))
                       .arg(field.firstCaptureId)
                       .arg(field.lastCaptureId)
                       .arg(field.count));
    return out;
}

EventIndex session()
{
    EventIndex index;
    index.add(fixtures::capture(
        1, body({firmEvent("create", "user", "u1", t1, R"({"name":"Sam","age":40,"address":{"city":"Oslo"}})")})));
    index.add(
        fixtures::capture(2,
                          body({firmEvent("update", "user", "u1", t1, R"({"age":40.5,"tags":["a","b"],"nick":null})"),
                                firmEvent("update", "invoice", "i1", t1, R"({"total":"9.90"})")})));
    index.add(fixtures::capture(3,
                                body({firmEvent("update", "user", "u2", t1,
                                                R"({"nick":"s","address":{"city":"Bergen","zip":5003},"a b":true})"),
                                      firmEvent("delete", "user", "u1", t1)})));
    return index;
}

} // namespace

class TestPayloadDrift final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void fieldsWithTypesAndSightings();
    void exportsJsonSchema();
    void boundedWhenKeysAreIds();
};

void TestPayloadDrift::fieldsWithTypesAndSightings()
{
    const EventIndex index = session();
    QCOMPARE(index.schemaNames(), (QStringList {u"user"_s, u"invoice"_s}));
    const SchemaDrift* user = index.drift(u"user"_s);
    QVERIFY(user);
    QCOMPARE(user->eventCount(), 4);
    QCOMPARE(
        describe(*user),
        (QStringList {u"name string 1-1 1"_s, u"age number 1-2 2"_s, u"address object 1-3 2"_s,
                      u"address.city string 1-3 2"_s, u"tags array 2-2 1"_s, u"tags[] string 2-2 2"_s,
                      u"nick string|null 2-3 2"_s, u"address.zip integer 3-3 1"_s, uR"(["a b"] boolean 3-3 1)"_s}));
    const SchemaField& age = user->fields().at(size_t(user->fieldIndex(u"age"_s)));
    QCOMPARE(age.firstSeenMs, fixtures::capture(1, {}).receivedAt.toMSecsSinceEpoch());
    QCOMPARE(age.lastSeenMs, fixtures::capture(2, {}).receivedAt.toMSecsSinceEpoch());
    QCOMPARE(user->fieldIndex(u"missing"_s), -1);
    QCOMPARE(describe(*index.drift(u"invoice"_s)), QStringList {u"total string 2-2 1"_s});
    QVERIFY(!index.drift(u"order"_s));
}

void TestPayloadDrift::exportsJsonSchema()
{
    const EventIndex index = session();
    const QByteArray schema = index.drift(u"user"_s)->toJsonSchema();
    const QByteArray expected = R"({
  "$schema": "https://json-schema.org/draft/2020-12/schema",
  "title": "user",
  "description": "The fields seen in 4 Firm App event diff(s) of schema \"user\"; diffs carry changed fields only, so none is required.",
  "type": "object",
  "properties": {
    "name": {
      "type": "string"
    },
    "age": {
      "type": "number"
    },
    "address": {
      "type": "object",
      "properties": {
        "city": {
          "type": "string"
        },
        "zip": {
          "type": "integer"
        }
      }
    },
    "tags": {
      "type": "array",
      "items": {
        "type": "string"
      }
    },
    "nick": {
      "type": ["string", "null"]
    },
    "a b": {
      "type": "boolean"
    }
  }
}
)";
    QCOMPARE(schema, expected);
    QVERIFY(JsonReader::read(schema).ok());
}

void TestPayloadDrift::boundedWhenKeysAreIds()
{
    // A map keyed by ids would add a path per key: tracking stops at the cap and says so.
    SchemaDrift drift(u"ledger"_s);
    for (int batch = 0; batch < 5; ++batch) {
        QByteArray diff = R"({"entries":{)";
        for (int i = 0; i < 1000; ++i)
            diff += (i ? ",\"" : "\"") + QByteArray::number(batch * 1000 + i) + "\":1";
        diff += "}}";
        const JsonReadResult read = JsonReader::read(diff);
        QVERIFY(read.ok());
        drift.observe(read.document.root(), batch, batch);
    }
    QCOMPARE(int(drift.fields().size()), SchemaDrift::maxFields);
    QVERIFY(drift.truncated());
    QVERIFY(JsonReader::read(drift.toJsonSchema()).ok());
}

QTEST_GUILESS_MAIN(TestPayloadDrift)
#include "TestPayloadDrift.moc"

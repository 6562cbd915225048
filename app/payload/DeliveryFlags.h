// SPDX-License-Identifier: MIT
#pragma once

#include <QFlags>
#include <QStringList>

// What the delivery checks and the schema drift found about one event, decided when the event arrives.
enum class DeliveryFlag : quint8
{
    Duplicate = 0x01, // the same action, schema, docId, docUpdatedDate and diff arrived before
    OutOfOrder = 0x02, // older than the newest event already seen for its document
    UnknownDocument = 0x04, // an update or delete for a document this session has not seen created (information)
    AfterDelete = 0x08, // an event for a document after its delete
    NewField = 0x10, // the diff brings a field its schema has not shown before
    TypeChanged = 0x20, // a field arrives with a JSON type its schema has not shown for it
};
Q_DECLARE_FLAGS(DeliveryFlags, DeliveryFlag)
Q_DECLARE_OPERATORS_FOR_FLAGS(DeliveryFlags)

// The stable names used by `show --events --json` and the views: "duplicate", "out_of_order",
// "unknown_document", "after_delete", "new_field", "type_changed", in that order.
QStringList deliveryFlagNames(DeliveryFlags flags);

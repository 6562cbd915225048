// SPDX-License-Identifier: MIT
#include "payload/DeliveryFlags.h"

QStringList deliveryFlagNames(DeliveryFlags flags)
{
    static const struct
    {
        DeliveryFlag flag;
        const char* name;
    } names[] = {{DeliveryFlag::Duplicate, "duplicate"},
                 {DeliveryFlag::OutOfOrder, "out_of_order"},
                 {DeliveryFlag::UnknownDocument, "unknown_document"},
                 {DeliveryFlag::AfterDelete, "after_delete"},
                 {DeliveryFlag::NewField, "new_field"},
                 {DeliveryFlag::TypeChanged, "type_changed"}};
    QStringList out;
    for (const auto& entry : names) {
        if (flags.testFlag(entry.flag))
            out.append(QLatin1String(entry.name));
    }
    return out;
}

// SPDX-License-Identifier: MIT
#include "session/StoreMessages.h"

#include <QCoreApplication>

namespace StoreMessages {

QString describe(const Error& error)
{
    const char* what = nullptr;
    switch (error.code) {
    case Error::Code::StoreFull:
        what = QT_TRANSLATE_NOOP("StoreMessages", "the disk holding the session store is full (%1)");
        break;
    case Error::Code::StoreReadOnly:
        what = QT_TRANSLATE_NOOP("StoreMessages",
                                 "the session store cannot be written, check its folder's permissions (%1)");
        break;
    case Error::Code::StoreCannotOpen:
    case Error::Code::StoreNotOpen:
        what = QT_TRANSLATE_NOOP("StoreMessages", "the session store cannot be opened (%1)");
        break;
    case Error::Code::StoreCorrupt:
        what = QT_TRANSLATE_NOOP("StoreMessages", "the session store is damaged or is not a Hookbench store (%1)");
        break;
    case Error::Code::StoreBusy:
        what = QT_TRANSLATE_NOOP("StoreMessages", "the session store is locked by another program (%1)");
        break;
    case Error::Code::StoreRefused:
        what = QT_TRANSLATE_NOOP("StoreMessages", "the session store refused the change (%1)");
        break;
    case Error::Code::StoreNewer:
    case Error::Code::StoreInUse:
    case Error::Code::StoreFailed:
        what = QT_TRANSLATE_NOOP("StoreMessages", "the session store failed: %1");
        break;
    default:
        return error.message;
    }
    return QCoreApplication::translate("StoreMessages", what).arg(error.message);
}

} // namespace StoreMessages

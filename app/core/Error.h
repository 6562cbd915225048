// SPDX-License-Identifier: MIT
#pragma once

#include <QString>

// What went wrong in a fallible core call: a code to act on (and for tests to assert) and a message for the
// user, already translated, naming the file or value concerned. Returned through Expected (core/Expected.h).
struct Error
{
    enum class Code
    {
        // The session store (its database and the body segments beside it).
        StoreNotOpen, // the call needs an open store
        StoreCannotOpen, // the database or its folder could not be opened or created
        StoreNewer, // written by a newer Hookbench: not opened, so that nothing is lost
        StoreCorrupt, // the database or a segment is damaged, or the file is not a Hookbench store
        StoreBusy, // another connection held the lock past the busy timeout
        StoreFull, // the disk (or a quota) is full
        StoreReadOnly, // the database, a segment or their folder cannot be written
        StoreRefused, // the database refused the change (a constraint, a trigger)
        StoreInUse, // the session is in use by another Hookbench process or store instance
        StoreFailed, // any other failure of SQLite or the file system
        NotFound, // the session, capture or deleted batch asked for does not exist (any more)
                  // The capture endpoint.
        CannotListen, // the address or port cannot be listened on (taken, not permitted)
                      // Any area.
        InvalidInput, // a value, option or file the call was given cannot be used as it is
        Busy, // work of the same kind is running; try again when it is done
        Canceled, // the caller asked to stop
    };

    Code code = Code::StoreFailed;
    QString message;
};

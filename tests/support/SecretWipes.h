// SPDX-License-Identifier: MIT
#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QList>

// What SecretSet overwrote, as its wipe observer saw it: where each buffer was and what it held once wiped.
// A test installs the observer with SecretSet::setWipeObserver(observeWipe) and clears `secretWipes` first.
struct SecretWipe
{
    const char* data; // compared as a pointer only: the bytes are freed after the wipe
    QByteArray bytes;
};

inline QList<SecretWipe> secretWipes;

inline void observeWipe(QByteArrayView bytes)
{
    secretWipes.append(SecretWipe {bytes.data(), bytes.toByteArray()});
}

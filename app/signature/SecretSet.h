// SPDX-License-Identifier: MIT
#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QList>
#include <QString>
#include <memory>

#include "core/Expected.h"

// One signing secret. The label is what results, logs and the UI show; the value never leaves memory.
struct Secret
{
    QString label;
    QByteArray value;
};

struct SecretError
{
    enum class Code
    {
        NotSet,
        Empty,
        Unreadable
    };
    Code code = Code::NotSet;
    QString message; // names the variable or file, never the value
};

// The active secrets, tried in order (several during a rotation); also the one secret a replay target or the
// live forwarder re-signs with. Copies share one immutable snapshot (a verification task or a replay batch
// holds the set, not a copy of the values); adding makes a new snapshot. The values are overwritten when the
// last set holding a snapshot lets go of it (replaced or destroyed).
class SecretSet final
{
public:
    SecretSet() = default;

    void add(const QString& label, const QByteArray& value);
    void add(const Secret& secret) { add(secret.label, secret.value); }
    bool isEmpty() const { return secrets().isEmpty(); }
    qsizetype size() const { return secrets().size(); }
    const QList<Secret>& secrets() const;
    // The first value (the one re-signing uses), empty when there is none: the snapshot's own bytes, not a copy.
    const QByteArray& firstValue() const;
    QStringList labels() const;

    // Called with each value's bytes once they are overwritten, just before they are freed: for tests.
    using WipeObserver = void (*)(QByteArrayView wiped);
    static void setWipeObserver(WipeObserver observer);

    // The secret in environment variable var, labelled with the variable's name. A single trailing
    // newline ("\n" or "\r\n") is removed; nothing else is changed. NotSet or Empty when there is none.
    static Expected<SecretSet, SecretError> fromEnvironment(const QString& var);
    // The secret in a file, labelled with the file's name, trimmed the same way. Unreadable or Empty.
    static Expected<SecretSet, SecretError> fromFile(const QString& path);

    static QByteArray withoutTrailingNewline(QByteArray value);

private:
    struct Snapshot
    {
        QList<Secret> secrets;
        Snapshot() = default;
        Snapshot(const Snapshot&) = delete;
        Snapshot& operator=(const Snapshot&) = delete;
        ~Snapshot();
    };
    std::shared_ptr<const Snapshot> m_snapshot;
};

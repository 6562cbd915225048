// SPDX-License-Identifier: MIT
#include "signature/SecretSet.h"

#include <QFile>
#include <QFileInfo>
#include <QStringList>
#include <atomic>

#include <openssl/crypto.h>

namespace {
std::atomic<SecretSet::WipeObserver> wipeObserver {nullptr};
} // namespace

SecretSet::Snapshot::~Snapshot()
{
    for (qsizetype i = 0; i < secrets.size(); ++i) {
        // Only bytes this snapshot alone holds: a value still shared with someone's copy stays theirs.
        QByteArray& value = secrets[i].value;
        if (value.isEmpty() || !value.isDetached())
            continue;
        OPENSSL_cleanse(value.data(), size_t(value.size()));
        if (const WipeObserver observer = wipeObserver.load())
            observer(value);
    }
}

void SecretSet::setWipeObserver(WipeObserver observer)
{
    wipeObserver.store(observer);
}

const QList<Secret>& SecretSet::secrets() const
{
    static const QList<Secret> none;
    return m_snapshot ? m_snapshot->secrets : none;
}

const QByteArray& SecretSet::firstValue() const
{
    static const QByteArray none;
    return isEmpty() ? none : secrets().constFirst().value;
}

void SecretSet::add(const QString& label, const QByteArray& value)
{
    auto next = std::make_shared<Snapshot>();
    next->secrets = secrets();
    // A buffer of the set's own, so that it can be overwritten whatever the caller does with its copy.
    next->secrets.append(Secret {label, QByteArray(value.constData(), value.size())});
    m_snapshot = std::move(next);
}

QStringList SecretSet::labels() const
{
    QStringList labels;
    for (const Secret& secret : secrets())
        labels.append(secret.label);
    return labels;
}

QByteArray SecretSet::withoutTrailingNewline(QByteArray value)
{
    if (value.endsWith("\r\n"))
        value.chop(2);
    else if (value.endsWith('\n'))
        value.chop(1);
    return value;
}

Expected<SecretSet, SecretError> SecretSet::fromEnvironment(const QString& var)
{
    const QByteArray name = var.toLocal8Bit();
    if (var.isEmpty() || !qEnvironmentVariableIsSet(name.constData()))
        return SecretError {SecretError::Code::NotSet, QStringLiteral("environment variable %1 is not set").arg(var)};
    const QByteArray value = withoutTrailingNewline(qgetenv(name.constData()));
    if (value.isEmpty())
        return SecretError {SecretError::Code::Empty, QStringLiteral("environment variable %1 is empty").arg(var)};
    SecretSet set;
    set.add(var, value);
    return set;
}

Expected<SecretSet, SecretError> SecretSet::fromFile(const QString& path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return SecretError {SecretError::Code::Unreadable,
                            QStringLiteral("cannot read secret file %1: %2").arg(path, file.errorString())};
    const QByteArray value = withoutTrailingNewline(file.readAll());
    if (value.isEmpty())
        return SecretError {SecretError::Code::Empty, QStringLiteral("secret file %1 is empty").arg(path)};
    SecretSet set;
    set.add(QFileInfo(path).fileName(), value);
    return set;
}

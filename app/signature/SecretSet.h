// SPDX-License-Identifier: MIT
#pragma once

#include <QByteArray>
#include <QList>
#include <QString>
#include <optional>

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

// The active secrets, tried in order (several during a rotation).
class SecretSet final
{
public:
    SecretSet() = default;

    void add(const QString& label, const QByteArray& value);
    void add(const Secret& secret) { m_secrets.append(secret); }
    bool isEmpty() const { return m_secrets.isEmpty(); }
    qsizetype size() const { return m_secrets.size(); }
    const QList<Secret>& secrets() const { return m_secrets; }
    QStringList labels() const;

    // The secret in environment variable var, labelled with the variable's name. A single trailing
    // newline ("\n" or "\r\n") is removed; nothing else is changed.
    static std::optional<SecretSet> fromEnvironment(const QString& var, SecretError* error = nullptr);
    // The secret in a file, labelled with the file's name, trimmed the same way.
    static std::optional<SecretSet> fromFile(const QString& path, SecretError* error = nullptr);

    static QByteArray withoutTrailingNewline(QByteArray value);

private:
    QList<Secret> m_secrets;
};

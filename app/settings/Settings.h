// SPDX-License-Identifier: MIT
#pragma once

#include <QObject>
#include <QVariant>
#include <memory>

class QSettings;
struct StoreBudget;

// Hookbench's settings: one typed table of keys and defaults over QSettings. Nothing else reads or
// writes QSettings. Secrets are never settings.
class Settings final : public QObject
{
    Q_OBJECT

public:
    enum class Key
    {
        BindAddress,
        Port,
        MaxBodyBytes,
        MaxConnections,
        HeaderTimeoutSeconds,
        ResponseRules, // JSON, the same format as `listen --rules`
        ContinueLastSession,
        StorePath, // empty: the default in the user's data directory
        WindowGeometry,
        WindowState,
        SplitterState,
        RecentFiles, // HAR files, newest first
        SessionMaxAgeDays, // sessions unused for longer are removed; 0: no limit
        SessionMaxBytes, // the store's size budget; 0: no limit
        ReplayTargets, // JSON list of replay targets (ReplayTargets); never holds their secrets
        RecentQueries, // the captures filter's, newest first
        NotifyInBackground, // a desktop notification for new captures while the window is in the background
        Appearance, // "system", "light" or "dark"
    };
    Q_ENUM(Key)

    // The application's settings (the user's config file).
    static Settings* instance();
    // A throw-away instance backed by a temporary file, for tests.
    static std::unique_ptr<Settings> createTemporary(const QString& path);

    QVariant value(Key key) const;
    void setValue(Key key, const QVariant& value);
    void reset(Key key);
    static QString name(Key key);
    static QVariant defaultValue(Key key);

    QString bindAddress() const { return value(Key::BindAddress).toString(); }
    int port() const { return value(Key::Port).toInt(); }
    qint64 maxBodyBytes() const { return value(Key::MaxBodyBytes).toLongLong(); }
    int sessionMaxAgeDays() const { return value(Key::SessionMaxAgeDays).toInt(); }
    qint64 sessionMaxBytes() const { return value(Key::SessionMaxBytes).toLongLong(); }
    StoreBudget sessionBudget() const; // the two above, for SessionStore::prune

Q_SIGNALS:
    void changed(Settings::Key key);

private:
    explicit Settings(std::unique_ptr<QSettings> settings);
    std::unique_ptr<QSettings> m_settings;

public:
    ~Settings() override;
};

// SPDX-License-Identifier: MIT
#include "settings/Settings.h"

#include <QSettings>

#include "core/Logging.h"
#include "store/SessionStore.h"

namespace {

struct Entry
{
    Settings::Key key;
    const char* name;
    QVariant defaultValue;
};

const QList<Entry>& table()
{
    static const QList<Entry> entries {
        {Settings::Key::BindAddress, "endpoint/bind", QStringLiteral("127.0.0.1")},
        {Settings::Key::Port, "endpoint/port", 8787},
        {Settings::Key::MaxBodyBytes, "endpoint/maxBodyBytes", qint64(64) * 1024 * 1024},
        {Settings::Key::MaxConnections, "endpoint/maxConnections", 1024},
        {Settings::Key::HeaderTimeoutSeconds, "endpoint/headerTimeoutSeconds", 10},
        {Settings::Key::ResponseRules, "endpoint/responseRules", QString()},
        {Settings::Key::ContinueLastSession, "sessions/continueLast", true},
        {Settings::Key::StorePath, "sessions/storePath", QString()},
        {Settings::Key::WindowGeometry, "window/geometry", QByteArray()},
        {Settings::Key::WindowState, "window/state", QByteArray()},
        {Settings::Key::SplitterState, "window/splitter", QByteArray()},
        {Settings::Key::RecentFiles, "files/recent", QStringList()},
        {Settings::Key::SessionMaxAgeDays, "sessions/maxAgeDays", 30},
        {Settings::Key::SessionMaxBytes, "sessions/maxBytes", qint64(2) * 1024 * 1024 * 1024},
        {Settings::Key::ReplayTargets, "replay/targets", QString()},
        {Settings::Key::RecentQueries, "filter/recent", QStringList()},
        {Settings::Key::NotifyInBackground, "window/notifyInBackground", true},
        {Settings::Key::Appearance, "window/appearance", QStringLiteral("system")},
    };
    return entries;
}

const Entry& entry(Settings::Key key)
{
    for (const Entry& candidate : table()) {
        if (candidate.key == key)
            return candidate;
    }
    Q_UNREACHABLE();
}

} // namespace

Settings::Settings(std::unique_ptr<QSettings> settings)
    : m_settings(std::move(settings))
{ }

Settings::~Settings() = default;

Settings* Settings::instance()
{
    static Settings* settings = new Settings(std::make_unique<QSettings>());
    return settings;
}

std::unique_ptr<Settings> Settings::createTemporary(const QString& path)
{
    return std::unique_ptr<Settings>(new Settings(std::make_unique<QSettings>(path, QSettings::IniFormat)));
}

QString Settings::name(Key key)
{
    return QString::fromLatin1(entry(key).name);
}

QVariant Settings::defaultValue(Key key)
{
    return entry(key).defaultValue;
}

QVariant Settings::value(Key key) const
{
    const Entry& e = entry(key);
    QVariant stored = m_settings->value(QLatin1String(e.name), e.defaultValue);
    if (e.defaultValue.isValid() && stored.metaType() != e.defaultValue.metaType()) {
        QVariant converted = stored;
        if (!converted.convert(e.defaultValue.metaType())) {
            qCWarning(lcSettings).noquote()
                << "the setting" << e.name << "is not a" << e.defaultValue.typeName() << "- its default is used";
            return e.defaultValue;
        }
        return converted;
    }
    return stored;
}

void Settings::setValue(Key key, const QVariant& value)
{
    if (m_settings->value(name(key)) == value)
        return;
    m_settings->setValue(name(key), value);
    Q_EMIT changed(key);
}

void Settings::reset(Key key)
{
    m_settings->remove(name(key));
    Q_EMIT changed(key);
}

StoreBudget Settings::sessionBudget() const
{
    return StoreBudget {sessionMaxAgeDays(), sessionMaxBytes()};
}

// SPDX-License-Identifier: MIT
#include "dialogs/StartupChoice.h"

#include <QAction>
#include <QCoreApplication>
#include <QLocale>

#include "core/ByteSize.h"
#include "settings/Settings.h"
#include "store/SessionStore.h"

namespace StartupChoice {

bool continueLastSession(const Settings& settings, bool newSessionRequested)
{
    return !newSessionRequested && settings.value(Settings::Key::ContinueLastSession).toBool();
}

QAction* createContinueLastSessionAction(Settings* settings, QObject* parent)
{
    auto* action = new QAction(QCoreApplication::translate("StartupChoice", "&Continue Last Session at Start"), parent);
    action->setObjectName(QStringLiteral("continueLastSessionAction"));
    action->setCheckable(true);
    action->setStatusTip(QCoreApplication::translate(
        "StartupChoice", "When off, every start begins a new session; past sessions stay in File > Sessions."));
    action->setChecked(settings->value(Settings::Key::ContinueLastSession).toBool());
    QObject::connect(action, &QAction::toggled, settings,
                     [settings](bool on) { settings->setValue(Settings::Key::ContinueLastSession, on); });
    QObject::connect(settings, &Settings::changed, action, [settings, action](Settings::Key key) {
        if (key == Settings::Key::ContinueLastSession)
            action->setChecked(settings->value(Settings::Key::ContinueLastSession).toBool());
    });
    return action;
}

QString pruneMessage(const PruneResult& result)
{
    if (result.error)
        return QCoreApplication::translate("StartupChoice", "Old sessions could not be removed: %1")
            .arg(result.error->message);
    if (result.removed.isEmpty())
        return {};
    QStringList names;
    for (const SessionInfo& info : result.removed)
        names.append(QStringLiteral("“%1”").arg(info.name));
    constexpr qsizetype shown = 3;
    QString list = names.mid(0, shown).join(QStringLiteral(", "));
    if (names.size() > shown)
        list = QCoreApplication::translate("StartupChoice", "%1 and %n more", nullptr, int(names.size() - shown))
                   .arg(list);
    return QCoreApplication::translate("StartupChoice",
                                       "Removed %n old session(s) to keep the store within its budget (%1 freed): %2.",
                                       nullptr, int(result.removed.size()))
        .arg(ByteSize::text(result.bytesFreed), list);
}

} // namespace StartupChoice

// SPDX-License-Identifier: MIT
#include "window/AppearanceMenu.h"

#include <QActionGroup>

#include "settings/Settings.h"
#include "widgets/Theme.h"

AppearanceMenu::AppearanceMenu(Settings* settings, QWidget* parent)
    : QMenu(tr("&Appearance"), parent)
{
    setObjectName(QStringLiteral("appearanceMenu"));
    auto* group = new QActionGroup(this);
    const QString current = settings ? settings->value(Settings::Key::Appearance).toString()
                                     : Theme::appearanceName(Theme::Appearance::System);
    const struct
    {
        Theme::Appearance appearance;
        QString text;
    } choices[] = {{Theme::Appearance::System, tr("As the &Desktop Says")},
                   {Theme::Appearance::Light, tr("&Light")},
                   {Theme::Appearance::Dark, tr("Dar&k")}};
    for (const auto& choice : choices) {
        QAction* action = addAction(choice.text);
        const QString name = Theme::appearanceName(choice.appearance);
        action->setObjectName(name + QStringLiteral("AppearanceAction"));
        action->setCheckable(true);
        action->setChecked(name == current);
        group->addAction(action);
        connect(action, &QAction::triggered, this, [settings, appearance = choice.appearance, name] {
            Theme::applyAppearance(appearance);
            if (settings)
                settings->setValue(Settings::Key::Appearance, name);
        });
    }
}

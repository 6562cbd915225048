// SPDX-License-Identifier: MIT
#pragma once

#include <QMenu>

class Settings;

// View > Appearance: System, Light or Dark, applied at once and remembered.
class AppearanceMenu final : public QMenu
{
    Q_OBJECT

public:
    AppearanceMenu(Settings* settings, QWidget* parent);
};

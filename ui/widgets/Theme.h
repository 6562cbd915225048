// SPDX-License-Identifier: MIT
#pragma once

#include <QColor>
#include <QIcon>
#include <QString>
#include <optional>

class QPalette;
class QWidget;

// Colours with a meaning (valid, invalid, a warning) derived from the current palette, so they stay
// readable in light and dark themes, and the status icons drawn in them. Views ask at paint time, so a
// palette change (QEvent::PaletteChange) is followed without a restart.
namespace Theme {

enum class Tone
{
    Good,
    Bad,
    Warning,
    Muted
};

// How the window looks: as the desktop says, or light or dark whatever it says (the Fusion style with a
// palette of its own). Set at start from the settings and from View > Appearance.
enum class Appearance
{
    System,
    Light,
    Dark
};
void applyAppearance(Appearance appearance);
QString appearanceName(Appearance appearance); // "system", "light", "dark": settings and --appearance
std::optional<Appearance> appearanceFromName(const QString& name);
QPalette darkPalette();

bool isDark(const QPalette& palette);
QColor color(Tone tone, const QPalette& palette);
QColor color(Tone tone); // the application's palette
// Sets a label's (or any widget's) text colour to the tone, through its palette.
void applyTone(QWidget* widget, Tone tone);
// A colour for the tone mixed into the palette's base: a background that keeps text readable.
QColor background(Tone tone, const QPalette& palette);
// The status icon for a tone (valid, invalid, neutral; Warning is the flag), from SVG, in the tone's colour.
QIcon icon(Tone tone);

} // namespace Theme

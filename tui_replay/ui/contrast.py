"""Text that can be read on its background, in every theme (WCAG 2 contrast ratios).

A theme's `$error` is made to be seen, not to be read on every background: Textual's own
`$text-error` (and `-primary`, `-success`...) is the same hue made readable on the theme's
`$background`, but the timeline sits on `$surface` and its selected row on the theme's cursor
colour, where a red status on a blue row fell to a ratio of 1.1-2.0 in most themes. What
cannot be settled in CSS is settled here, per background, when a row is drawn.
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import lru_cache

from textual.color import BLACK, WHITE, Color, ColorParseError

TEXT_CONTRAST = 4.5
"""WCAG 2's minimum for text (success criterion 1.4.3, level AA). Terminal text is small
even in bold, so the 3.0 allowed for large text is not used."""

_STEPS = 20
"""How finely `legible` moves a colour towards black or white (5 % a step)."""


def _channel(value: int) -> float:
    c = value / 255
    return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4


def relative_luminance(color: Color) -> float:
    """WCAG 2's relative luminance of an opaque colour: 0 for black, 1 for white."""
    r, g, b = color.rgb
    return 0.2126 * _channel(r) + 0.7152 * _channel(g) + 0.0722 * _channel(b)


def _painted(color: Color, background: Color) -> Color:
    """The opaque colour `color` shows as on `background` (`auto`: Textual's contrast text)."""
    if color.auto:
        color = background.get_contrast_text(color.a)
    return background + color if color.a < 1 else color


def contrast_ratio(foreground: Color, background: Color) -> float:
    """WCAG 2's contrast ratio, 1 (none) to 21 (black on white). A translucent foreground
    (`$text-muted` is the text colour at 60 %) is taken as painted over the background."""
    shown = _painted(foreground, background)
    lighter, darker = sorted((relative_luminance(shown), relative_luminance(background)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


@lru_cache(maxsize=512)
def legible(
    foreground: Color, background: Color, toward: Color | None = None, minimum: float = TEXT_CONTRAST
) -> Color:
    """`foreground` if it reads on `background`, else the same hue moved just far enough to
    read: a status stays recognisably red or green rather than turning plain. It moves
    towards white or black: the way `toward` (the text around it) lies from the background,
    so a selected row's marks lighten with its white text, when that end reads; else
    whichever reads better.

    ANSI colours are left alone: the terminal's palette decides what they look like."""
    if foreground.ansi is not None or background.ansi is not None or foreground.auto:
        return foreground
    shown = _painted(foreground, background)
    if contrast_ratio(shown, background) >= minimum:
        return foreground
    extremes = sorted((WHITE, BLACK), key=lambda extreme: contrast_ratio(extreme, background), reverse=True)
    if toward is not None and toward.ansi is None:
        lighter = relative_luminance(_painted(toward, background)) > relative_luminance(background)
        preferred = WHITE if lighter else BLACK
        if contrast_ratio(preferred, background) >= minimum:
            extremes = [preferred]
    target = extremes[0]
    for step in range(1, _STEPS + 1):
        moved = shown.blend(target, step / _STEPS, alpha=1.0)
        if contrast_ratio(moved, background) >= minimum:
            return moved
    return target


TEXT_COLOURS = ("text-primary", "text-secondary", "text-accent", "text-warning", "text-error", "text-success")
"""Textual's coloured text variables: a theme's colours tinted towards its text colour, which
reads on most themes' `$background` but not all (a yellow `$text-warning` on a light one)."""


def legible_text_variables(variables: Mapping[str, str]) -> dict[str, str]:
    """`TEXT_COLOURS` as `variables` (a theme's CSS variables) define them, each moved just
    enough to read on the backgrounds text is drawn on: the conversation's `$background`, the
    header lines' `$boost` over it, the timeline's and the cassette list's `$surface`, and
    these tinted as a focused widget is (`background-tint: $foreground 5%`)."""
    try:
        background = Color.parse(variables["background"])
        focus_tint = Color.parse(variables.get("foreground", "transparent")).with_alpha(0.05)
        plain = [
            background,
            background + Color.parse(variables.get("boost", "transparent")),
            background + Color.parse(variables.get("surface", "transparent")),
        ]
        backgrounds = plain + [each.tint(focus_tint) for each in plain]
        colours = {name: Color.parse(variables[name]) for name in TEXT_COLOURS if name in variables}
    except ColorParseError:  # a theme's own variable Textual would reject too: left as it is
        return {}
    moved = {}
    for name, colour in colours.items():
        for each in backgrounds:
            colour = legible(colour, each)
        if colour != colours[name]:
            moved[name] = colour.hex
    return moved

"""Coloured marks in a list's rows (the timeline's statuses, the comparison's pair marks) that
stay legible on whichever background the row is drawn on: the list's, the selected row's
cursor colour, the hovered row's.

A row's prompt is built with `paint(name, colours)`: the theme variable itself when no colours
are given, else the colour `legible_colours` worked out for the row's background. `OptionList`
keeps a row's strips per style, so this runs once per row and background.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping

from textual.color import Color
from textual.content import Content
from textual.style import Style
from textual.visual import RenderOptions

from tui_replay.ui.contrast import legible

Colours = Mapping[str, Color]


def paint(name: str, colours: Colours | None, *, bold: bool = False) -> str | Style:
    """The style of a mark in theme colour `name` (`$text-error`...), bold or not."""
    colour = colours.get(name) if colours else None
    if colour is None:
        return f"bold {name}" if bold else name
    return Style(foreground=colour, bold=True if bold else None)


def legible_colours(names: Iterable[str], style: Style, options: RenderOptions) -> dict[str, Color]:
    """Each theme colour of `names` as the app resolves it, made legible on `style`'s
    background (moved towards the row's own text colour when it needs to be)."""
    background = style.background
    if background is None:
        return {}
    colours = {}
    for name in names:
        colour = options.get_style(name).foreground
        if colour is not None:
            colours[name] = legible(colour, background, style.foreground)
    return colours


class LegibleContent:
    """A row's prompt per set of legible colours (a few backgrounds per row)."""

    def __init__(self, build: Callable[[Colours | None], Content], names: tuple[str, ...]) -> None:
        self._build = build
        self._names = names
        self._built: dict[tuple[Color, ...], Content] = {}

    def on(self, style: Style, options: RenderOptions) -> Content:
        colours = legible_colours(self._names, style, options)
        key = tuple(colours.values())
        content = self._built.get(key)
        if content is None:
            content = self._built[key] = self._build(colours or None)
        return content

"""Every frame an app hands to its driver, as the text a terminal would show (tests of first frames)."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from rich.console import Console
from textual.app import App

ESCAPE = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]")


def record_frames(
    app: App[Any], size: tuple[int, int], note: Callable[[Any], Any] = lambda screen: screen
) -> list[tuple[Any, str]]:
    """Install before `run_test`: the returned list fills with (note(screen), text) for each
    frame, `note` called as the frame is painted. The text has no escape sequences (colours,
    cursor moves), so a line's text can be looked for whatever its colours."""
    frames: list[tuple[Any, str]] = []
    original = app._display

    def display(screen: Any, renderable: Any) -> None:
        original(screen, renderable)
        if renderable is not None and hasattr(renderable, "render_segments"):
            console = Console(width=size[0], height=size[1], force_terminal=True, color_system="truecolor")
            painted = str(renderable.render_segments(console))
            frames.append((note(screen), ESCAPE.sub("", painted)))  # the text, without colours

    app._display = display  # type: ignore[method-assign]
    return frames

"""How often a screen may repaint: the one place that decides it, applied when a `ReplayApp`
is made (`apply_frame_rate`).

Textual repaints a screen from a timer that ticks at most 60 times a second by default, on
slots fixed when the timer started. A refresh asked for just after a long paint (a replay
frame, the previous interaction) waits for the next slot, up to 16.7 ms at 60: in
`bench/bench_app.py` that wait was a good part of a key press's tail and of the 10x replay's
lateness. At 240 a slot is 4.2 ms away at most. The rate only bounds how often a screen
*may* repaint; it repaints only when something changed.

Textual reads `TEXTUAL_FPS` once, when it is imported. Setting that variable on importing
this package did nothing when Textual came first: under pytest (its snapshot plugin imports
Textual) every test ran the app at 60 while users got 240. The rate is now set in Textual
itself (`textual_internals.set_frame_rate`) whatever was imported first.
"""

from __future__ import annotations

import os
from collections.abc import Mapping

from tui_replay.ui.textual_internals import set_frame_rate

FRAMES_PER_SECOND = 240


def wanted_frame_rate(environ: Mapping[str, str] = os.environ) -> int:
    """The user's `TEXTUAL_FPS` when it is a whole number, read as Textual reads it (at
    least 1), else `FRAMES_PER_SECOND`."""
    try:
        return max(1, int(environ["TEXTUAL_FPS"]))
    except (KeyError, ValueError):
        return FRAMES_PER_SECOND


def apply_frame_rate(environ: Mapping[str, str] = os.environ) -> int:
    """Give every screen made from now on the wanted frame rate; returns it."""
    rate = wanted_frame_rate(environ)
    set_frame_rate(rate)
    return rate

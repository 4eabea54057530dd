"""The Textual app. Importing this package sets Textual's frame cap before Textual loads.

Textual repaints a screen from a timer that ticks at most `TEXTUAL_FPS` times a second
(60 by default), on slots fixed when the timer started. A refresh asked for just after a
long paint (a replay frame, the previous interaction) waits for the next slot, up to
16.7 ms at 60: in `bench/bench_app.py` that wait was a good part of a key press's tail
and of the 10x replay's lateness. At 240 a slot is 4.2 ms away at most. The cap
only bounds how often a screen *may* repaint; it repaints only when something changed.

A `TEXTUAL_FPS` the user set is kept. It has no effect if Textual was imported first.
"""

from __future__ import annotations

import os

FRAMES_PER_SECOND = 240
os.environ.setdefault("TEXTUAL_FPS", str(FRAMES_PER_SECOND))

"""Child process for bench/bench_app.py: run one app headlessly and report when frames land.

Runs under Textual's `run_test` (headless driver, real compositor, real timers) in a
fresh interpreter, so imports and start-up count. Every frame the compositor hands
to the driver goes through `App._display`; the probe wraps it and records the
monotonic time (CLOCK_MONOTONIC, shared with the parent process) of the first
frame that satisfies the mode's condition. Prints one JSON line on stdout.

    python bench/app_probe.py bare
    python bench/app_probe.py browser PATH
    python bench/app_probe.py big PATH        # first interaction drawn, then `G`, then peak RSS

Conditions ("drawn"):
  bare     the first frame whose painted text contains the label's text;
  browser  the first frame whose painted text contains the name of a listed file;
  big      the first frame painted while the cassette screen shows interaction #0 in its
           detail pane (`CassetteScreen.shown == 0`, nothing loading, every message's part
           widgets mounted); then, once the screen has listed every row (it opens with the
           first ones and counts the rest in a thread), `G` and the first frame painted while
           it shows the last one.
"""

from __future__ import annotations

import asyncio
import json
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

T_START = time.monotonic()

ROOT = Path(__file__).resolve().parent.parent
SIZE = (120, 40)
BARE_TEXT = "hello from a bare Textual app"


def peak_rss_kib() -> int:
    """VmHWM of this process (peak resident set), in KiB."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1])
    return -1


def painted_text(renderable: Any) -> str:
    """The text a frame writes to the terminal (what a real driver would send)."""
    from rich.console import Console

    render = getattr(renderable, "render_segments", None)
    if render is None:
        return ""
    console = Console(width=SIZE[0], height=SIZE[1], force_terminal=True, color_system="truecolor")
    return str(render(console))


def watch_frames(app: Any, on_frame: Callable[[Any, Any], None]) -> None:
    original = app._display

    def display(screen: Any, renderable: Any) -> None:
        original(screen, renderable)
        if renderable is not None:
            on_frame(screen, renderable)

    app._display = display


class FrameWaiter:
    """Records the monotonic time of the first frame for which `condition(screen, renderable)`
    holds. Install before `run_test` so the very first frame is seen."""

    def __init__(self, app: Any) -> None:
        self.condition: Callable[[Any, Any], bool] | None = None
        self.found: float | None = None
        self.cpu = 0.0
        """CPU seconds of the whole process (all threads) at that frame, less noisy than wall time."""
        self.event = asyncio.Event()
        watch_frames(app, self._frame)

    def _frame(self, screen: Any, renderable: Any) -> None:
        if self.condition is not None and self.found is None and self.condition(screen, renderable):
            self.found = time.monotonic()
            self.cpu = time.process_time()
            self.event.set()

    def expect(self, condition: Callable[[Any, Any], bool]) -> None:
        self.condition, self.found = condition, None
        self.event.clear()

    async def wait(self, timeout: float = 120.0) -> float:
        await asyncio.wait_for(self.event.wait(), timeout)
        assert self.found is not None
        return self.found


def run_bare() -> dict[str, Any]:
    from textual.app import App, ComposeResult
    from textual.widgets import Label

    class BareApp(App[None]):
        def compose(self) -> ComposeResult:
            yield Label(BARE_TEXT)

    t_import = time.monotonic()

    async def go() -> float:
        app = BareApp()
        frames = FrameWaiter(app)
        frames.expect(lambda s, r: BARE_TEXT in painted_text(r))
        async with app.run_test(size=SIZE) as pilot:
            frame = await frames.wait()
            await pilot.pause()
            return frame

    frame = asyncio.run(go())
    return {"start": T_START, "imported": t_import, "frame": frame, "peak_kib": peak_rss_kib()}


def _leaf_names(app: Any) -> list[str]:
    from tui_replay.ui.widgets.cassette_tree import CassetteTree

    try:
        tree = app.screen.query_one(CassetteTree)
    except Exception:
        return []
    return [path.name for path in list(tree._leaves)[:50]]


def run_browser(path: str) -> dict[str, Any]:
    from tui_replay.ui.app import ReplayApp

    t_import = time.monotonic()

    def listed(screen: Any, renderable: Any) -> bool:
        names = _leaf_names(screen.app)
        if not names:
            return False
        text = painted_text(renderable)
        return any(name in text for name in names)

    async def go() -> tuple[float, int]:
        app = ReplayApp([Path(path)])
        frames = FrameWaiter(app)
        frames.expect(listed)
        async with app.run_test(size=SIZE) as pilot:
            frame = await frames.wait()
            await pilot.pause()
            return frame, len(_leaf_names(app))

    frame, leaves = asyncio.run(go())
    return {
        "start": T_START,
        "imported": t_import,
        "frame": frame,
        "leaves": leaves,
        "peak_kib": peak_rss_kib(),
    }


def shows(index: int) -> Callable[[Any, Any], bool]:
    """The frame shows interaction `index` whole: selected and shown, and every message drawn
    with all its parts (no part widget still waiting to be mounted)."""

    def condition(screen: Any, renderable: Any) -> bool:
        if type(screen).__name__ != "CassetteScreen":  # no import here: it may be loading in a thread
            return False
        if not (screen.selected == index and getattr(screen, "shown", index) == index):
            return False
        return all(view.parts_mounted() for view in screen.query("MessageView"))

    return condition


def every_row_listed(screen: Any, renderable: Any) -> bool:
    """The frame is painted once a big cassette's screen (opened with its first rows, the rest
    counted in a thread) lists every row: `G` is pressed after that, the last one known."""
    return type(screen).__name__ == "CassetteScreen" and not screen.counting


def run_big(path: str) -> dict[str, Any]:
    from tui_replay.ui.app import ReplayApp

    t_import = time.monotonic()

    async def go() -> dict[str, Any]:
        app = ReplayApp([Path(path)])
        requested: list[float] = []
        open_cassette = app.open_cassette

        def open_and_note(path: Path) -> None:
            requested.append(time.monotonic())
            open_cassette(path)

        app.open_cassette = open_and_note  # type: ignore[method-assign]
        frames = FrameWaiter(app)
        frames.expect(shows(0))
        async with app.run_test(size=SIZE) as pilot:
            first = await frames.wait()
            listed = first
            if app.screen.counting:
                frames.expect(every_row_listed)
                listed = await frames.wait()
            await pilot.pause()
            count = len(app.screen.rows)
            frames.expect(shows(count - 1))
            pressed = time.monotonic()
            await pilot.press("G")
            last = await frames.wait()
            await pilot.pause()
            return {
                "requested": requested[0],
                "first": first,
                "listed": listed,
                "pressed": pressed,
                "last": last,
                "count": count,
            }

    out = asyncio.run(go())
    return {"start": T_START, "imported": t_import, **out, "peak_kib": peak_rss_kib()}


def main() -> int:
    mode, *args = sys.argv[1:]
    runners: dict[str, Callable[..., dict[str, Any]]] = {
        "bare": run_bare,
        "browser": run_browser,
        "big": run_big,
    }
    print(json.dumps(runners[mode](*args)))
    return 0


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    raise SystemExit(main())

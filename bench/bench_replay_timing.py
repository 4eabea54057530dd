"""Replay timing: does a stream of recorded duration D end at D (1x) and at D/10 (10x)?

Targets: within ±5% of D at 1x, within ±10% of D/10 at 10x. The
stream is replayed headlessly by the real `StreamView` (Textual `run_test`,
real timer, real monotonic clock): measured from the replay's start (its clock
starts once chunk 0 is painted: `StreamView.replay_started`) to the first frame
the compositor paints after the last chunk was applied (`App._display`, as in
bench/app_probe.py); as a second column, from `show()` (the key that selected
the stream) to that frame, which adds the first paint. Speeds are interleaved
in one run, several rounds; medians and worst cases are printed as ratios
(measured / expected), with a long many-chunk stream and two terminal sizes
to show the replay does not drift with chunk count or screen size. Garbage is
collected as the app collects it (`tui_replay.ui.idle_gc`).

    python bench/bench_replay_timing.py [ROUNDS]
"""

from __future__ import annotations

import asyncio
import statistics
import sys
import time
from pathlib import Path

from textual.app import App, ComposeResult
from textual.containers import VerticalScroll

from tui_replay.analysis.cassette import open_cassette
from tui_replay.model import Exchange
from tui_replay.ui.frame_rate import apply_frame_rate
from tui_replay.ui.idle_gc import IdleCollector
from tui_replay.ui.widgets.stream_view import StreamView

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "cassettes" / "openrouter_kimi_multi_tool_streaming.yaml"
LONG = (
    ROOT.parent
    / "shared/corpus/go-vcr/fantasy/TestOpenAICompatibleThinking/xai-grok-3-mini/thinking-streaming.yaml"
)
TARGETS = {1.0: 0.05, 10.0: 0.10}


class ReplayHost(App[None]):
    def __init__(self, exchange: Exchange, speed: float) -> None:
        apply_frame_rate()  # as `ReplayApp` does
        super().__init__()
        self.exchange, self.speed = exchange, speed
        self.started = 0.0
        self.ended: float | None = None
        self.drawn: float | None = None
        self.replay_started: float | None = None
        self.frames = 0
        self.done = asyncio.Event()

    def compose(self) -> ComposeResult:
        with VerticalScroll():
            yield StreamView(autoplay=True, id="stream")

    def on_mount(self) -> None:
        # Garbage is collected as in the app (`IdleCollector.run_in`, as `ReplayApp` does): automatic
        # collections off, young ones once input has been quiet for 0.25 s. With CPython's
        # own, a 30-40 ms collection landed in some 10x replays (81 ms in all) and not in
        # others, which the app never sees.
        self.collector = IdleCollector()
        self.call_after_refresh(self._start_collector)

    def _start_collector(self) -> None:
        self.collector.run_in(self)

    def on_unmount(self) -> None:
        self.collector.restore()

    def start(self) -> None:
        view = self.query_one(StreamView)
        view.speed = self.speed
        self.started = time.monotonic()
        self.collector.input_seen()  # the key that selected the stream
        view.show(self.exchange)

    def on_stream_view_progress(self, message: StreamView.Progress) -> None:
        self.frames += 1


async def replay(exchange: Exchange, speed: float, size: tuple[int, int]) -> tuple[float, float, int]:
    """Wall seconds from the replay's start and from show() to the first frame painted after
    the last chunk was applied, and frames drawn."""
    app = ReplayHost(exchange, speed)
    view: list[StreamView] = []
    display = app._display

    def painted(screen: object, renderable: object) -> None:
        display(screen, renderable)  # type: ignore[arg-type]
        if renderable is None or not view or app.drawn is not None:
            return
        stream = view[0]
        if stream.playback is not None and stream.playback.finished and app.started:
            app.drawn = time.monotonic()
            app.replay_started = stream.replay_started
            app.done.set()

    app._display = painted  # type: ignore[method-assign]
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        view.append(app.query_one(StreamView))
        app.start()
        await asyncio.wait_for(app.done.wait(), timeout=60)
        assert app.drawn is not None and app.replay_started is not None
        return app.drawn - app.replay_started, app.drawn - app.started, app.frames


def main() -> int:
    rounds = int(sys.argv[1]) if len(sys.argv) > 1 else 5
    cases: list[tuple[str, Exchange, tuple[int, int]]] = [
        ("seed 120x40", open_cassette(SEED).exchange(0), (120, 40)),
        ("seed 80x24", open_cassette(SEED).exchange(0), (80, 24)),
    ]
    if LONG.is_file():
        cases.append(("grok thinking 200x60", open_cassette(LONG).exchange(0), (200, 60)))
    print("replay timing, measured with Textual run_test (headless, real timer, monotonic clock)")
    results: dict[tuple[str, float], list[float]] = {}
    received: dict[tuple[str, float], list[float]] = {}
    frames: dict[tuple[str, float], int] = {}
    for _ in range(rounds):
        for label, exchange, size in cases:
            for speed in TARGETS:
                took, told, drawn = asyncio.run(replay(exchange, speed, size))
                expected = (exchange.raw.duration_ms or 0) / 1000 / speed
                results.setdefault((label, speed), []).append(took / expected)
                received.setdefault((label, speed), []).append(told / expected)
                frames[(label, speed)] = drawn
    print(
        f"{'stream':<22}{'chunks':>7}{'D (s)':>8}{'speed':>7}"
        f"{'median':>8}{'worst':>8}{'show med':>9}{'frames':>8}  target (on median drawn)"
    )
    ok = True
    for label, exchange, _size in cases:
        for speed, tolerance in TARGETS.items():
            ratios = results[(label, speed)]
            worst = max(ratios, key=lambda r: abs(r - 1))
            median = statistics.median(ratios)
            within = abs(median - 1) <= tolerance
            ok &= within
            print(
                f"{label:<22}{len(exchange.response.chunks):>7}{(exchange.raw.duration_ms or 0) / 1000:>8.3f}"
                f"{speed:>6g}x{median:>8.3f}{worst:>8.3f}"
                f"{statistics.median(received[(label, speed)]):>9.3f}{frames[(label, speed)]:>8}"
                f"  1±{tolerance:.2f} {'ok' if within else 'MISSED'}"
            )
    print(
        f"{rounds} rounds; ratio = (last chunk painted - replay start) / (D / speed); "
        "'show med' = from show(), first paint included"
    )
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())

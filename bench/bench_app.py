"""Every performance row of the app, measured side by side in one run.

    python bench/bench_app.py [--rounds N] [--only paint,keys,big,replay,check]

Each row says which machinery measured it. The machine is shared and noisy, so each
side of a ratio is measured in the same run, interleaved round by round, and medians
are compared; the spread (min..max of the rounds) is printed to show the noise.

Subprocess probes run with bytecode caching on, as an installed package has it (`probe_env`).

Rows and their definitions:

paint   First paint, in a fresh subprocess (interpreter start and imports count), run
        under Textual's `run_test` (headless driver, real compositor): from just before
        the subprocess is spawned to the first frame the compositor hands to the driver
        whose painted text holds the name of a listed cassette file (`tui-replay
        cassettes/`, `tui-replay ../shared/corpus`) or, for the bare app, its one label.
        See bench/app_probe.py.
keys    Key press -> next interaction drawn, in this process under `run_test` + pilot,
        app as the CLI starts it (autoplay on): for each of the largest interactions of
        the corpus (by bytes in the file), its cassette is opened, the interaction before
        it selected, `READ_SECONDS` (0.3 s) waited with it on screen (a user glancing at
        it), then `n` pressed (`p` from #1 for an interaction #0); measured from
        the press to the first frame painted while the detail pane shows the new
        interaction whole (`CassetteScreen.shown`, and every message's part widgets
        mounted: `MessageView.parts_mounted`). p95 over all presses of all rounds.
big     The 100 MB / 5,000-interaction cassette (bench/make_big_cassette.py), in a fresh
        subprocess under `run_test` (bench/app_probe.py big): open = from the app asking
        to open the file (`ReplayApp.open_cassette`, the app running) to the first frame
        showing interaction #0; also shown from process start, and when every row is
        listed (the screen opens with the first rows and counts the rest in a thread once
        #0 is drawn). `G` = pressed once every row is listed, from the key press to the
        first frame showing the last interaction. Both against one full
        `yaml.load(..., Loader=yaml.CSafeLoader)` of the file's bytes (read included),
        timed in this process between the subprocess rounds. Peak memory = VmHWM of that
        subprocess after `G`, against 2x the file size plus the bare app's VmHWM.
replay  A stream's recorded duration D vs the time the real StreamView takes to draw its
        last chunk (`run_test`, real timer; bench/bench_replay_timing.py), at 1x and 10x.
check   `check` over the shared corpus vs a bare CSafeLoader parse of the same files
        (bench/bench_check.py), plain Python calls.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import math
import os
import platform
import statistics
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
BENCH = ROOT / "bench"
CORPUS = Path(os.environ.get("TUI_REPLAY_SHARED", ROOT.parent / "shared")) / "corpus"
BIG = BENCH / "out" / "big_streamed.yaml"
PROBE = BENCH / "app_probe.py"
LARGEST = 20
READ_SECONDS = 0.3
"""Before each key press the bench waits this long with the interaction on screen, as a user
who glances at it before pressing `n` (a fast reader): the app prepares the next interaction's
widgets while the user reads (`ConversationView.prepare`)."""
"""How many of the corpus's largest interactions the key-latency row steps onto."""

sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(BENCH))

from tui_replay.ui.frame_rate import wanted_frame_rate  # noqa: E402  (the app and the hosts apply it)


@dataclass
class Row:
    what: str
    machinery: str
    measured: str
    target: str
    ok: bool
    noise: str = ""


def spread(values: list[float], fmt: str = "{:.2f}") -> str:
    return f"{fmt.format(min(values))}..{fmt.format(max(values))}"


def probe_env() -> dict[str, str]:
    """The probes' environment, with bytecode caching on, as `pip install .` leaves a user
    (it compiles the package). This machine sets PYTHONDONTWRITEBYTECODE=1; with it every
    probe compiled tui_replay's sources again, ~0.1 s of each start-up that Textual (compiled
    in site-packages) did not pay."""
    env = dict(os.environ)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    return env


def compile_package() -> None:
    subprocess.run(
        [sys.executable, "-m", "compileall", "-q", str(ROOT / "tui_replay")], env=probe_env(), check=True
    )


def probe(*args: str) -> dict[str, Any]:
    spawned = time.monotonic()
    done = subprocess.run(
        [sys.executable, str(PROBE), *args],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=300,
        env=probe_env(),
    )
    if done.returncode != 0:
        raise RuntimeError(f"probe {args} failed:\n{done.stderr[-3000:]}")
    out: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    out["spawned"] = spawned
    return out


# -- first paint ---------------------------------------------------------------------------


def paint_rows(rounds: int) -> tuple[list[Row], int]:
    bare: list[float] = []
    small: list[float] = []
    corpus: list[float] = []
    bare_peak: list[int] = []
    for _ in range(rounds):
        b = probe("bare")
        bare.append(b["frame"] - b["spawned"])
        bare_peak.append(b["peak_kib"])
        s = probe("browser", "cassettes")
        small.append(s["frame"] - s["spawned"])
        if CORPUS.is_dir():
            c = probe("browser", str(CORPUS))
            corpus.append(c["frame"] - c["spawned"])
    machinery = "subprocess + run_test, first frame painted"
    b = statistics.median(bare)
    ratios_small = [x / y for x, y in zip(small, bare, strict=True)]
    rows = [
        Row(
            "first paint, bare Textual app (one label)",
            machinery,
            f"{b * 1000:.0f} ms",
            "reference",
            True,
            f"{spread(bare, '{:.3f}')} s",
        ),
        Row(
            "first paint `tui-replay cassettes/` vs bare",
            machinery,
            f"{statistics.median(small) / b:.2f}x ({statistics.median(small) * 1000:.0f} ms)",
            "<= 1.5x",
            statistics.median(small) / b <= 1.5,
            f"per-round ratio {spread(ratios_small)}",
        ),
    ]
    if corpus:
        ratios = [x / y for x, y in zip(corpus, bare, strict=True)]
        rows.append(
            Row(
                "first paint `tui-replay ../shared/corpus` (475 files) vs bare",
                machinery,
                f"{statistics.median(corpus) / b:.2f}x ({statistics.median(corpus) * 1000:.0f} ms)",
                "<= 2x",
                statistics.median(corpus) / b <= 2.0,
                f"per-round ratio {spread(ratios)}",
            )
        )
    return rows, int(statistics.median(bare_peak))


# -- key latency ---------------------------------------------------------------------------


def largest_interactions(count: int) -> list[tuple[int, Path, int]]:
    """(bytes, file, index) of the corpus's largest interactions, by bytes in the file, in
    cassettes of two or more interactions (a key press can lead to them)."""
    from tui_replay.formats.file_bytes import FileBytes
    from tui_replay.formats.lazy_index import index_list
    from tui_replay.formats.scan import iter_cassette_files

    found: list[tuple[int, Path, int]] = []
    for path in iter_cassette_files([CORPUS]):
        index = index_list(FileBytes(path))
        if index is not None and len(index) > 1:  # a key must lead to it
            spans = [index.span(i) for i in range(len(index))]
            found += [(end - start, path, i) for i, (start, end) in enumerate(spans)]
    found.sort(key=lambda t: -t[0])
    return found[:count]


async def press_latencies(path: Path, targets: list[int], autoplay: bool = True) -> list[float]:
    from app_probe import SIZE, FrameWaiter, shows

    from tui_replay.ui.app import ReplayApp

    app = ReplayApp([path], autoplay=autoplay)
    frames = FrameWaiter(app)
    frames.expect(shows(0))
    out: list[float] = []
    async with app.run_test(size=SIZE) as pilot:
        await frames.wait()
        await pilot.pause()
        screen: Any = app.screen
        for target in targets:
            start = target - 1 if target > 0 else 1
            if start >= len(screen.rows):
                continue
            if screen.shown != start:
                frames.expect(shows(start))
                screen._move_to(start)
                await frames.wait()
            await pilot.pause()
            await asyncio.sleep(READ_SECONDS)
            frames.expect(shows(target))
            pressed = time.monotonic()
            await pilot.press("n" if target > start else "p")
            out.append(await frames.wait() - pressed)
            await pilot.pause()
    return out


def key_rows(rounds: int) -> list[Row]:
    if not CORPUS.is_dir():
        return []
    biggest = largest_interactions(LARGEST)
    by_file: dict[Path, list[int]] = {}
    for _size, path, index in biggest:
        by_file.setdefault(path, []).append(index)
    latencies: list[float] = []
    per_round: list[float] = []
    for _ in range(rounds):
        this_round: list[float] = []
        for path, targets in by_file.items():
            this_round += asyncio.run(press_latencies(path, sorted(targets)))
        latencies += this_round
        per_round.append(percentile(this_round, 95))
    p95 = percentile(latencies, 95)
    sizes = f"{biggest[-1][0] // 1024}-{biggest[0][0] // 1024} KiB in the file"
    return [
        Row(
            f"key `n` -> next interaction drawn whole, p95 over the {len(biggest)} largest corpus "
            f"interactions ({sizes})",
            "run_test + pilot.press, first frame showing it whole (parts mounted)",
            f"{p95 * 1000:.0f} ms (median {statistics.median(latencies) * 1000:.0f} ms, n={len(latencies)})",
            "<= 50 ms",
            p95 <= 0.050,
            f"per-round p95 {spread([x * 1000 for x in per_round], '{:.0f}')} ms",
        )
    ]


def percentile(values: list[float], pct: float) -> float:
    ordered = sorted(values)
    rank = max(0, math.ceil(pct / 100 * len(ordered)) - 1)
    return ordered[rank]


# -- the big cassette ----------------------------------------------------------------------


def full_parse(path: Path) -> float:
    import yaml

    started = time.perf_counter()
    yaml.load(path.read_bytes(), Loader=yaml.CSafeLoader)
    return time.perf_counter() - started


def big_rows(rounds: int, bare_peak_kib: int) -> list[Row]:
    if not BIG.is_file():
        return [Row("100 MB cassette", "-", "missing: run bench/make_big_cassette.py", "-", False)]
    parses: list[float] = []
    opens: list[float] = []
    from_start: list[float] = []
    jumps: list[float] = []
    listed: list[float] = []
    peaks: list[int] = []
    for _ in range(rounds):
        parses.append(full_parse(BIG))
        out = probe("big", str(BIG))
        opens.append(out["first"] - out["requested"])
        from_start.append(out["first"] - out["spawned"])
        jumps.append(out["last"] - out["pressed"])
        listed.append(out["listed"] - out["first"])
        peaks.append(out["peak_kib"])
    parse = statistics.median(parses)
    size = BIG.stat().st_size
    peak = statistics.median(peaks) * 1024
    budget = 2 * size + bare_peak_kib * 1024
    machinery = "subprocess + run_test, first frame showing it"
    mib = 1024 * 1024
    return [
        Row(
            "one full CSafeLoader parse of the 100 MB cassette",
            "yaml.load in this process",
            f"{parse:.2f} s",
            "reference",
            True,
            f"{spread(parses)} s",
        ),
        Row(
            "open it to its first interaction drawn vs that parse",
            machinery,
            f"{statistics.median(opens) / parse:.3f}x ({statistics.median(opens):.2f} s; "
            f"{statistics.median(from_start):.2f} s from process start; every row listed "
            f"{statistics.median(listed):.2f} s after)",
            "<= 0.15x",
            statistics.median(opens) / parse <= 0.15,
            f"open {spread(opens)} s",
        ),
        Row(
            "`G` to its last interaction drawn vs that parse",
            machinery,
            f"{statistics.median(jumps) / parse:.3f}x ({statistics.median(jumps):.2f} s)",
            "<= 0.15x",
            statistics.median(jumps) / parse <= 0.15,
            f"G {spread(jumps)} s",
        ),
        Row(
            "peak memory with it open (after `G`)",
            "VmHWM of that subprocess",
            f"{peak / mib:.0f} MiB (file {size / mib:.0f} MiB, bare app {bare_peak_kib / 1024:.0f} MiB)",
            f"<= 2x size + bare = {budget / mib:.0f} MiB",
            peak <= budget,
            f"{spread([p / 1024 for p in peaks], '{:.0f}')} MiB",
        ),
    ]


# -- replay timing -------------------------------------------------------------------------


def replay_rows(rounds: int) -> list[Row]:
    import bench_replay_timing as timing

    from tui_replay.analysis.cassette import open_cassette

    cases = [("seed stream", open_cassette(timing.SEED).exchange(0), (120, 40))]
    if timing.LONG.is_file():
        cases.append(("grok thinking stream", open_cassette(timing.LONG).exchange(0), (200, 60)))
    rows = []
    for speed, tolerance in ((1.0, 0.05), (10.0, 0.10)):
        ratios: dict[str, list[float]] = {label: [] for label, _e, _s in cases}
        for _ in range(rounds):
            for label, exchange, size in cases:
                took, _told, _frames = asyncio.run(timing.replay(exchange, speed, size))
                ratios[label].append(took / ((exchange.raw.duration_ms or 0) / 1000 / speed))
        for label, exchange, _size in cases:
            median = statistics.median(ratios[label])
            rows.append(
                Row(
                    f"replay at {speed:g}x: {label} (D = {(exchange.raw.duration_ms or 0) / 1000:.2f} s, "
                    f"{len(exchange.response.chunks)} chunks), end / (D/{speed:g})",
                    "run_test, real timer, last chunk drawn",
                    f"{median:.3f}",
                    f"1 ± {tolerance:.2f}",
                    abs(median - 1) <= tolerance,
                    spread(ratios[label], "{:.3f}"),
                )
            )
    return rows


# -- check ---------------------------------------------------------------------------------


def check_rows(rounds: int) -> list[Row]:
    if not CORPUS.is_dir():
        return []
    import bench_check

    from tui_replay.cli.check import check_paths
    from tui_replay.formats.scan import iter_cassette_files

    files = list(iter_cassette_files([CORPUS]))
    check_paths([CORPUS])  # warm the disk cache and imports once
    bare, check = [], []
    for _ in range(rounds):
        t0 = time.perf_counter()
        bench_check.bare_parse(files)
        t1 = time.perf_counter()
        check_paths([CORPUS])
        t2 = time.perf_counter()
        bare.append(t1 - t0)
        check.append(t2 - t1)
    ratio = statistics.median(check) / statistics.median(bare)
    return [
        Row(
            f"`check` over the corpus ({len(files)} files) vs bare CSafeLoader parse",
            "plain calls in this process (check uses its process pool)",
            f"{ratio:.2f}x ({statistics.median(check):.2f} s vs {statistics.median(bare):.2f} s)",
            "<= 1.3x",
            ratio <= 1.3,
            f"per-round ratio {spread([c / b for c, b in zip(check, bare, strict=True)])}",
        )
    ]


# -- main ----------------------------------------------------------------------------------


def machine() -> str:
    return (
        f"{time.strftime('%Y-%m-%d %H:%M %Z')}, {os.cpu_count()} cores (nproc), {platform.machine()}, "
        f"Python {platform.python_version()}, load average {os.getloadavg()[0]:.1f} at start, "
        f"frame rate {wanted_frame_rate()} (set where the app starts: tui_replay/ui/frame_rate.py)"
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--only", default="paint,keys,big,replay,check")
    parser.add_argument("--json", type=Path, help="also write the rows here")
    args = parser.parse_args()
    only = set(args.only.split(","))
    print(f"# tui-replay bench, {machine()}; {args.rounds} rounds, medians", flush=True)
    rows: list[Row] = []
    bare_peak = 0
    if "paint" in only or "big" in only:
        compile_package()
        paint, bare_peak = paint_rows(args.rounds)
        rows += paint if "paint" in only else []
    if "keys" in only:
        rows += key_rows(max(1, args.rounds // 2))
    if "big" in only:
        rows += big_rows(max(1, min(args.rounds, 3)), bare_peak)
    if "replay" in only:
        rows += replay_rows(max(1, min(args.rounds, 3)))
    if "check" in only:
        rows += check_rows(args.rounds)
    print()
    print("| what | measured | target | ok | noise (min..max over rounds) | machinery |")
    print("|---|---|---|---|---|---|")
    for row in rows:
        verdict = "yes" if row.ok else "**NO**"
        print(f"| {row.what} | {row.measured} | {row.target} | {verdict} | {row.noise} | {row.machinery} |")
    if args.json:
        args.json.write_text(json.dumps([row.__dict__ for row in rows], indent=1))
    return 0 if all(row.ok for row in rows) else 1


if __name__ == "__main__":
    raise SystemExit(main())

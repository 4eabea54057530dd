"""Does each performance hook pay? The `keys` and `replay` rows of bench/bench_app.py, with
every hook in place and with one hook taken out, side by side.

    python bench/bench_hooks.py [--rounds N] [--variants all,-deferral,...]

Each variant runs in its own subprocess (a hook taken out stays out for the whole process);
the variants are interleaved round by round so that the shared machine's load falls on all
of them alike, and the 1-minute load average is recorded with every figure. A variant:

all           the app as it ships
-<hook>       the same, one hook taken out (see `REMOVE`)

Per variant: key p95 and median over all presses of all rounds, each round's p95 (the noise),
and the replay rows' end / (D/speed) medians.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import statistics
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))


def _without_single_layout() -> None:
    from tui_replay.ui.textual_internals import SingleLayout

    del SingleLayout._size_updated  # Textual's own `_size_updated` (layout=True) again


def _without_whole_frames() -> None:
    import tui_replay.ui.screens.cassette_screen as cassette_screen

    cassette_screen.hold_frames_until_mounted = lambda parent, pending: None  # type: ignore[assignment]


def _without_input_waiting() -> None:
    """Both uses of the queue peek: the stream's yield and the idle collector's check."""
    import tui_replay.ui.idle_gc as idle_gc
    import tui_replay.ui.widgets.stream_view as stream_view

    stream_view.input_waiting = lambda app: False  # type: ignore[assignment]
    idle_gc.input_waiting = lambda app: False  # type: ignore[assignment]


REMOVE: dict[str, Callable[[], None]] = {
    "input-waiting": _without_input_waiting,
    "single-layout": _without_single_layout,
    "whole-frames": _without_whole_frames,
}


def run_variant(variant: str) -> dict[str, Any]:
    import tui_replay.ui  # noqa: F401  (first, as bench_app does)

    if variant != "all":
        REMOVE[variant.removeprefix("-")]()
    import bench_app

    load_before = os.getloadavg()[0]
    latencies: list[float] = []
    biggest = bench_app.largest_interactions(bench_app.LARGEST)
    by_file: dict[Path, list[int]] = {}
    for _size, path, index in biggest:
        by_file.setdefault(path, []).append(index)
    for path, targets in by_file.items():
        latencies += asyncio.run(bench_app.press_latencies(path, sorted(targets)))
    replay = {
        row.what.split(":")[0] + ":" + row.what.split(":")[1].split("(")[0].strip(): float(row.measured)
        for row in bench_app.replay_rows(1)
    }
    return {
        "variant": variant,
        "latencies": latencies,
        "replay": replay,
        "load": [load_before, os.getloadavg()[0]],
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--variants", default="all," + ",".join(f"-{name}" for name in REMOVE))
    parser.add_argument("--run", help=argparse.SUPPRESS)
    parser.add_argument("--json", type=Path, help="append each variant's round here (JSON lines)")
    args = parser.parse_args()
    if args.run:
        print(json.dumps(run_variant(args.run)))
        return 0
    import bench_app

    variants = args.variants.split(",")
    results: dict[str, list[dict[str, Any]]] = {v: [] for v in variants}
    for round_ in range(args.rounds):
        # Every other round in reverse order: a load that rises or falls through the run
        # then weighs on every variant alike, not on those that come last.
        for variant in variants if round_ % 2 == 0 else variants[::-1]:
            done = subprocess.run(
                [sys.executable, __file__, f"--run={variant}"],
                capture_output=True,
                text=True,
                cwd=ROOT,
                check=False,
            )
            if done.returncode:
                print(done.stderr[-3000:], file=sys.stderr)
                return 1
            result = json.loads(done.stdout.strip().splitlines()[-1])
            results[variant].append(result)
            lat = result["latencies"]
            print(
                f"round {round_ + 1} {variant:<16} key p95 {bench_app.percentile(lat, 95) * 1000:5.0f} ms"
                f" median {statistics.median(lat) * 1000:4.0f} ms  replay "
                + " ".join(f"{v:.3f}" for v in result["replay"].values())
                + f"  load {result['load'][0]:.1f}->{result['load'][1]:.1f}",
                flush=True,
            )
            if args.json:
                with args.json.open("a") as out:
                    out.write(json.dumps(result) + "\n")
    print()
    print("| variant | key p95 ms | key median ms | per-round p95 ms | replay medians | load (1 min) |")
    print("|---|---|---|---|---|---|")
    for variant, rounds in results.items():
        every = [x for r in rounds for x in r["latencies"]]
        per_round = [bench_app.percentile(r["latencies"], 95) * 1000 for r in rounds]
        replays = {k: statistics.median(r["replay"][k] for r in rounds) for k in rounds[0]["replay"]}
        loads = [x for r in rounds for x in r["load"]]
        print(
            f"| {variant} | {bench_app.percentile(every, 95) * 1000:.0f}"
            f" | {statistics.median(every) * 1000:.0f}"
            f" | {' '.join(f'{p:.0f}' for p in per_round)}"
            f" | {'; '.join(f'{k} {v:.3f}' for k, v in replays.items())}"
            f" | {min(loads):.1f}..{max(loads):.1f} |"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

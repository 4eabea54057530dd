"""`check` over the shared corpus vs a bare PyYAML C-loader parse of the same files.

Target: check within 1.3x of the bare parse. Both are measured in
this one run, interleaved (the order turns each round), several rounds; the median
of each is compared, so a noisy machine slows both sides alike. The bare side is a
plain yaml.load(CSafeLoader) of each file's bytes in this one process.

    python bench/bench_check.py [PATH ...]   (default ../shared/corpus)
"""

from __future__ import annotations

import os
import statistics
import sys
import time
from pathlib import Path

import yaml

from tui_replay.cli.check import MAX_WORKERS, PARALLEL_FROM, check_paths, usable_cores
from tui_replay.formats.scan import iter_cassette_files

ROOT = Path(__file__).resolve().parent.parent
DEFAULT = Path(os.environ.get("TUI_REPLAY_SHARED", ROOT.parent / "shared")) / "corpus"
ROUNDS = 7


def bare_parse(files: list[Path]) -> None:
    for path in files:
        yaml.load(path.read_bytes(), Loader=yaml.CSafeLoader)


def main() -> int:
    paths = [Path(p) for p in sys.argv[1:]] or [DEFAULT]
    if not all(p.exists() for p in paths):
        print(f"no corpus at {paths}; nothing to measure")
        return 0
    files = list(iter_cassette_files(paths))
    report = check_paths(paths)  # warm caches (disk, imports) once, and show what is checked
    print(f"{report.files} files, {report.interactions} interactions, {len(report.failures)} unreadable")
    runs = {
        "bare": lambda: bare_parse(files),
        "check": lambda: check_paths(paths),
        "single": lambda: check_paths(paths, workers=1),
    }
    times: dict[str, list[float]] = {name: [] for name in runs}
    order = list(runs)
    for _ in range(ROUNDS):
        for name in order:  # the order turns each round, so no side always runs first
            start = time.perf_counter()
            runs[name]()
            times[name].append(time.perf_counter() - start)
        order = order[1:] + order[:1]
    b, c, s = (statistics.median(times[name]) for name in ("bare", "check", "single"))
    # Per-round ratios follow the machine's load round by round (it is shared and noisy).
    c_round = statistics.median(x / y for x, y in zip(times["check"], times["bare"], strict=True))
    s_round = statistics.median(x / y for x, y in zip(times["single"], times["bare"], strict=True))
    workers = min(usable_cores(), MAX_WORKERS) if len(files) >= PARALLEL_FROM else 1
    print(f"bare yaml.CSafeLoader parse (1 process): {b * 1000:8.1f} ms (median of {ROUNDS})")
    print(f"tui-replay check (as shipped, {workers} worker(s)): {c * 1000:8.1f} ms")
    print(f"tui-replay check --workers 1 equivalent: {s * 1000:8.1f} ms (for reference)")
    ratio = c / b
    verdict = "within" if ratio <= 1.3 else "OVER"
    print(f"ratio check/bare: {ratio:.2f}x  ({verdict} the 1.3x target); one process: {s / b:.2f}x")
    print(f"median of per-round ratios: as shipped {c_round:.2f}x, one process {s_round:.2f}x")
    load = " ".join(f"{x:.2f}" for x in os.getloadavg())
    print(f"load average during the run: {load} on {os.cpu_count()} CPUs (shared with other work)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

"""`check` over the shared corpus vs a bare PyYAML C-loader parse of the same files.

Target (issue 2 / 5): check within 1.3x of the bare parse. Both are measured in
this one run, interleaved, several rounds; the median of each is compared, so a
noisy machine slows both sides alike.

    python bench/bench_check.py [PATH ...]   (default ../shared/corpus)
"""

from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path

import yaml

from tui_replay.check import run_check
from tui_replay.scan import iter_cassette_files

ROOT = Path(__file__).resolve().parent.parent
DEFAULT = ROOT.parent / "shared" / "corpus"
ROUNDS = 5


def bare_parse(files: list[Path]) -> None:
    for path in files:
        yaml.load(path.read_bytes(), Loader=yaml.CSafeLoader)


def main() -> int:
    paths = [Path(p) for p in sys.argv[1:]] or [DEFAULT]
    if not all(p.exists() for p in paths):
        print(f"no corpus at {paths}; nothing to measure")
        return 0
    files = list(iter_cassette_files(paths))
    report = run_check(paths)  # warm caches (disk, imports) once, and show what is checked
    print(f"{report.files} files, {report.interactions} interactions, {len(report.failures)} unreadable")
    bare, check, single = [], [], []
    for _ in range(ROUNDS):
        t0 = time.perf_counter()
        bare_parse(files)
        t1 = time.perf_counter()
        run_check(paths)
        t2 = time.perf_counter()
        run_check(paths, workers=1)
        t3 = time.perf_counter()
        bare.append(t1 - t0)
        check.append(t2 - t1)
        single.append(t3 - t2)
    b, c, s = statistics.median(bare), statistics.median(check), statistics.median(single)
    print(f"bare yaml.CSafeLoader parse (1 process): {b * 1000:8.1f} ms (median of {ROUNDS})")
    print(f"tui-replay check (as shipped):           {c * 1000:8.1f} ms")
    print(f"tui-replay check --workers 1 equivalent: {s * 1000:8.1f} ms (for reference)")
    ratio = c / b
    verdict = "within" if ratio <= 1.3 else "OVER"
    print(f"ratio check/bare: {ratio:.2f}x  ({verdict} the 1.3x target); one process: {s / b:.2f}x")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

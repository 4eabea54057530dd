"""`search` against `check`, and `diff` of two big cassettes against one PyYAML C-loader parse.

Targets: `search` over the shared corpus within 2x of `check` over it; `diff` of two
5,000-interaction / 100 MB cassettes that differ in one interaction within 2x of one
full `yaml.load(CSafeLoader)` of one of them. Both sides of each ratio are measured
in this one run, interleaved (the order turns each round), and medians compared, so a
busy machine slows both alike.

    python bench/bench_compare.py [--rounds N] [--skip-big]

The big cassette is made by bench/make_big_cassette.py in bench/out/ (git-ignored),
with an edited copy beside it (one user question changed in the middle).
"""

from __future__ import annotations

import argparse
import statistics
import time
from collections.abc import Callable
from pathlib import Path

import yaml

from tui_replay.analysis.cassette import open_cassette
from tui_replay.analysis.compare import compare_cassettes
from tui_replay.analysis.search import Pattern
from tui_replay.cli.check import check_paths
from tui_replay.cli.search import search_paths

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared" / "corpus"
OUT = ROOT / "bench" / "out"
BIG = OUT / "big_streamed.yaml"
EDITED = OUT / "big_streamed_edited.yaml"
EDITED_AT = 2500
PATTERNS = ("get_weather", "rate limit", "zz-no-such-word")
"""A tool name in some files, two words in few, and nothing: the filter's best and worst."""


def interleaved(runs: dict[str, Callable[[], object]], rounds: int) -> dict[str, float]:
    times: dict[str, list[float]] = {name: [] for name in runs}
    order = list(runs)
    for _ in range(rounds):
        for name in order:
            start = time.perf_counter()
            runs[name]()
            times[name].append(time.perf_counter() - start)
        order = order[1:] + order[:1]
    return {name: statistics.median(found) for name, found in times.items()}


def bench_search(rounds: int) -> None:
    if not CORPUS.exists():
        print(f"no corpus at {CORPUS}; search not measured")
        return
    runs: dict[str, Callable[[], object]] = {"check": lambda: check_paths([CORPUS])}
    for pattern in PATTERNS:
        runs[f"search {pattern!r}"] = lambda p=pattern: sum(1 for _ in search_paths([CORPUS], Pattern(p)))  # type: ignore[misc]
    runs["search --regex 'get_\\w+'"] = lambda: sum(
        1 for _ in search_paths([CORPUS], Pattern(r"get_\w+", regex=True))
    )
    medians = interleaved(runs, rounds)
    base = medians["check"]
    print(f"check over {CORPUS}: {base * 1000:.0f} ms (median of {rounds})")
    for name, value in medians.items():
        if name != "check":
            print(f"  {name:32} {value * 1000:6.0f} ms  {value / base:4.2f}x check")


def make_pair() -> None:
    if not BIG.exists():
        from bench.make_big_cassette import OUT as DEFAULT_OUT
        from bench.make_big_cassette import generate

        generate(DEFAULT_OUT, 5000, 100.0)
    if not EDITED.exists() or EDITED.stat().st_mtime < BIG.stat().st_mtime:
        text = BIG.read_text(encoding="utf-8")
        old = f"Question number {EDITED_AT}:"
        assert text.count(old) == 1, "the big cassette changed shape"
        EDITED.write_text(text.replace(old, f"Question number {EDITED_AT} (edited):"), "utf-8")


def diff_big() -> int:
    result = compare_cassettes(open_cassette(BIG), open_cassette(EDITED))
    changed = [p for p in result.pairs if p.status != "same"]
    assert len(changed) == 1 and changed[0].a == EDITED_AT, changed
    return len(changed)


def bench_diff(rounds: int) -> None:
    make_pair()
    size = BIG.stat().st_size / 1e6

    def parse() -> object:
        return yaml.load(BIG.read_bytes(), Loader=yaml.CSafeLoader)

    medians = interleaved({"parse": parse, "diff": diff_big}, rounds)
    print(f"{BIG.name}: {size:.0f} MB, 5,000 interactions; edited copy differs in #{EDITED_AT}")
    print(f"  one CSafeLoader parse  {medians['parse'] * 1000:6.0f} ms")
    ratio = medians["diff"] / medians["parse"]
    print(f"  diff (open both + compare) {medians['diff'] * 1000:6.0f} ms  {ratio:4.2f}x parse")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--skip-big", action="store_true", help="only search vs check")
    args = parser.parse_args()
    bench_search(args.rounds)
    if not args.skip_big:
        bench_diff(max(1, args.rounds // 2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

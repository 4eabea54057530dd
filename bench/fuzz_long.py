"""A longer fuzz run than the test suite's: mutated cassettes, then the hypothesis generators.

    python bench/fuzz_long.py [--seconds 300] [--examples 3000] [--seed 0] [--save DIR]

Part 1 mutates the fuzz bases (seeds, the other formats' samples, the
smallest corpus file of every API endpoint) for `--seconds`, runs the whole
headless session on each (`tests/helpers/safety_fuzz.exercise`) and prints inputs
tried, how they ended (decoded / reported as `CassetteError`), every crash
site (any other exception) with a saved reproducer, and how often a dialect
fell back to plain HTTP (`decode-failed`: handled, but worth a look).

Part 2 runs `tests/safety/test_safety_fuzz.py` with `TUI_REPLAY_FUZZ_EXAMPLES`
raised to `--examples` per test (0 skips it) and prints hypothesis's
statistics.
"""

from __future__ import annotations

import argparse
import collections
import os
import random
import re
import subprocess
import sys
import tempfile
import time
import traceback
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.helpers.safety_fuzz import crash_site, fuzz_bases, mutate  # noqa: E402
from tui_replay.analysis.cassette import open_cassette  # noqa: E402
from tui_replay.model import CassetteError  # noqa: E402


def session(path: Path) -> tuple[str, list[str]]:
    """`exercise` plus the decode-failed messages it met (soft failures)."""
    from tui_replay.export.model_json import cassette_json

    soft: list[str] = []
    try:
        cassette = open_cassette(path)
        for i in range(len(cassette)):
            exchange = cassette.exchange(i)
            soft.extend(p.message for p in exchange.problems if p.code == "decode-failed")
            cassette.turn(i)
        cassette.problems()
        cassette_json(cassette)
    except CassetteError:
        return "reported", soft
    return "decoded", soft


def mutation_run(seconds: float, seed: int, save: Path) -> int:
    bases = fuzz_bases(per_endpoint=2)
    data = {b: b.read_bytes() for b in bases}
    rng = random.Random(seed)
    work = Path(tempfile.mkdtemp(prefix="fuzz-long-"))
    outcomes: collections.Counter[str] = collections.Counter()
    by_mutation: collections.Counter[str] = collections.Counter()
    crashes: collections.Counter[str] = collections.Counter()
    soft: collections.Counter[str] = collections.Counter()
    first: dict[str, tuple[Path, str, list[str], str]] = {}
    start = time.perf_counter()
    tried = 0
    while time.perf_counter() - start < seconds:
        base = rng.choice(bases)
        mutated, names = mutate(data[base], rng)
        by_mutation.update(names)
        path = work / f"input{base.suffix}"
        path.write_bytes(mutated)
        tried += 1
        try:
            outcome, soft_messages = session(path)
            outcomes[outcome] += 1
            for message in soft_messages:
                soft[re.sub(r"\d+", "N", message)[:110]] += 1
        except Exception as exc:  # noqa: BLE001 - counting every crash is the point
            site = crash_site(exc)
            crashes[site] += 1
            outcomes["CRASH"] += 1
            if site not in first:
                save.mkdir(parents=True, exist_ok=True)
                out = save / f"crash-{len(first):03d}{base.suffix}"
                out.write_bytes(mutated)
                first[site] = (out, base.name, names, traceback.format_exc())
    elapsed = time.perf_counter() - start
    print(f"== mutation run: {tried} inputs in {elapsed:.0f}s ({tried / elapsed:.0f}/s), seed {seed}")
    print(f"   bases: {len(bases)} files; mutations applied: {dict(sorted(by_mutation.items()))}")
    print(f"   outcomes: {dict(outcomes)}")
    print(f"   crash sites: {len(crashes)} (inputs that crashed: {sum(crashes.values())})")
    for site, count in crashes.most_common():
        out, base_name, names, tb = first[site]
        print(f"   - {count}x {site}\n     from {base_name} via {names}; reproducer {out}")
        print("     " + tb.strip().splitlines()[-1][:200])
    print(f"   dialect fell back to plain HTTP (decode-failed, handled): {sum(soft.values())}")
    for message, count in soft.most_common(12):
        print(f"   - {count}x {message}")
    return len(crashes)


def hypothesis_run(examples: int) -> int:
    env = dict(os.environ, TUI_REPLAY_FUZZ_EXAMPLES=str(examples))
    cmd = [
        sys.executable,
        "-m",
        "pytest",
        "-q",
        "-p",
        "no:cacheprovider",
        "--hypothesis-show-statistics",
        # fresh examples each run: the suite's default profile repeats the same ones
        "--hypothesis-profile=explore",
        str(ROOT / "tests" / "safety" / "test_safety_fuzz.py"),
    ]
    print(f"== hypothesis run: {examples} examples per test")
    start = time.perf_counter()
    result = subprocess.run(cmd, cwd=ROOT, env=env, capture_output=True, text=True)
    keep = re.compile(
        r"passing, \d+ failing|Stopped because|tests/safety/test_safety_fuzz.py::|passed|failed|Error"
    )
    for line in result.stdout.splitlines():
        if keep.search(line):
            print("   " + line.strip())
    print(f"   exit {result.returncode} in {time.perf_counter() - start:.0f}s")
    return result.returncode


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--seconds", type=float, default=300)
    parser.add_argument("--examples", type=int, default=3000)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--save", type=Path, default=ROOT / "bench" / "out" / "crashers")
    args = parser.parse_args()
    crashes = mutation_run(args.seconds, args.seed, args.save) if args.seconds > 0 else 0
    failed = hypothesis_run(args.examples) if args.examples > 0 else 0
    return 1 if crashes or failed else 0


if __name__ == "__main__":
    sys.exit(main())

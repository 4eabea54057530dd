"""Lazy loading vs one full YAML parse of a 100 MB, 5,000-interaction go-vcr cassette.

    python bench/bench_formats.py [--path FILE] [--repeat 3]

Generates bench/out/big_streamed.yaml when missing (bench/make_big_cassette.py),
then measures in one run, each the best of --repeat tries:

- full:  yaml.load(bytes, Loader=yaml.CSafeLoader) of the whole file
- raw(0), raw(len-1): load_cassette(path) then that one interaction
- inspect: `tui-replay inspect PATH --interaction 0 --json` as a subprocess
  (when tui_replay.cli.main exists), start-up included

and prints each with its ratio to the full parse (the target is within 10%).
"""

from __future__ import annotations

import argparse
import importlib.util
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.make_big_cassette import OUT, generate  # noqa: E402
from tui_replay.formats.load import load_cassette  # noqa: E402


def best_of(repeat: int, action: Callable[[], object]) -> float:
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        action()
        best = min(best, time.perf_counter() - start)
    return best


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--path", type=Path, default=OUT)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument(
        "--inspect-repeat", type=int, default=1, help="tries for the inspect subprocess (0 to skip it)"
    )
    args = parser.parse_args()
    path: Path = args.path
    if not path.exists():
        print(f"generating {path} ...", flush=True)
        generate(path, 5000, 100.0)
    size_mb = path.stat().st_size / 1e6

    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    full = best_of(max(1, args.repeat - 1), lambda: yaml.load(path.read_bytes(), Loader=loader))  # noqa: S506
    count = len(load_cassette(path))
    rows = [
        ("raw(0)", best_of(args.repeat, lambda: load_cassette(path).raw(0))),
        (f"raw({count - 1})", best_of(args.repeat, lambda: load_cassette(path).raw(count - 1))),
        ("load_cassette only", best_of(args.repeat, lambda: load_cassette(path))),
    ]
    if args.inspect_repeat > 0 and importlib.util.find_spec("tui_replay.cli.main") is not None:
        command = [sys.executable, "-m", "tui_replay", "inspect", str(path), "--interaction", "0", "--json"]

        def inspect() -> None:
            subprocess.run(command, check=True, stdout=subprocess.DEVNULL)

        rows.append(("inspect --interaction 0 (subprocess)", best_of(args.inspect_repeat, inspect)))

    print(f"file: {path} ({size_mb:.1f} MB, {count} interactions)")
    print(f"{'full yaml.CSafeLoader parse':40} {full:8.3f} s   1.000")
    for name, seconds in rows:
        verdict = "ok" if seconds <= 0.10 * full else "OVER 10%"
        print(f"{name:40} {seconds:8.3f} s   {seconds / full:.3f}  {verdict}")


if __name__ == "__main__":
    main()

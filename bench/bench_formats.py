"""Lazy loading vs one full YAML parse of a 100 MB, 5,000-interaction go-vcr cassette.

    python bench/bench_formats.py [--path FILE] [--repeat 3]

Generates bench/out/big_streamed.yaml when missing (bench/make_big_cassette.py),
then measures in one run, each the best of --repeat tries:

- full:  yaml.load(bytes, Loader=yaml.CSafeLoader) of the whole file
- raw(0), raw(len-1): load_cassette(path) then that one interaction
- inspect: `tui-replay inspect PATH --interaction 0 --json` as a new process, start-up
  included (`--python` picks the interpreter: measure an installed, compiled copy), and
  the same in text (without `--json`)

each taken in turns with a full parse, so both see the same load on the machine, and
prints each beside the full parse of its run with the ratio (targets: raw(0) within 10%,
inspect within 5%).
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
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


def interleaved(repeat: int, full: Callable[[], object], other: Callable[[], object]) -> tuple[float, float]:
    """Best of `repeat` tries of each, taken in turns, so both see the same machine load."""
    best_full = best_other = float("inf")
    for _ in range(repeat):
        best_full = min(best_full, best_of(1, full))
        best_other = min(best_other, best_of(1, other))
    return best_full, best_other


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--path", type=Path, default=OUT)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument(
        "--inspect-repeat", type=int, default=5, help="tries for the inspect subprocess (0 to skip it)"
    )
    parser.add_argument(
        "--python",
        default=sys.executable,
        help="the interpreter that runs `inspect`: one with tui-replay installed (not editable) measures"
        " it as users run it",
    )
    args = parser.parse_args()
    path: Path = args.path
    if not path.exists():
        print(f"generating {path} ...", flush=True)
        generate(path, 5000, 100.0)
    size_mb = path.stat().st_size / 1e6

    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

    def full_parse() -> None:
        yaml.load(path.read_bytes(), Loader=loader)  # noqa: S506

    count = len(load_cassette(path))
    last = count - 1
    rows = [
        ("raw(0)", *interleaved(args.repeat, full_parse, lambda: load_cassette(path).raw(0))),
        (f"raw({count - 1})", *interleaved(args.repeat, full_parse, lambda: load_cassette(path).raw(last))),
        ("load_cassette only", *interleaved(args.repeat, full_parse, lambda: load_cassette(path))),
    ]
    for as_json in [True, False] if args.inspect_repeat > 0 else []:
        command = [args.python, "-m", "tui_replay", "inspect", str(path), "--interaction", "0"]
        command += ["--json"] if as_json else []

        def inspect(command: list[str] = command) -> None:
            # Not from the checkout: `-m` would import the package from the current folder.
            subprocess.run(command, check=True, stdout=subprocess.DEVNULL, cwd=tempfile.gettempdir())

        name = f"inspect --interaction 0{' --json' if as_json else ' (text)'} (process)"
        rows.append((name, *interleaved(args.inspect_repeat, full_parse, inspect)))

    print(f"file: {path} ({size_mb:.1f} MB, {count} interactions)")
    print(f"{'':42} {'full parse':>10} {'this':>9} {'ratio':>7}")
    for name, full, seconds in rows:
        print(f"{name:42} {full:8.3f} s {seconds:7.3f} s {seconds / full:7.3f}")
    print("full parse: yaml.load(bytes, CSafeLoader) of the whole file, in this process, taken in turns")


if __name__ == "__main__":
    main()

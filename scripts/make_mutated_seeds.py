"""Write a directory of mutated cassettes (deterministic) to try `check` and the TUI on.

    python scripts/make_mutated_seeds.py OUT_DIR [--count 300] [--seed 0] [--corpus]

Each file is one of the bases (the seeds in `cassettes/`, the other formats'
samples in `tests/data/safety/`, with `--corpus` also the smallest shared
corpus file of each API endpoint) with 1-4 random mutations: byte flips,
truncation, deleted/duplicated/swapped lines, broken indentation, random
insertions, YAML punctuation. Names say where each came from:
`0042-openrouter_kimi_tool_wandb-truncate+flip_byte.yaml`. A few files are
left unmutated, so the directory always holds some readable cassettes.

The same seed and count always give the same bytes. OUT_DIR must be empty or
missing, and is never one of the input folders.
"""

from __future__ import annotations

import argparse
import random
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.helpers.safety_fuzz import CORPUS, fuzz_bases, mutate  # noqa: E402


def make_mutated_seeds(out: Path, count: int = 300, seed: int = 0, corpus: bool = False) -> list[Path]:
    bases = fuzz_bases(corpus=CORPUS if corpus else Path("/nonexistent"))
    out = out.resolve()
    if any(out == b.parent.resolve() or b.parent.resolve() in out.parents for b in bases):
        raise SystemExit(f"refusing to write into an input folder: {out}")
    if out.exists() and any(out.iterdir()):
        raise SystemExit(f"{out} is not empty")
    out.mkdir(parents=True, exist_ok=True)
    rng = random.Random(seed)
    written = []
    for n in range(count):
        base = bases[n % len(bases)]
        data = base.read_bytes()
        if n < len(bases) // 2:  # one untouched copy of half the bases
            names = ["unmutated"]
        else:
            data, names = mutate(data, rng)
        path = out / f"{n:04d}-{base.stem}-{'+'.join(names)}{base.suffix}"
        path.write_bytes(data)
        written.append(path)
    return written


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("out", type=Path)
    parser.add_argument("--count", type=int, default=300)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--corpus", action="store_true", help="mutate shared corpus files too")
    args = parser.parse_args()
    written = make_mutated_seeds(args.out, args.count, args.seed, args.corpus)
    print(f"wrote {len(written)} mutated cassettes to {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

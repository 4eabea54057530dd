"""Longer fuzz run of the record-format layer: mutated seeds and corpus files.

    python bench/fuzz_formats.py [--runs 3000] [--seed 1]

Each run takes a cassette (seeds, plus the shared corpus when present), applies
1-4 random byte edits (flip, insert, delete, duplicate a line, cut the end),
loads it and reads every interaction. Anything but a CassetteError is a crash
and is printed with the input saved under bench/out/crashers/.
"""

from __future__ import annotations

import argparse
import os
import random
import sys
import time
import traceback
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tui_replay.formats.load import load_cassette  # noqa: E402
from tui_replay.model import CassetteError  # noqa: E402

SHARED = Path(os.environ.get("TUI_REPLAY_SHARED", ROOT.parent / "shared"))
OUT = ROOT / "bench" / "out"


def inputs() -> list[Path]:
    files = sorted((SHARED / "seeds").glob("*.yaml")) or sorted((ROOT / "cassettes").glob("*.yaml"))
    corpus = SHARED / "corpus"
    if corpus.is_dir():
        files += sorted(p for p in corpus.rglob("*") if p.suffix in {".yaml", ".yml"})
    files += sorted((ROOT / "tests" / "data").glob("*_sample.*"))
    return files


def mutate(data: bytes, rng: random.Random) -> bytes:
    buf = bytearray(data)
    for _ in range(rng.randint(1, 4)):
        if not buf:
            break
        at = rng.randrange(len(buf))
        kind = rng.choice(["flip", "insert", "delete", "dupline", "cut", "indent"])
        if kind == "flip":
            buf[at] = rng.randrange(256)
        elif kind == "insert":
            buf[at:at] = rng.choice(
                [b"\xff", b"- ", b": ", b"\t", b"'", b'"', b"&a ", b"*a", b"!!binary ", b"\n"]
            )
        elif kind == "delete":
            del buf[at : at + rng.randint(1, 40)]
        elif kind == "dupline":
            start = buf.rfind(b"\n", 0, at) + 1
            end = buf.find(b"\n", at)
            end = len(buf) if end < 0 else end + 1
            buf[start:start] = buf[start:end]
        elif kind == "cut":
            del buf[at:]
        else:
            start = buf.rfind(b"\n", 0, at) + 1
            buf[start:start] = b" " * rng.randint(1, 3)
    return bytes(buf)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3000)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    files = inputs()
    originals = {path: path.read_bytes() for path in files}
    OUT.mkdir(parents=True, exist_ok=True)
    target = OUT / "fuzz_input.yaml"
    loaded = rejected = crashes = 0
    start = time.perf_counter()
    for run in range(args.runs):
        source = rng.choice(files)
        target.write_bytes(mutate(originals[source], rng))
        try:
            for _ in load_cassette(target):
                pass
            loaded += 1
        except CassetteError:
            rejected += 1
        except Exception:  # noqa: BLE001 - this is what the fuzzer looks for
            crashes += 1
            keep = OUT / "crashers" / f"crash_{run}{source.suffix}"
            keep.parent.mkdir(exist_ok=True)
            keep.write_bytes(target.read_bytes())
            print(f"CRASH on a mutation of {source} (saved {keep}):\n{traceback.format_exc()}")
    seconds = time.perf_counter() - start
    print(
        f"{args.runs} mutated inputs from {len(files)} files in {seconds:.1f} s: "
        f"{loaded} loaded, {rejected} rejected with CassetteError, {crashes} crashes"
    )
    sys.exit(1 if crashes else 0)


if __name__ == "__main__":
    main()

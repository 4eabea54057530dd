"""Shared by the safety tests, `bench/fuzz_long.py` and `scripts/make_mutated_seeds.py`.

* `MUTATIONS` / `mutate`: byte-level and line-level damage of a cassette file
  (byte flips, truncation, deleted/duplicated/swapped lines, broken
  indentation, random insertions, YAML punctuation dropped in).
* `exercise(path)`: everything a user session does headlessly with one file:
  load, decode every exchange, turn info, problems, the `inspect --json`
  shape (masked). It returns `"decoded"` or `"reported"` (a `CassetteError`);
  any other exception propagates: that is a crash.
* `fuzz_bases()`: the files to mutate: the seeds, the hand-made samples of
  the other formats in `tests/data/safety/`, and the smallest corpus file of
  each API endpoint (from `../shared/corpus`, else from the sample vendored in
  `tests/data/corpus/`).
"""

from __future__ import annotations

import os
import random
import re
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SAMPLES = Path(__file__).resolve().parents[1] / "data" / "safety"
CRASHERS = Path(__file__).resolve().parents[1] / "data" / "crashers"
CASSETTES = ROOT / "cassettes"
CORPUS = Path(os.environ.get("TUI_REPLAY_SHARED", ROOT.parent / "shared")) / "corpus"
VENDORED_CORPUS = Path(__file__).resolve().parents[1] / "data" / "corpus"


# ---------------------------------------------------------------- mutations


def _lines(data: bytes) -> list[bytes]:
    return data.splitlines(keepends=True) or [b""]


def flip_byte(data: bytes, rng: random.Random) -> bytes:
    if not data:
        return bytes([rng.randrange(256)])
    i = rng.randrange(len(data))
    return data[:i] + bytes([data[i] ^ (1 << rng.randrange(8))]) + data[i + 1 :]


def random_byte(data: bytes, rng: random.Random) -> bytes:
    i = rng.randrange(len(data) + 1)
    return data[:i] + bytes([rng.randrange(256)]) + data[i + 1 :]


def truncate(data: bytes, rng: random.Random) -> bytes:
    return data[: rng.randrange(len(data) + 1)]


def delete_line(data: bytes, rng: random.Random) -> bytes:
    lines = _lines(data)
    del lines[rng.randrange(len(lines))]
    return b"".join(lines)


def duplicate_line(data: bytes, rng: random.Random) -> bytes:
    lines = _lines(data)
    i = rng.randrange(len(lines))
    lines.insert(i, lines[i])
    return b"".join(lines)


def swap_lines(data: bytes, rng: random.Random) -> bytes:
    lines = _lines(data)
    i, j = rng.randrange(len(lines)), rng.randrange(len(lines))
    lines[i], lines[j] = lines[j], lines[i]
    return b"".join(lines)


def reindent_line(data: bytes, rng: random.Random) -> bytes:
    lines = _lines(data)
    i = rng.randrange(len(lines))
    stripped = lines[i].lstrip(b" \t")
    indent = len(lines[i]) - len(stripped)
    new = max(0, indent + rng.choice([-4, -2, -1, 1, 2, 4]))
    lines[i] = (b"\t" if rng.random() < 0.1 else b" ") * new + stripped
    return b"".join(lines)


_PUNCTUATION = [
    b"{",
    b"}",
    b"[",
    b"]",
    b":",
    b": ",
    b"- ",
    b"? ",
    b"&a ",
    b"*a",
    b"!!binary ",
    b"!ruby/object:X ",
    b'"',
    b"'",
    b"|",
    b">",
    b"#",
    b"%YAML 1.1\n",
    b"---\n",
    b"...\n",
    b"\t",
    b"\n",
    b"\x00",
    b"\xff\xfe",
    b"null",
    b"~",
    b"-1",
    b"1e999",
    b"0x",
    b"data: ",
    b"data: [DONE]\n\n",
    b"event: error\n",
    b'{"role": 5}',
    b'"content": 7',
    b'"tool_calls": "x"',
    b"\\u0000",
    b"\\ud800",
]


def insert_token(data: bytes, rng: random.Random) -> bytes:
    i = rng.randrange(len(data) + 1)
    return data[:i] + rng.choice(_PUNCTUATION) + data[i:]


def insert_random(data: bytes, rng: random.Random) -> bytes:
    i = rng.randrange(len(data) + 1)
    return data[:i] + rng.randbytes(rng.randrange(1, 16)) + data[i:]


def replace_number(data: bytes, rng: random.Random) -> bytes:
    numbers = list(re.finditer(rb"\d+", data))
    if not numbers:
        return insert_token(data, rng)
    m = rng.choice(numbers)
    new = rng.choice([b"-1", b"0", b"99999999999999999999", b"1.5", b"x", b'""', b"null"])
    return data[: m.start()] + new + data[m.end() :]


Mutation = Callable[[bytes, random.Random], bytes]
MUTATIONS: dict[str, Mutation] = {
    "flip_byte": flip_byte,
    "random_byte": random_byte,
    "truncate": truncate,
    "delete_line": delete_line,
    "duplicate_line": duplicate_line,
    "swap_lines": swap_lines,
    "reindent_line": reindent_line,
    "insert_token": insert_token,
    "insert_random": insert_random,
    "replace_number": replace_number,
}


def mutate(data: bytes, rng: random.Random, count: int | None = None) -> tuple[bytes, list[str]]:
    """Apply 1-4 random mutations (or `count`); returns the bytes and the mutations' names."""
    names = []
    for _ in range(count if count is not None else rng.randint(1, 4)):
        name = rng.choice(sorted(MUTATIONS))
        data = MUTATIONS[name](data, rng)
        names.append(name)
    return data, names


# ---------------------------------------------------------------- inputs


def fuzz_bases(corpus: Path | None = None, per_endpoint: int = 1) -> list[Path]:
    """Seeds, hand-made samples of the other formats, and a spread of corpus files."""
    bases = sorted(CASSETTES.glob("*.yaml")) + sorted(p for p in SAMPLES.glob("*") if p.is_file())
    if corpus is None:
        corpus = CORPUS if CORPUS.is_dir() else VENDORED_CORPUS
    if corpus.is_dir():
        by_endpoint: dict[str, list[Path]] = {}
        for path in sorted(corpus.rglob("*.yaml")):
            head = path.read_bytes()[:20_000]
            m = re.search(rb"\n\s*(?:url|uri): (\S+)", head)
            endpoint = re.sub(rb"[?#].*|/models/[^/:]+|/model/[^/]+", b"", m.group(1))[:80] if m else b"?"
            key = f"{path.parts[-3] if len(path.parts) > 3 else ''}:{endpoint.decode('utf-8', 'replace')}"
            by_endpoint.setdefault(key, []).append(path)
        for _key, paths in sorted(by_endpoint.items()):
            bases.extend(sorted(paths, key=lambda p: p.stat().st_size)[:per_endpoint])
    return bases


# ---------------------------------------------------------------- the session


def exercise(path: Path) -> str:
    """Everything the headless commands do with one file. `CassetteError` -> "reported"."""
    from tui_replay.analysis.cassette import open_cassette
    from tui_replay.model import CassetteError

    try:
        cassette = open_cassette(path)
        for i in range(len(cassette)):
            cassette.exchange(i)
        for i in range(len(cassette)):
            cassette.turn(i)
        cassette.problems()
        from tui_replay.export.model_json import cassette_json

        cassette_json(cassette)
    except CassetteError:
        return "reported"
    return "decoded"


def crash_site(exc: BaseException) -> str:
    """`Type at module.py:line in func` for the innermost frame inside tui_replay."""
    import traceback

    frames = [f for f in traceback.extract_tb(exc.__traceback__) if "tui_replay" in f.filename]
    if not frames:
        return type(exc).__name__
    last = frames[-1]
    rel = last.filename.split("tui_replay/", 1)[-1]
    return f"{type(exc).__name__} at tui_replay/{rel}:{last.lineno} in {last.name}"

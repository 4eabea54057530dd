"""The byte split of a cassette's interactions list against a line-by-line reading of it.

`ListIndex` finds item starts and lines no item can hold ("stray" lines: a top-level key,
a dash at the wrong depth) in one regex pass over the file, read a piece at a time. The
reference here reads the same bytes one line at a time, the slow obvious way; both must
agree on every generated list, whatever the size of the pieces read.
"""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from tui_replay.formats.file_bytes import FileBytes
from tui_replay.formats.lazy_index import ListIndex, index_list

SEED = 20261204
CASES = 300

ITEM_FOLLOWS = (b" ", b"\r", b"")


def reference_split(data: bytes, first: int, last: int, column: int) -> tuple[list[int], int | None]:
    """(item starts, first stray line) between the first item start and the last one."""
    starts, stray = [first], None
    pos = data.index(b"\n", first) + 1
    while pos <= last:
        end = data.find(b"\n", pos)
        line = data[pos : end if end >= 0 else len(data)]
        depth = len(line) - len(line.lstrip(b" "))
        first_char = line[depth : depth + 1]
        if depth <= column and first_char not in (b"", b"\r", b"#"):
            if depth == column and first_char == b"-" and line[depth + 1 : depth + 2] in ITEM_FOLLOWS:
                starts.append(pos)
            elif stray is None:
                stray = pos
        if pos == last or end < 0:
            break
        pos = end + 1
    return starts, stray


ODD_LINES = [
    "notes: here",  # a top-level key inside the list: stray
    "-x",  # a dash not followed by a space
    " - one space too few",
    "# a comment at column 0",
    "",
    "   ",
    "\r",
    "\t- a tab",
    "- at column 0",
]


def generated_cassette(rng: random.Random, value: int = 40) -> bytes:
    """A list of 1-40 items; `value`: the longest value of a key (a file longer than
    `lazy_index.TAIL_READ` is read in pieces, a shorter one whole)."""
    column = rng.choice([0, 2, 4])
    pad = " " * column
    lines = ["version: 2", "interactions:"]
    for i in range(rng.randint(1, 40)):
        lines.append(f"{pad}- id: {i}")
        for _ in range(rng.randint(0, 6)):
            roll = rng.random()
            if roll < 0.7:
                deeper = " " * rng.randint(2, 8)
                lines.append(f"{pad}{deeper}key_{rng.randint(0, 99)}: {'x' * rng.randint(0, value)}")
            elif roll < 0.85:
                lines.append(f"{pad}{' ' * rng.randint(2, 6)}- nested item")
            else:
                odd = rng.choice(ODD_LINES)
                lines.append(odd if odd.startswith(("notes", "#", "- at")) else pad + odd)
    newline = rng.choice(["\n", "\r\n"])
    return (newline.join(lines) + newline).encode()


def test_the_split_holds_where_a_read_ends_at_a_line_start(tmp_path: Path) -> None:
    """The first read of a long file ends around one of its shallow lines (the split reads on
    from there, a piece at a time)."""
    rng = random.Random(SEED)
    path = tmp_path / "cassette.yaml"
    for _ in range(CASES // 3):
        data = generated_cassette(rng, 8000)
        path.write_bytes(data)
        line_starts = [at + 1 for at, byte in enumerate(data[:-1]) if byte == ord("\n")]
        shallow = [at for at in line_starts if data[at] != ord(" ")]
        chunk = rng.choice(shallow) + rng.randint(-2, 2)
        index = index_list(FileBytes(path, chunk=chunk))
        assert index is not None
        starts, stray = stepped_split(index)
        assert (starts, stray) == reference_split(data, starts[0], starts[-1], index.dash_column), chunk


def whole_split(index: ListIndex) -> tuple[list[int], int | None]:
    """Counted first (`len` reads the whole file at once), then each item's start."""
    return [index.span(i)[0] for i in range(len(index))], index.stray_line


def stepped_split(index: ListIndex) -> tuple[list[int], int | None]:
    """Item after item, as a list view pages through it (the file read as far as asked)."""
    starts: list[int] = []
    while index.count_up_to(len(starts) + 1) > len(starts):
        starts.append(index.span(len(starts))[0])
    return starts, index.stray_line


@pytest.mark.parametrize(("chunk", "value"), [(1, 40), (10**9, 40), (1, 8000), (7, 8000), (4096, 8000)])
def test_the_split_agrees_with_a_line_by_line_reading(tmp_path: Path, chunk: int, value: int) -> None:
    rng = random.Random(SEED + chunk + value)
    path = tmp_path / "cassette.yaml"
    strays = 0
    for _ in range(CASES):
        data = generated_cassette(rng, value)
        path.write_bytes(data)
        index = index_list(FileBytes(path, chunk=chunk))
        assert index is not None, data
        starts, stray = whole_split(index)
        expected = reference_split(data, starts[0], starts[-1], index.dash_column)
        assert (starts, stray) == expected, data
        stepped = index_list(FileBytes(path, chunk=chunk))
        assert stepped is not None and stepped_split(stepped) == expected, data
        strays += stray is not None
    assert CASES // 10 < strays < CASES - CASES // 10  # both kinds of list were generated


def test_counting_step_by_step_finds_what_one_count_finds(tmp_path: Path) -> None:
    rng = random.Random(SEED)
    path = tmp_path / "cassette.yaml"
    for _ in range(CASES // 3):
        path.write_bytes(generated_cassette(rng))
        stepped = index_list(FileBytes(path, chunk=16))
        whole = index_list(FileBytes(path))
        assert stepped is not None and whole is not None
        assert stepped_split(stepped) == whole_split(whole)

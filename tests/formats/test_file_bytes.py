"""`FileBytes`: a file read only as far as asked, the same bytes as one whole read."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

from tui_replay.formats.file_bytes import FileBytes
from tui_replay.model import CassetteError


@pytest.fixture
def text_file(tmp_path: Path) -> tuple[Path, bytes]:
    data = b"".join(b"line %05d " % i + b"x" * (i % 7) + b"\n" for i in range(2000))
    path = tmp_path / "f.yaml"
    path.write_bytes(data)
    return path, data


@pytest.mark.parametrize("chunk", [1, 7, 4096, 10**9])
def test_find_slice_count_and_tail_agree_with_the_whole_bytes(
    text_file: tuple[Path, bytes], chunk: int
) -> None:
    path, data = text_file
    source = FileBytes(path, chunk=chunk)
    assert source.size == len(data)
    for needle, start in ((b"line 01500", 0), (b"\nline 00003", 5), (b"nowhere", 100), (b"x\nline", 9000)):
        assert source.find(needle, start) == data.find(needle, start)
    assert source.find(b"line 01999", 0, 100) == -1  # bounded like bytes.find
    assert source.slice(12345, 12400) == data[12345:12400]
    at, tail = source.tail(50)
    assert tail == data[at:] and at <= len(data) - 50
    assert source.count(b"\n", 100, 20000) == data.count(b"\n", 100, 20000)
    assert source.all() == data and source.complete


def test_only_what_is_asked_for_is_read(text_file: tuple[Path, bytes]) -> None:
    path, data = text_file
    source = FileBytes(path, chunk=1000)
    assert source.find(b"line 00200", 0) == data.find(b"line 00200")  # past the first read
    source.tail(100)
    assert source.bytes_read < len(data) // 4
    assert not source.complete


def test_a_match_across_two_reads_is_found(tmp_path: Path) -> None:
    path = tmp_path / "f.yaml"
    path.write_bytes(b"a" * 995 + b"NEEDLE" + b"b" * 5000)  # the first read (1000 bytes) cuts it
    assert FileBytes(path, chunk=1000).find(b"NEEDLE", 0) == 995


def test_a_file_changed_between_two_reads_is_an_error_not_a_mix(text_file: tuple[Path, bytes]) -> None:
    path, data = text_file
    source = FileBytes(path, chunk=1000)
    path.write_bytes(data.replace(b"line", b"LINE"))  # re-recorded meanwhile, same size
    stat = path.stat()
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 10**9))  # a coarse clock would hide it
    with pytest.raises(CassetteError, match="changed while it was being read") as info:
        source.find(b"line 01999", 0)
    assert str(path) in str(info.value)


def test_bytes_given_are_used_as_they_are(tmp_path: Path) -> None:
    source = FileBytes(tmp_path / "never-read.yaml", b"interactions:\n- a\n")
    assert source.complete and source.bytes_read == 0
    assert source.find(b"- a", 0) == 14


def test_search_finds_a_line_start_wherever_the_reads_cut_the_file(tmp_path: Path) -> None:
    data = b"interactions:\n- a: 1\n  b: 2\n- c: 3\n  d: 4\n" * 5 + b"- e: 5\n"
    path = tmp_path / "f.yaml"
    path.write_bytes(data)
    shallow = re.compile(rb"\n[^ \r\n#]")
    expected = [m.span() for m in shallow.finditer(data, 14)]
    for chunk in range(1, len(data) + 1):  # every place the first read can end
        source, found, at = FileBytes(path, chunk=chunk), [], 14
        while (span := source.search(shallow, at, len(data), 2)) is not None:
            found.append(span)
            at = span[1]
        assert found == expected, chunk

"""Lazy, indexed loading: only the interactions asked for are parsed; odd layouts still load right."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

import tui_replay.formats.file_bytes as file_bytes
import tui_replay.formats.load as formats
from tests.conftest import CORPUS, SEEDS
from tests.helpers.big_cassette import make_big_cassette
from tui_replay.formats.item_facts import facts_of
from tui_replay.formats.load import load_cassette
from tui_replay.model import CassetteError

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def big(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """300 streamed interactions, ~1.5 MB, the bench's generator at a smaller size."""
    return make_big_cassette(tmp_path_factory.mktemp("big") / "big.yaml", 300, 1.5)


def _whole(path: Path, monkeypatch: pytest.MonkeyPatch) -> formats.CassetteFile:
    with monkeypatch.context() as patch:
        patch.setattr(formats, "LAZY_MIN_BYTES", 10**12)
        file = load_cassette(path)
    assert not file.lazy
    return file


def test_len_is_known_without_parsing_and_raw_parses_one_item(big: Path) -> None:
    file = load_cassette(big)
    assert file.lazy
    assert len(file) == 300
    assert file.items_parsed == 1  # item 0, read once to tell go-vcr from vcrpy
    first = file.raw(0)
    assert file.items_parsed == 1  # not parsed twice
    last = file.raw(299)
    assert file.items_parsed == 2
    assert first.status == 200 and first.response_body.startswith(b'data: {"id":"gen-bench-000000"')
    assert last.response_body.endswith(b"data: [DONE]\n\n")
    assert b"gen-bench-000299" in last.response_body
    assert first.line == 4 and last.line is not None and last.line > first.line


def test_lazy_equals_whole_parse(big: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    lazy, whole = load_cassette(big), _whole(big, monkeypatch)
    assert (lazy.format, len(lazy)) == (whole.format, len(whole))
    for i in (0, 1, 150, 299):
        assert lazy.raw(i) == whole.raw(i)
        assert lazy.raw(i).line == whole.raw(i).line


def _break_item(src: Path, dst: Path, index: int) -> int:
    """Break the indentation inside item `index`; return the 1-based line of the damage."""
    lines = src.read_bytes().split(b"\n")
    seen = -1
    for number, line in enumerate(lines):
        if line.startswith(b"  - id: "):
            seen += 1
        if seen == index and line == b"    response:":
            lines[number + 1] = b"      proto: HTTP/2.0"  # 6 spaces among 8-space siblings
            dst.write_bytes(b"\n".join(lines))
            return number + 2
    raise AssertionError("item not found")


def test_a_broken_later_item_does_not_stop_the_first(big: Path, tmp_path: Path) -> None:
    path = tmp_path / "broken.yaml"
    damaged_line = _break_item(big, path, 7)
    file = load_cassette(path)
    assert len(file) == 300
    assert file.raw(0).status == 200
    assert file.raw(8).status == 200
    with pytest.raises(CassetteError) as info:
        file.raw(7)
    error = info.value
    assert error.interaction == 7
    assert error.line is not None and abs(error.line - damaged_line) <= 1
    assert str(path) in str(error) and "interaction 7" in str(error)
    with pytest.raises(CassetteError) as again:
        file.validate()
    assert again.value.interaction == 7


def test_cache_is_bounded(big: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(formats, "CACHE_SIZE", 5)
    file = load_cassette(big)
    for i in range(20):
        file.raw(i)
    assert len(file._cache) == 5


ODD_LAYOUTS = {
    "anchor in one item, alias in the next": (
        "version: 2\ninteractions:\n"
        "  - request: &req\n      method: GET\n      url: http://a/1\n"
        "    response: {code: 200, status: 200 OK, body: one}\n"
        "  - request: *req\n"
        "    response: {code: 201, status: 201 Created, body: two}\n",
        [("http://a/1", 200), ("http://a/1", 201)],
    ),
    "quoted string whose next line looks like an item": (
        "version: 2\ninteractions:\n"
        "  - request: {method: GET, url: 'http://a/1'}\n"
        "    response:\n      code: 200\n      body: 'first line\n"
        "  - not an item'\n"
        "  - request: {method: GET, url: 'http://a/2'}\n"
        "    response: {code: 404}\n",
        [("http://a/1", 200), ("http://a/2", 404)],
    ),
    "quoted string in a later item whose next line looks like an item": (
        "version: 2\ninteractions:\n"
        "  - request: {method: GET, url: 'http://a/1'}\n    response: {code: 200}\n"
        "  - request: {method: GET, url: 'http://a/2'}\n"
        '    response:\n      code: 201\n      body: "first line\n'
        '  - not an item"\n'
        "  - request: {method: GET, url: 'http://a/3'}\n"
        "    response: {code: 404}\n",
        [("http://a/1", 200), ("http://a/2", 201), ("http://a/3", 404)],
    ),
    "flow-style list": (
        "version: 2\ninteractions: [{request: {method: GET, url: 'http://a/1'}, response: {code: 200}}]\n",
        [("http://a/1", 200)],
    ),
    "comments and blank lines between items, CRLF": (
        "version: 2\r\ninteractions:\r\n\r\n# first\r\n"
        "- request: {method: GET, url: 'http://a/1'}\r\n  response: {code: 200}\r\n"
        "  # inside\r\n\r\n# second\r\n"
        "- request: {method: GET, url: 'http://a/2'}\r\n  response: {code: 500}\r\n",
        [("http://a/1", 200), ("http://a/2", 500)],
    ),
    "vcrpy with version after the list": (
        "interactions:\n- request: {method: GET, uri: 'http://a/1', body: null, headers: {}}\n"
        "  response: {status: {code: 200, message: OK}, headers: {}, body: {string: ''}}\n"
        "version: 1\n",
        [("http://a/1", 200)],
    ),
    "another top-level list after the interactions": (
        "version: 2\ninteractions:\n"
        "  - request: {method: GET, url: 'http://a/1'}\n    response: {code: 200}\n"
        "notes:\n  - request: {method: GET, url: 'http://not/an/interaction'}\n    response: {code: 1}\n",
        [("http://a/1", 200)],
    ),
    "empty list": ("version: 2\ninteractions: []\n", []),
}


@pytest.mark.parametrize("chunk", [None, 8], ids=["one read", "8 bytes at a time"])
@pytest.mark.parametrize("name", sorted(ODD_LAYOUTS))
def test_odd_layouts_load_like_a_whole_parse(
    name: str, chunk: int | None, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    text, expected = ODD_LAYOUTS[name]
    path = tmp_path / "odd.yaml"
    path.write_bytes(text.encode())
    with monkeypatch.context() as patch:
        if chunk:
            patch.setattr(file_bytes, "READ_CHUNK", chunk)
        file = load_cassette(path)
        got = [(raw.url, raw.status) for raw in file]
    assert got == expected
    whole = _whole(path, monkeypatch)
    assert [(raw.url, raw.status) for raw in whole] == expected


def test_the_file_is_only_read(tmp_path: Path, seeds_dir: Path) -> None:
    path = tmp_path / "seed.yaml"
    shutil.copy(seeds_dir / "openrouter_kimi_tool_wandb.yaml", path)
    before = (path.read_bytes(), path.stat().st_mtime_ns)
    path.chmod(0o444)
    file = load_cassette(path)
    file.validate()
    assert (path.read_bytes(), path.stat().st_mtime_ns) == before


def _shared_yaml() -> list[Path]:
    shared = [SEEDS, CORPUS, CORPUS.parent / "corpus-new"]
    return sorted(p for d in shared if d.is_dir() for p in d.rglob("*") if p.suffix in {".yaml", ".yml"})


@pytest.fixture
def shared_yaml() -> list[Path]:
    files = _shared_yaml()
    if not files:
        pytest.skip("../shared is not present")
    return files


def test_read_in_small_pieces_equals_a_whole_parse_on_every_shared_cassette(
    shared_yaml: list[Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Every cassette is read a few kilobytes at a time (the way a 100 MB file is), and each
    interaction, its line and the count are what one parse of the whole file gives."""
    differ = []
    for path in shared_yaml:
        try:
            whole = _whole(path, monkeypatch)
            expected = [(raw, raw.line) for raw in whole]
        except CassetteError:
            continue
        with monkeypatch.context() as patch:
            patch.setattr(file_bytes, "READ_CHUNK", 512)
            lazy = load_cassette(path)
            got = [(lazy.raw(i), lazy.raw(i).line) for i in range(lazy.count_up_to(10**9))]
            if (lazy.format, got, len(lazy)) != (whole.format, expected, len(expected)):
                differ.append(path.name)
    assert differ == []


def test_facts_read_in_the_bytes_are_the_parsed_ones_on_every_shared_cassette(
    shared_yaml: list[Path],
) -> None:
    differ = []
    for path in shared_yaml:
        try:
            file = load_cassette(path)
            facts = [(file.facts(i), facts_of(file.raw(i))) for i in range(len(file))]
        except CassetteError:
            continue
        differ += [f"{path.name} #{i}: {a} != {b}" for i, (a, b) in enumerate(facts) if a != b]
    assert differ == []

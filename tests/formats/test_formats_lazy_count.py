"""A lazily read cassette's count never changes once handed out.

Callers loop over `range(len(file))`; when the byte split counts a top-level
key's own `- ` list as interactions, the whole file must be parsed before the
count is given, not later when an item fails to parse alone.
"""

from __future__ import annotations

from pathlib import Path

import pytest

import tui_replay.formats.load as formats
from tui_replay.formats.load import load_cassette
from tui_replay.model import CassetteError

# Item 1 aliases anchors of item 0 (so it cannot be parsed alone), and the `- null` under
# `version:` sits where an item would: the split sees 3 items, the document holds 2.
ANCHORED_THEN_TOP_LEVEL_LIST = (
    "interactions:\n"
    "- id: 0\n"
    "  request: &id001\n"
    "    method: POST\n"
    "    url: https://api.openai.com/v1/chat/completions\n"
    "  response: &id002\n"
    "    status: 200 OK\n"
    "- id: 0\n"
    "  request: *id001\n"
    "  response: *id002\n"
    "version:\n"
    "- null\n"
)

# The same with the dashes indented, and a key's list that does not alias anything.
INDENTED_THEN_TOP_LEVEL_LIST = (
    "version: 2\n"
    "interactions:\n"
    "  - request: {method: GET, url: 'http://a/1'}\n"
    "    response: {code: 200}\n"
    "  - request: {method: GET, url: 'http://a/2'}\n"
    "    response: {code: 201}\n"
    "notes:\n"
    "  - request: {method: GET, url: 'http://not/an/interaction'}\n"
    "    response: {code: 1}\n"
    "  - request: {method: GET, url: 'http://not/either'}\n"
    "    response: {code: 2}\n"
)

CASES = {
    "anchored items then version list": (ANCHORED_THEN_TOP_LEVEL_LIST, 2),
    "indented items then notes list": (INDENTED_THEN_TOP_LEVEL_LIST, 2),
}


def _write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "cassette.yaml"
    path.write_bytes(text.encode())
    return path


@pytest.mark.parametrize("name", sorted(CASES))
def test_every_index_below_len_is_readable(name: str, tmp_path: Path) -> None:
    text, expected = CASES[name]
    file = load_cassette(_write(tmp_path, text))
    count = len(file)
    raws = [file.raw(i) for i in range(count)]  # IndexError here when the count shrank
    assert count == expected == len(raws) == len(file)


@pytest.mark.parametrize("name", sorted(CASES))
def test_counts_handed_out_step_by_step_agree(name: str, tmp_path: Path) -> None:
    text, expected = CASES[name]
    file = load_cassette(_write(tmp_path, text))
    limits = range(1, 5)
    before = [file.count_up_to(limit) for limit in limits]  # as a list view pages through
    for i in range(before[-1]):
        file.raw(i)
    after = [file.count_up_to(limit) for limit in limits]
    assert before == after == [min(limit, expected) for limit in limits]
    assert len(file) == expected


def test_a_file_that_does_not_parse_whole_keeps_its_count(tmp_path: Path) -> None:
    # A stray top-level line inside the list and a broken whole document: the split is all
    # there is, so its count stays and the damaged item reports its own error.
    text = (
        "version: 2\n"
        "interactions:\n"
        "- request: {method: GET, url: 'http://a/1'}\n"
        "  response: {code: 200}\n"
        "stray: [\n"
        "- request: {method: GET, url: 'http://a/2'}\n"
        "  response: {code: 201}\n"
    )
    file = load_cassette(_write(tmp_path, text))
    count = len(file)
    assert count == 2
    with pytest.raises(CassetteError, match="cassette.yaml"):
        file.raw(0)
    assert file.raw(1).url == "http://a/2"
    assert len(file) == count


def test_a_clean_file_stays_lazy_after_counting(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # The check must not mistake comments, blank lines or deeper lines for a top-level key.
    text = (
        "version: 2\n"
        "interactions:\n"
        "# first\n"
        "- request: {method: GET, url: 'http://a/1'}\n"
        "  response:\n"
        "    body: |\n"
        "      - looks like a list\n"
        "      key: value\n"
        "\n"
        "  # inside\n"
        "# between, at the dashes' column\n"
        "- request: {method: GET, url: 'http://a/2'}\n"
        "  response: {code: 201}\n"
    )
    calls = []
    real = formats._parse_whole
    monkeypatch.setattr(formats, "_parse_whole", lambda *args: calls.append(args) or real(*args))
    file = load_cassette(_write(tmp_path, text))
    assert len(file) == 2
    assert file.lazy and not calls


# A quoted string whose next line looks like an item start, in item 1: the split sees 4
# items, the document holds 3, and only parsing item 1 shows it (PyYAML reads the
# under-indented continuation line that YAML 1.2 forbids).
QUOTED_LINE_LIKE_AN_ITEM = (
    "version: 2\n"
    "interactions:\n"
    "  - request: {method: GET, url: 'http://a/1'}\n"
    "    response: {code: 200}\n"
    "  - request: {method: GET, url: 'http://a/2'}\n"
    '    response:\n      code: 201\n      body: "first line\n'
    '  - not an item"\n'
    "  - request: {method: GET, url: 'http://a/3'}\n"
    "    response: {code: 404}\n"
)


def test_a_count_handed_out_holds_when_a_later_item_shows_the_split_wrong(tmp_path: Path) -> None:
    file = load_cassette(_write(tmp_path, QUOTED_LINE_LIKE_AN_ITEM))
    count = len(file)
    for i in range(count):  # every index below the count answers: an interaction or an error
        try:
            file.raw(i)
        except CassetteError as exc:
            assert "cassette.yaml" in str(exc)
    assert len(file) == count


def test_reading_item_by_item_before_counting_gets_the_whole_parse(tmp_path: Path) -> None:
    file = load_cassette(_write(tmp_path, QUOTED_LINE_LIKE_AN_ITEM))
    got = [(raw.url, raw.status) for raw in iter(file)]
    assert got == [("http://a/1", 200), ("http://a/2", 201), ("http://a/3", 404)]
    assert len(file) == 3


def test_check_reads_such_a_file_like_a_whole_parse(tmp_path: Path) -> None:
    from tui_replay.cli.check import CheckReport, check_file

    report = CheckReport()
    check_file(_write(tmp_path, QUOTED_LINE_LIKE_AN_ITEM), report)
    assert (report.failures, report.interactions) == ([], 3)

"""The file scanner: what counts as a cassette, in a stable order."""

from __future__ import annotations

from pathlib import Path

import pytest

from tui_replay.formats import scan
from tui_replay.formats.scan import iter_cassette_files


def test_teacher_notes_next_to_a_cassette_are_not_listed(tmp_path: Path) -> None:
    (tmp_path / "demo.yaml").write_text("interactions: []\n")
    (tmp_path / "demo.notes.yaml").write_text("notes: {0: hi}\n")
    (tmp_path / "b.har").write_text("{}")
    (tmp_path / "readme.txt").write_text("")
    assert [p.name for p in iter_cassette_files([tmp_path])] == ["b.har", "demo.yaml"]


def test_files_folders_and_globs_each_listed_once(tmp_path: Path) -> None:
    sub = tmp_path / "sub"
    sub.mkdir()
    for name in ("a.yaml", "sub/c.yml"):
        (tmp_path / name).write_text("")
    listed = list(iter_cassette_files([tmp_path, tmp_path / "a.yaml", str(tmp_path / "*.yaml")]))
    assert [p.relative_to(tmp_path).as_posix() for p in listed] == ["a.yaml", "sub/c.yml"]


def _cassette(statuses: list[int]) -> str:
    items = "".join(
        f"  - id: {i}\n    request:\n      url: https://api.openai.com/v1/chat/completions\n"
        f"      body: '{'x' * (i * 7 % 23)}'\n    response:\n      code: {code}\n"
        for i, code in enumerate(statuses)
    )
    return f"version: 2\ninteractions:\n{items}"


@pytest.mark.parametrize("chunk", [1, 5, 16, 64, 1 << 20])
def test_summary_counts_the_same_whatever_the_chunk_size(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, chunk: int
) -> None:
    statuses = [200, 429, 200, 500, 200, 200, 404] * 9
    path = tmp_path / "c.yaml"
    path.write_text(_cassette(statuses))
    monkeypatch.setattr(scan, "SUMMARY_CHUNK", chunk)
    summary = scan.quick_summary(path)
    assert summary is not None
    assert (summary.interactions, summary.errors, summary.partial) == (len(statuses), 27, False)
    assert summary.hint == "openai-chat · api.openai.com"


def test_summary_of_a_file_past_the_read_limit_is_marked_partial(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "c.yaml"
    text = _cassette([200] * 40)
    path.write_text(text)
    monkeypatch.setattr(scan, "SUMMARY_CHUNK", 64)
    monkeypatch.setattr(scan, "SUMMARY_READ_LIMIT", len(text) // 2)
    summary = scan.quick_summary(path)
    assert summary is not None and summary.partial
    assert 10 < summary.interactions < 40
    monkeypatch.setattr(scan, "SUMMARY_READ_LIMIT", len(text))  # exactly the file: complete
    complete = scan.quick_summary(path)
    assert complete is not None and not complete.partial and complete.interactions == 40


def test_summary_stops_when_asked(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "c.yaml"
    path.write_text(_cassette([200] * 40))
    monkeypatch.setattr(scan, "SUMMARY_CHUNK", 64)
    asked: list[int] = []

    def stop() -> bool:
        asked.append(1)
        return len(asked) > 3

    assert scan.quick_summary(path, stop=stop) is None
    assert len(asked) == 4


def test_summary_of_a_file_of_blank_lines_is_empty(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "blank.yaml"
    path.write_text("\n  \n" * 50)
    monkeypatch.setattr(scan, "SUMMARY_CHUNK", 8)
    summary = scan.quick_summary(path)
    assert summary is not None and summary.error == "empty file"


NESTED_IDS = """\
version: 1
interactions:
- request_sample:
    json:
      messages:
      - role: ROLE_ASSISTANT
        tool_calls:
          - id: call-1
            function: {name: pdf_browse}
          - id: call-2
            function: {name: pdf_browse}
  response_sample:
    json: {}
- collections_method:
    method: list
- request_stream:
    json:
      messages:
      - tool_calls:
        - id: call-3
"""


def test_summary_counts_interactions_not_list_items_inside_bodies(tmp_path: Path) -> None:
    path = tmp_path / "nested.xai.yaml"
    path.write_text(NESTED_IDS)
    summary = scan.quick_summary(path)
    assert summary is not None and summary.error is None
    assert summary.interactions == 3  # not 6: the tool calls' `- id:` items are not interactions


def test_summary_counts_what_the_parser_finds_in_every_corpus_file(corpus_dir: Path) -> None:
    from tui_replay.analysis.cassette import open_cassette

    wrong = []
    for path in iter_cassette_files([corpus_dir]):
        summary = scan.quick_summary(path)
        assert summary is not None
        count = len(open_cassette(path))
        if summary.interactions != count:
            wrong.append(f"{path.relative_to(corpus_dir)}: listed {summary.interactions}, has {count}")
    assert not wrong, "\n".join(wrong)


def test_a_file_that_is_not_text_is_said_to_be_so_as_opening_it_says(tmp_path: Path) -> None:
    binary = tmp_path / "binary.yaml"
    # Random-looking bytes can hold a line that looks like an interaction ("\n- id:").
    binary.write_bytes(b"interactions:\n- id: 1\n" + bytes(range(128, 256)) + b"\n")
    assert scan.quick_summary(binary) == scan.FileSummary(1, 0, "", "not UTF-8 text")
    utf16 = tmp_path / "utf16.yaml"  # the loader reads UTF-16 with its byte order mark
    utf16.write_bytes("interactions:\n- id: 1\n".encode("utf-16"))
    summary = scan.quick_summary(utf16)
    assert summary is not None and summary.error != "not UTF-8 text"


def test_a_url_whose_base_is_a_placeholder_still_hints_its_dialect(tmp_path: Path) -> None:
    # Ruby VCR's filter_sensitive_data replaces a self-hosted base URL by a placeholder
    path = tmp_path / "ollama.yml"
    path.write_text(
        'http_interactions:\n- request:\n    method: post\n    uri: "<OLLAMA_API_BASE>/chat/completions"\n'
        "  response:\n    status:\n      code: 200\n"
    )
    summary = scan.quick_summary(path)
    assert summary is not None
    assert summary.hint == "openai-chat · <OLLAMA_API_BASE>"

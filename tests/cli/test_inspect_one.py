"""`inspect --interaction N` reads no further into the file than interaction N needs."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import tui_replay.formats.file_bytes as file_bytes
from tests.helpers.big_cassette import make_big_cassette
from tui_replay.analysis.cassette import Cassette, open_cassette
from tui_replay.cli import inspect as inspect_command
from tui_replay.cli.main import main


@pytest.fixture(scope="module")
def big(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """300 streamed interactions, ~1.5 MB."""
    return make_big_cassette(tmp_path_factory.mktemp("big") / "big.yaml", 300, 1.5)


def test_inspect_interaction_0_of_a_big_file_reads_a_small_part_of_it(
    big: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """What `inspect --interaction 0` asks for (the interaction, its turn, its problems) reads
    the start of the file and its end, not the middle; counting reads it all."""
    monkeypatch.setattr(file_bytes, "READ_CHUNK", 16 * 1024)
    opened: list[Cassette] = []

    def open_and_keep(path: str, *, redact: bool = True) -> Cassette:
        opened.append(open_cassette(path, redact=redact))
        return opened[-1]

    monkeypatch.setattr(inspect_command, "open_cassette", open_and_keep)
    assert main(["inspect", "--json", "-i", "0", str(big)]) == 0
    doc = json.loads(capsys.readouterr().out)
    assert doc["interactions"][0]["index"] == 0 and doc["interactions"][0]["turn"] == 1
    (cassette,) = opened
    size = big.stat().st_size
    read = cassette.file.bytes_read
    assert read is not None and read < size // 10
    assert len(cassette) == 300 and not cassette.has(300) and cassette.has(299)
    assert (cassette.file.bytes_read or 0) >= size


def test_inspect_interaction_0_as_text_reads_a_small_part_of_the_file_too(
    big: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(file_bytes, "READ_CHUNK", 16 * 1024)
    opened: list[Cassette] = []

    def open_and_keep(path: str, *, redact: bool = True) -> Cassette:
        opened.append(open_cassette(path, redact=redact))
        return opened[-1]

    monkeypatch.setattr(inspect_command, "open_cassette", open_and_keep)
    assert main(["inspect", "-i", "0", str(big)]) == 0
    first, _, third = capsys.readouterr().out.splitlines()[:3]
    assert first == f"{big}  (go-vcr, interaction 0)"  # not counted: that reads the whole file
    assert third.startswith("#0  turn 1 · attempt 1/1  POST ")
    (cassette,) = opened
    read = cassette.file.bytes_read
    assert read is not None and read < big.stat().st_size // 10


def test_inspect_one_interaction_prints_it_and_a_missing_one_is_a_usage_error(
    big: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["inspect", "--json", "-i", "299", str(big)]) == 0
    doc = json.loads(capsys.readouterr().out)
    assert [item["index"] for item in doc["interactions"]] == [299]
    assert main(["inspect", "--json", "-i", "300", str(big)]) == 2
    assert "no interaction 300 (the cassette has 300 interactions: #0 to #299)" in capsys.readouterr().err

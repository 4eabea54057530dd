"""The Cassette facade: the one entry point the commands and the TUI use."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.helpers.paths import CASSETTES
from tui_replay.analysis.cassette import open_cassette
from tui_replay.analysis.turns import certainly_succeeded
from tui_replay.model import CassetteError, TurnInfo

WANDB = CASSETTES / "openrouter_kimi_tool_wandb.yaml"


def test_basic_facts_of_a_seed() -> None:
    cassette = open_cassette(WANDB)
    assert len(cassette) == 12
    assert cassette.format == "go-vcr"
    assert cassette.path == WANDB
    assert cassette.exchange(0).raw.status == 429
    assert cassette.exchange(11).raw.status == 200
    assert [e.index for e in cassette.exchanges()] == list(range(12))


def test_exchange_out_of_range() -> None:
    cassette = open_cassette(WANDB)
    with pytest.raises(IndexError):
        cassette.exchange(12)
    with pytest.raises(IndexError):
        cassette.exchange(-1)


def test_turn_and_cheap_turn_if_known() -> None:
    cassette = open_cassette(WANDB)
    assert cassette.turn_if_known(0) == TurnInfo(1, 1, 3)
    assert cassette.turn_index.attempt(11) == (9, 9)
    assert cassette.turn(11) == TurnInfo(2, 9, 9)
    assert cassette.turn_if_known(11) == TurnInfo(2, 9, 9)


def test_problems_are_cached_copies_in_interaction_order() -> None:
    cassette = open_cassette(WANDB)
    first = cassette.problems()
    first.clear()
    again = cassette.problems()
    assert again, "the wandb seed has 429s"
    order = [p.interaction for p in again]
    assert order == sorted(order)
    assert [p.code for p in cassette.problems_for(0)] == ["http-error"]
    assert cassette.problems_for(2) == []


def test_unreadable_files_raise_cassette_error(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("just: a mapping\n")
    with pytest.raises(CassetteError):
        open_cassette(bad)
    with pytest.raises(CassetteError):
        open_cassette(tmp_path / "missing.yaml")


@pytest.mark.parametrize(
    ("item", "expected"),
    [
        (b"    response:\n        status: 200 OK\n        code: 200\n", True),
        (b"    response:\n        status: 429 Too Many Requests\n        code: 429\n", False),
        (b"  response:\n    status:\n      code: 200\n      message: OK\n", True),
        (b'{"response": {"status": 200}}', True),
        (b'        body: \'{"error": "x"}\'\n        code: 200\n', False),
        (b"        body: !!binary H4sI\n        code: 200\n", False),
        (b"    request:\n        method: POST\n", False),  # no status: cannot tell
    ],
)
def test_certainly_succeeded_from_bytes(item: bytes, expected: bool) -> None:
    assert certainly_succeeded(item) is expected


def test_turn_numbers_of_a_seed_read_no_interaction_when_all_succeeded() -> None:
    cassette = open_cassette(CASSETTES / "openrouter_kimi_tool_together.yaml")
    before = cassette.file.items_parsed  # the lazy loader counts what it parsed
    assert cassette.turn(1) == TurnInfo(2, 1, 1)
    assert cassette.file.items_parsed == before
    retries = open_cassette(WANDB)  # 429s: the exact check must read them
    retries.turn(11)
    assert retries.file.items_parsed == 12


def test_a_cassette_is_freed_without_the_cyclic_gc() -> None:
    """Decoded data goes away with the last reference, not at the next GC pass."""
    import gc
    import weakref

    from tui_replay.analysis.cassette import open_cassette

    gc.disable()
    try:
        cassette = open_cassette(CASSETTES / "openrouter_kimi_tool_wandb.yaml")
        cassette.exchange(0)
        cassette.problems()
        cassette.turn(11)
        ref = weakref.ref(cassette)
        del cassette
        assert ref() is None
    finally:
        gc.enable()

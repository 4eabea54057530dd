"""`Cassette.problems_for(i)` from a window around `i` must agree with the
whole-cassette walk, so a big cassette need not be decoded whole to show one interaction."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.helpers.analysis_builders import assistant, call, exchange, result, text, tool, user
from tests.helpers.paths import corpus_files
from tui_replay.analysis.cassette import open_cassette
from tui_replay.analysis.problems import NEAR_LOOKAHEAD, problems_near, problems_of_all
from tui_replay.model import CassetteError

ROOT = Path(__file__).resolve().parents[2]
SYSTEM = user("Add 2 and 3")


def _mismatches(path: Path) -> list[str]:
    try:
        cassette = open_cassette(path)
        every = problems_of_all(cassette.exchange, len(cassette))
    except CassetteError:
        return []
    out = []
    for i in range(len(cassette)):
        whole = [p for p in every if p.interaction == i]
        near = problems_near(cassette.exchange, len(cassette), i)
        if sorted(map(repr, near)) != sorted(map(repr, whole)):
            out.append(f"{path.name} #{i}: near {near} != whole {whole}")
        # the count need only be right as far as the window looks (a big file is not counted)
        short = problems_near(cassette.exchange, min(len(cassette), i + NEAR_LOOKAHEAD + 1), i)
        if short != near:
            out.append(f"{path.name} #{i}: with the count cut short {short} != {near}")
    return out


@pytest.mark.parametrize("path", sorted((ROOT / "cassettes").glob("*.yaml")), ids=lambda p: p.name)
def test_window_agrees_with_whole_walk_on_bundled_cassettes(path: Path) -> None:
    assert _mismatches(path) == []


def test_window_agrees_with_whole_walk_over_the_corpus() -> None:
    files = corpus_files()
    if not files:
        pytest.skip("shared corpus not present")
    mismatches = [m for f in files for m in _mismatches(f)]
    assert mismatches == []


def test_problems_for_does_not_walk_the_whole_cassette(tmp_path: Path) -> None:
    seed = ROOT / "cassettes" / "openrouter_kimi_tool_wandb.yaml"
    cassette = open_cassette(seed)
    decoded: list[int] = []
    original = cassette.unmasked_exchange  # what the analysis reads

    def counting(i: int):  # type: ignore[no-untyped-def]
        decoded.append(i)
        return original(i)

    cassette.unmasked_exchange = counting  # type: ignore[method-assign]
    last = len(cassette) - 1
    expected = [p for p in open_cassette(seed).problems() if p.interaction == last]
    assert cassette.problems_for(last) == expected
    assert min(decoded) >= last - 8


def test_the_window_needs_the_count_only_one_past_the_index() -> None:
    """A big file is not counted to show interaction i: its problems need interactions up to
    i + NEAR_LOOKAHEAD, here the next request, which sends a call back without its result."""
    first = exchange(0, [SYSTEM], assistant(call("c1"), call("c2", "add")))
    second = exchange(1, [SYSTEM, assistant(call("c1"), call("c2")), tool(result("c1")), user("go on")])
    third = exchange(2, [user("another conversation")], assistant(text("ok")))
    every = [first, second, third]
    whole = [p for p in problems_of_all(every.__getitem__, len(every)) if p.interaction == 0]
    assert [p.code for p in whole] == ["tool-result-missing"]
    assert problems_near(every.__getitem__, 0 + NEAR_LOOKAHEAD + 1, 0) == whole

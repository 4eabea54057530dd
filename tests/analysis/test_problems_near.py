"""`Cassette.problems_for(i)` from a window around `i` (issue 5) must agree with the
whole-cassette walk, so a big cassette need not be decoded whole to show one interaction."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import corpus_files
from tui_replay.analysis.cassette import open_cassette
from tui_replay.analysis.problems import find_problems, problems_near
from tui_replay.model import CassetteError

ROOT = Path(__file__).resolve().parents[2]


def _mismatches(path: Path) -> list[str]:
    try:
        cassette = open_cassette(path)
        every = find_problems(cassette)
    except CassetteError:
        return []
    out = []
    for i in range(len(cassette)):
        whole = [p for p in every if p.interaction == i]
        near = problems_near(cassette.exchange, len(cassette), i)
        if sorted(map(repr, near)) != sorted(map(repr, whole)):
            out.append(f"{path.name} #{i}: near {near} != whole {whole}")
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
    expected = [p for p in find_problems(open_cassette(seed)) if p.interaction == last]
    assert cassette.problems_for(last) == expected
    assert min(decoded) >= last - 8

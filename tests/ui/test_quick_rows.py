"""A big cassette's first timeline rows, from facts read in the file's bytes, agree with the
rows made from the decoded interactions."""

from __future__ import annotations

from pathlib import Path

from tests.helpers.poll_cassettes import background
from tui_replay.analysis.cassette import open_cassette
from tui_replay.ui.quick_rows import exact_row, numbered, quick_rows
from tui_replay.ui.rows import timeline_rows

CASSETTES = Path(__file__).resolve().parents[2] / "cassettes"


def test_quick_rows_have_the_method_status_and_duration_of_the_decoded_rows() -> None:
    paths = sorted(CASSETTES.glob("*.yaml"))
    assert paths
    for path in paths:
        quick, exact = quick_rows(open_cassette(path)), timeline_rows(open_cassette(path))
        facts = [(r.index, r.method, r.status, r.duration_ms, r.turn) for r in quick]
        assert facts == [(r.index, r.method, r.status, r.duration_ms, 0) for r in exact], path.name


def test_numbered_and_exact_rows_keep_the_polls(tmp_path: Path) -> None:
    cassette = background(tmp_path)
    rows = timeline_rows(cassette)
    turns = cassette.turn_index
    assert turns.scan()
    numbered_rows = [numbered(row, turns.info(row.index)) for row in quick_rows(cassette)]
    exact = [
        exact_row(cassette.exchange(i), cassette.turn(i), cassette.problems_for(i))
        for i in range(len(cassette))
    ]
    polls = [(r.poll, r.polls) for r in rows]
    assert polls == [(0, 0), (0, 3), (1, 3), (2, 3), (3, 3), (0, 0)]
    assert [(r.poll, r.polls) for r in numbered_rows] == polls
    assert exact == rows

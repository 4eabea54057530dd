"""The timeline's rows: what they show and how wide they say they are."""

from __future__ import annotations

import itertools
from dataclasses import replace

from tests.helpers.paths import corpus_new_file
from tui_replay.analysis.cassette import open_cassette
from tui_replay.ui.rows import TimelineRow, timeline_rows
from tui_replay.ui.widgets.interaction_list import prompt_width, row_prompt


def test_counted_width_is_the_width_of_the_longer_prompt_line() -> None:
    cases = itertools.product(
        (0, 7, 123, 4999, 12345),  # index
        (None, 200, 429),  # status
        (0, 3, 17),  # turn (0: still being numbered)
        ((1, 1), (3, 9), (10, 12)),  # attempt, attempts
        (None, 0.4, 999.0, 2018.15, 78006.0, 3_600_000.0),  # duration
        (False, True),  # streamed
        (0, 2, 13),  # problems
        ("", "dropped", "resumed, dropped"),  # where a realtime session broke
    )
    for index, status, turn, (attempt, attempts), duration, streamed, problems, session in cases:
        row = TimelineRow(
            index=index,
            method="POST",
            status=status,
            turn=turn,
            attempt=attempt,
            attempts=attempts,
            duration_ms=duration,
            streamed=streamed,
            is_error=status is not None and status >= 400,
            problems=problems,
            worst="warning" if problems else None,
            session=session,
        )
        lines = row_prompt(row).plain.split("\n")
        assert prompt_width(row) == max(len(line) for line in lines), row


def test_a_dropped_and_resumed_realtime_session_is_marked_where_it_broke() -> None:
    path = corpus_new_file(
        "vcrpy/pydantic-ai/realtime/cassettes/test_xai_ws/test_session_resumption_after_drop.yaml"
    )
    rows = timeline_rows(open_cassette(path))
    assert [row.session for row in rows] == ["dropped", "resumed"]
    assert row_prompt(rows[0]).plain.split("\n")[1].endswith(" ↯")
    assert row_prompt(rows[1]).plain.split("\n")[1].endswith(" ↺")
    assert "↯" not in row_prompt(replace(rows[0], session="")).plain
    assert row_prompt(replace(rows[0], session="resumed, dropped")).plain.endswith(" ↺↯")

"""The timeline's rows: what they show and how wide they say they are."""

from __future__ import annotations

import itertools
from dataclasses import replace
from pathlib import Path

from tests.helpers.paths import corpus_new_file
from tests.helpers.poll_cassettes import background
from tests.helpers.waiting import wait_until
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
        ((0, 0), (0, 4), (1, 3), (12, 12)),  # poll, polls
        ("", "dropped", "resumed, dropped"),  # where a realtime session broke
    )
    for index, status, turn, (attempt, attempts), duration, streamed, problems, (
        poll,
        polls,
    ), session in cases:
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
            poll=poll,
            polls=polls,
            session=session,
        )
        lines = row_prompt(row).plain.split("\n")
        assert prompt_width(row) == max(len(line) for line in lines), row


def test_a_poll_row_says_which_poll_of_its_turn_it_is(tmp_path: Path) -> None:
    rows = timeline_rows(background(tmp_path))
    second_lines = [row_prompt(row).plain.split("\n")[1].strip() for row in rows]
    assert second_lines == [
        "turn 1 · attempt 1/1",
        "turn 2 · attempt 1/1",
        "turn 2 · poll 1/3",
        "turn 2 · poll 2/3",
        "turn 2 · poll 3/3",
        "turn 3 · attempt 1/1",
    ]


async def test_the_detail_header_and_caption_say_poll_for_a_poll(tmp_path: Path) -> None:
    from tui_replay.ui.app import ReplayApp
    from tui_replay.ui.screens.cassette_screen import CassetteScreen

    path = background(tmp_path).path
    app = ReplayApp([path], autoplay=False, present=True)
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_until(lambda: isinstance(app.screen, CassetteScreen), pilot, what="the cassette screen")
        for key in "nnn":  # #3: the second poll of turn 2
            await pilot.press(key)

        def drawn() -> str:
            return "\n".join(strip.text for strip in app.screen._compositor.render_strips())

        # the caption counts as a class does: "Step 4 of 5 · turn 2 · poll 2 of 3"
        await wait_until(lambda: "poll 2 of 3" in drawn(), pilot, what="the poll's label on screen")
        assert "attempt 1" not in drawn()


def test_a_dropped_and_resumed_realtime_session_is_marked_where_it_broke() -> None:
    path = corpus_new_file(
        "vcrpy/pydantic-ai/realtime/cassettes/test_xai_ws/test_session_resumption_after_drop.yaml"
    )
    rows = timeline_rows(open_cassette(path))
    assert [row.session for row in rows] == ["dropped", "resumed"]
    assert row_prompt(rows[0]).plain.split("\n")[1].endswith(" ¦")
    assert row_prompt(rows[1]).plain.split("\n")[1].endswith(" ⟲")
    assert "¦" not in row_prompt(replace(rows[0], session="")).plain
    assert row_prompt(replace(rows[0], session="resumed, dropped")).plain.endswith(" ⟲¦")

"""The cassette screen shows what was spent: cassette totals and wasted work on top of the
timeline, the selected turn's share under them, and each interaction's in the detail header.

Numbers read by hand from the wandb seed: ten 429s without usage (342.7 + 350.2 + ... ms),
#2 97 in / 31 out / cost 0.00025495, #11 171 in / 35 out / cost 0.00037085."""

from __future__ import annotations

import pytest
from textual.widgets import Static

from tui_replay.analysis import spend
from tui_replay.model import CassetteError
from tui_replay.ui.app import ReplayApp
from tui_replay.ui.scenarios import STREAMING, WANDB, play
from tui_replay.ui.widgets.spend_header import SpendHeader


def _lines(app: ReplayApp) -> list[str]:
    return str(app.screen.query_one(SpendHeader).render()).splitlines()


def _detail_header(app: ReplayApp) -> str:
    return str(app.screen.query_one("#detail-header", Static).render())


async def test_timeline_header_shows_cassette_totals_wasted_work_and_the_selected_turn() -> None:
    app = ReplayApp([WANDB], autoplay=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await play(app, pilot, ())
        # 128 + 206 tokens reported; "≥": ten interactions reported none
        assert _lines(app) == [
            "Σ ≥334 tok · cost 0.00063",
            "wasted 10× · 3.9 s",
            "turn 1: ≥128 tok · wasted 2×",
        ]
        header = app.screen.query_one(SpendHeader)
        assert header.region.y < app.screen.query_one("#timeline").region.y
        assert "usage unknown for 10 of 12" in str(header.tooltip)
        await play(app, pilot, ("G",))
        assert _lines(app)[2] == "turn 2: ≥206 tok · wasted 8×"


async def test_a_clean_cassette_says_no_waste_and_needs_no_turn_line() -> None:
    app = ReplayApp([STREAMING], autoplay=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await play(app, pilot, ())
        # usage 197 in / 55 out and 390 in / 29 out; costs 0.00015846 + 0.0003065
        assert _lines(app) == ["Σ 671 tok · cost 0.00046", "no wasted work"]


async def test_detail_header_line_shows_the_interactions_spend() -> None:
    app = ReplayApp([WANDB], autoplay=False)
    async with app.run_test(size=(160, 40)) as pilot:
        await play(app, pilot, ())
        assert _detail_header(app).endswith("·  tokens unknown · wasted 343 ms")
        await play(app, pilot, ("n", "n"))
        assert _detail_header(app).startswith("#2 of 12")
        assert _detail_header(app).endswith("·  97 in · 31 out · cost 0.00025")


async def test_a_file_that_breaks_while_summed_says_so_instead_of_counting_forever(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    def broken(*_args: object, **_kwargs: object) -> None:
        raise CassetteError(WANDB, "bad YAML", line=300)

    monkeypatch.setattr(spend, "cassette_spend", broken)
    app = ReplayApp([WANDB], autoplay=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await play(app, pilot, ())
        assert _lines(app) == ["Σ not counted: the file could not be read whole"]
        assert f"{WANDB}:300" in str(app.screen.query_one(SpendHeader).tooltip)

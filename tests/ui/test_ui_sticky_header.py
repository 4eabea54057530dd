"""The sticky line above the detail pane leaves out whole facts when narrow, never half of one."""

from __future__ import annotations

import pytest
from rich.cells import cell_len

from tests.helpers.paths import CASSETTES
from tests.helpers.waiting import wait_until
from tui_replay.ui.app import ReplayApp
from tui_replay.ui.widgets.sticky_header import StickyHeader, fitted_line

WANDB = CASSETTES / "openrouter_kimi_tool_wandb.yaml"
FACTS = ["#2 of 12", "200", "turn 1", "attempt 3/3"]
TAIL = ["97 in", "31 out", "cost 0.00025"]


@pytest.mark.parametrize("width", range(1, 90))
def test_a_fitted_line_fits_and_keeps_whole_facts_in_order(width: int) -> None:
    line = fitted_line(FACTS, width, TAIL)
    assert cell_len(line) <= width
    if line.endswith("…"):  # only the first fact alone may be cut
        assert "·" not in line
        return
    shown = [fact.strip() for fact in line.replace("  ·  ", "|").replace(" · ", "|").split("|")]
    everything = FACTS + TAIL
    assert shown == everything[: len(shown)], line  # a prefix of the facts, each whole


def test_a_line_that_fits_is_shown_whole() -> None:
    assert (
        fitted_line(FACTS, 200, TAIL)
        == "#2 of 12  ·  200  ·  turn 1  ·  attempt 3/3  ·  97 in · 31 out · cost 0.00025"
    )


@pytest.mark.parametrize("size", [(80, 24), (120, 40), (200, 60)])
async def test_the_sticky_line_of_an_interaction_fits_its_width(size: tuple[int, int]) -> None:
    app = ReplayApp([WANDB], autoplay=False)
    async with app.run_test(size=size) as pilot:
        header = await _header(app, pilot)
        await pilot.press("n", "n")
        await wait_until(lambda: str(header.render()).startswith("#2 of 12"), pilot, what="#2's line")
        text = str(header.render())
        assert cell_len(text) <= header.content_region.width
        assert not text.rstrip().endswith(("·", "cost", "in", "out")), text
        if size[0] >= 120:
            assert text.endswith("97 in · 31 out · cost 0.00025"), text
        else:
            assert "attempt 3/3" in text, text


async def test_the_sticky_line_is_fitted_again_when_the_terminal_widens() -> None:
    app = ReplayApp([WANDB], autoplay=False)
    async with app.run_test(size=(80, 24)) as pilot:
        header = await _header(app, pilot)
        await pilot.press("n", "n")
        await wait_until(lambda: str(header.render()).startswith("#2 of 12"), pilot, what="#2's line")
        assert "cost 0.00025" not in str(header.render())
        await pilot.resize_terminal(200, 40)
        await wait_until(lambda: "cost 0.00025" in str(header.render()), pilot, what="the line refitted")


async def _header(app: ReplayApp, pilot: object) -> StickyHeader:
    await wait_until(lambda: app.screen.query(StickyHeader), pilot, what="the cassette screen")
    return app.screen.query_one(StickyHeader)

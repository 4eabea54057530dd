"""DiffPane: nothing to compare, side by side vs unified by width, worker for big inputs, snapshots."""

from __future__ import annotations

import json

from textual.app import App, ComposeResult

from tests.conftest import CASSETTES
from tui_replay import dialects
from tui_replay.analysis.cassette import open_cassette
from tui_replay.model import Exchange, RawInteraction
from tui_replay.ui.widgets.diff_pane import SIDE_BY_SIDE_MIN_WIDTH, SYNC_LIMIT_BYTES, DiffPane

WANDB = CASSETTES / "openrouter_kimi_tool_wandb.yaml"


class DiffHost(App[None]):
    def __init__(self, left: Exchange | None, right: Exchange | None, title: str = "compare") -> None:
        super().__init__()
        self.left, self.right, self.title_text = left, right, title
        self.computed: list[DiffPane.Computed] = []

    def compose(self) -> ComposeResult:
        yield DiffPane(id="diff")

    def on_mount(self) -> None:
        self.query_one(DiffPane).show(self.left, self.right, self.title_text)

    def on_diff_pane_computed(self, message: DiffPane.Computed) -> None:
        self.computed.append(message)


def wandb(index: int) -> Exchange:
    return open_cassette(WANDB).exchange(index)


def screen_text(pane: DiffPane) -> list[str]:
    return [pane.render_line(y).text for y in range(pane.scrollable_content_region.height)]


def big_exchange(marker: str) -> Exchange:
    messages = [{"role": "user", "content": f"{marker} {i} " + "x" * 60} for i in range(1500)]
    body = json.dumps({"model": "m", "messages": messages}).encode()
    assert len(body) > SYNC_LIMIT_BYTES
    raw = RawInteraction(
        0, "POST", "https://api.example.com/v1/chat/completions", (), body, 200, "OK", (), b"{}", 1.0
    )
    return dialects.decode(raw)


async def test_nothing_to_compare_without_a_left_side() -> None:
    app = DiffHost(None, wandb(0))
    async with app.run_test(size=(120, 30)) as pilot:
        await pilot.pause()
        pane = app.query_one(DiffPane)
        assert pane.diff is None
        assert "nothing to compare" in screen_text(pane)[0]
        assert app.computed and app.computed[-1].diff is None


async def test_wide_pane_is_side_by_side_and_narrow_unified_following_resizes() -> None:
    app = DiffHost(wandb(0), wandb(2), "turn 1 · attempt 1/3 ↔ attempt 3/3")
    async with app.run_test(size=(130, 40)) as pilot:
        await pilot.pause()
        pane = app.query_one(DiffPane)
        assert pane.scrollable_content_region.width >= SIDE_BY_SIDE_MIN_WIDTH
        assert pane.side_by_side and pane.border_subtitle == "side by side"
        assert pane.diff is not None and pane.diff.summary.startswith("request identical")
        text = screen_text(pane)
        assert text[0].strip().startswith("request identical · response: 429 error body → 200 message")
        status_row = next(line for line in text if "HTTP 429 Too Many Requests" in line)
        assert "HTTP 200 OK" in status_row  # both statuses on one row, side by side
        await pilot.resize_terminal(80, 40)
        await pilot.pause()
        assert not pane.side_by_side and pane.border_subtitle == "unified"
        text = screen_text(pane)
        old = next(i for i, line in enumerate(text) if "HTTP 429 Too Many Requests" in line)
        assert "HTTP 200 OK" in text[old + 1] and "HTTP 200 OK" not in text[old]
        assert text[old].split("HTTP")[0].rstrip().endswith("-")
        assert text[old + 1].split("HTTP")[0].rstrip().endswith("+")


async def test_big_inputs_are_diffed_in_a_worker_with_a_loading_state() -> None:
    app = DiffHost(big_exchange("left"), big_exchange("right"))
    async with app.run_test(size=(120, 30)) as pilot:
        pane = app.query_one(DiffPane)
        assert pane.diff is None and pane.loading
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert pane.diff is not None and not pane.loading
        assert pane.diff.sections[0].added == 1500 == pane.diff.sections[0].removed


async def test_a_newer_show_wins_over_a_slow_worker() -> None:
    app = DiffHost(big_exchange("left"), big_exchange("right"))
    async with app.run_test(size=(120, 30)) as pilot:
        pane = app.query_one(DiffPane)
        pane.show(wandb(0), wandb(2), "small")  # arrives while the big diff is computing
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert pane.diff is not None and pane.diff.summary.startswith("request identical")
        assert pane.border_title == "small" and not pane.loading


# -- snapshots -------------------------------------------------------------------


def test_snapshot_attempts_side_by_side(snap_compare: object) -> None:
    app = DiffHost(wandb(0), wandb(2), "turn 1 · attempt 1/3 ↔ attempt 3/3")
    assert snap_compare(app, terminal_size=(130, 40))  # type: ignore[operator]


def test_snapshot_attempts_unified(snap_compare: object) -> None:
    app = DiffHost(wandb(0), wandb(2), "turn 1 · attempt 1/3 ↔ attempt 3/3")
    assert snap_compare(app, terminal_size=(80, 30))  # type: ignore[operator]


def test_snapshot_turn_2_against_turn_1(snap_compare: object) -> None:
    app = DiffHost(wandb(2), wandb(11), "turn 1 ↔ turn 2")

    assert snap_compare(app, terminal_size=(130, 40))  # type: ignore[operator]

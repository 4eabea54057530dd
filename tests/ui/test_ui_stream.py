"""StreamView: keys move the playback, speed steps, recorded-time progress line, snapshots."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.app import App, ComposeResult
from textual.containers import VerticalScroll
from textual.widgets import Static

from tests.conftest import CASSETTES
from tests.helpers.waiting import wait_until
from tui_replay.analysis.cassette import open_cassette
from tui_replay.model import Exchange
from tui_replay.ui.widgets import stream_view as stream_module
from tui_replay.ui.widgets.message_view import MessageView
from tui_replay.ui.widgets.stream_view import SPEEDS, StreamView

STREAMING = CASSETTES / "openrouter_kimi_multi_tool_streaming.yaml"
WANDB = CASSETTES / "openrouter_kimi_tool_wandb.yaml"
# bundled, so the snapshot exists for a clone without ../shared (an unused snapshot fails the run)
THINKING = CASSETTES / "anthropic_thinking_tool_stream.yaml"

# Read from the cassette: interaction 0 of the streaming seed lasted `duration: 1.0912445s`
# and its SSE body says "I'll add and multiply the numbers 2 and 3 for you." then calls
# add and multiply with {"a": 2, "b": 3}.
RECORDED_MS = 1091.2445
FIRST_SENTENCE = "I'll add and multiply the numbers 2 and 3 for you."


def load(path: Path, index: int) -> Exchange:
    return open_cassette(path).exchange(index)


class StreamHost(App[None]):
    """A bare app around one StreamView, as the replay screen mounts it."""

    def __init__(self, exchange: Exchange, *, autoplay: bool = False, speed: float = 1.0) -> None:
        super().__init__()
        self.exchange = exchange
        self.autoplay = autoplay
        self.initial_speed = speed
        self.progress: list[tuple[int, int]] = []

    def compose(self) -> ComposeResult:
        with VerticalScroll():
            yield StreamView(autoplay=self.autoplay, id="stream")

    def on_mount(self) -> None:
        view = self.query_one(StreamView)
        view.speed = self.initial_speed
        view.show(self.exchange)
        view.focus()

    def on_stream_view_progress(self, message: StreamView.Progress) -> None:
        self.progress.append((message.position, message.total))


def shown_message(app: App[None]) -> MessageView:
    return app.query_one("#stream-message", MessageView)


# -- behaviour ---------------------------------------------------------------


async def test_keys_step_forward_back_finish_and_restart() -> None:
    exchange = load(STREAMING, 0)
    total = len(exchange.response.chunks)
    app = StreamHost(exchange)
    async with app.run_test() as pilot:
        view = app.query_one(StreamView)
        assert (view.position, view.total, view.playing) == (0, total, False)
        await pilot.press("full_stop", "full_stop", "full_stop")
        assert view.position == 3
        await pilot.press("comma")
        assert view.position == 2
        await pilot.press("end")
        assert view.position == total and not view.playing
        assert "finished" in view.progress_text()
        await pilot.press("0")
        assert view.position == 0 and not view.playing  # autoplay off: restart does not play
        await pilot.pause()
        assert app.progress[-1] == (0, total)


async def test_message_grows_with_the_chunks() -> None:
    exchange = load(STREAMING, 0)
    app = StreamHost(exchange)
    async with app.run_test() as pilot:
        await pilot.press(*["full_stop"] * 15)  # "start" + 14 text deltas
        message = shown_message(app).message
        assert message is not None
        assert message.text == FIRST_SENTENCE
        assert message.tool_calls == ()
        await pilot.press(*["full_stop"] * 4)  # add starts, then '{"a', '":', ' '
        message = shown_message(app).message
        assert message is not None and [c.name for c in message.tool_calls] == ["add"]
        assert message.tool_calls[0].arguments_raw == '{"a": '
        assert shown_message(app).streaming
        await pilot.press("end")
        final = shown_message(app).message
        assert final is not None
        assert [(c.name, c.arguments) for c in final.tool_calls] == [
            ("add", {"a": 2, "b": 3}),
            ("multiply", {"a": 2, "b": 3}),
        ]
        assert not shown_message(app).streaming


async def test_speed_steps_through_the_fixed_speeds_and_stops_at_the_ends() -> None:
    app = StreamHost(load(STREAMING, 0))
    async with app.run_test() as pilot:
        view = app.query_one(StreamView)
        assert view.speed == 1.0
        await pilot.press("plus")
        assert view.speed == 2.0
        await pilot.press(*["plus"] * 10)
        assert view.speed == SPEEDS[-1] == 16.0
        await pilot.press(*["minus"] * 5)
        assert view.speed == 0.5
        await pilot.press(*["minus"] * 5)
        assert view.speed == SPEEDS[0] == 0.25
        assert "0.25x" in view.progress_text()


async def test_faster_never_slows_a_speed_set_above_the_ladder() -> None:
    app = StreamHost(load(STREAMING, 0), speed=20.0)  # --autoplay --speed 20
    async with app.run_test() as pilot:
        view = app.query_one(StreamView)
        await pilot.press("plus")
        assert view.speed == 20.0
        await pilot.press("minus")
        assert view.speed == 16.0


async def test_progress_line_shows_recorded_time_at_the_position() -> None:
    exchange = load(STREAMING, 0)
    assert exchange.raw.duration_ms == pytest.approx(RECORDED_MS)
    total = len(exchange.response.chunks)
    app = StreamHost(exchange)
    async with app.run_test() as pilot:
        await pilot.press(*["full_stop"] * 21)
        at = RECORDED_MS * 21 / total / 1000
        view = app.query_one(StreamView)
        expected = f"paused · chunk 21/{total} · {at:.2f} s / 1.09 s recorded · 1x"
        assert view.progress_text() == expected
        assert str(app.query_one("#stream-progress", Static).render()) == expected


async def test_the_state_is_seen_on_the_progress_line_at_80_columns() -> None:
    """The line is one row, cut at the pane's width: the state comes first, so `paused` and
    `finished` are seen however narrow the pane."""
    from tui_replay.ui.app import ReplayApp
    from tui_replay.ui.scenarios import play

    app = ReplayApp([THINKING], autoplay=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await play(app, pilot, ())  # the cassette opened, its first interaction drawn
        view = app.screen.query_one(StreamView)
        assert view.display and view.total > 0
        progress = view.query_one("#stream-progress", Static)
        await pilot.press("full_stop")  # one chunk in, stopped there
        await pilot.pause()
        assert progress.size.width < len(view.progress_text())  # cut at this width
        assert progress.render_line(0).text.strip().startswith("paused · chunk 1/")
        await pilot.press("end")
        await pilot.pause()
        assert progress.render_line(0).text.strip().startswith("finished · chunk ")


def role_line(app: App[None]) -> str:
    return shown_message(app).query_one(".role").render_line(0).text.strip()


async def test_the_header_of_a_paused_stream_says_paused(monkeypatch: pytest.MonkeyPatch) -> None:
    now = [100.0]
    monkeypatch.setattr(stream_module, "monotonic", lambda: now[0])
    app = StreamHost(load(STREAMING, 0), autoplay=True)
    async with app.run_test() as pilot:
        view = app.query_one(StreamView)
        await pilot.pause()  # the clock starts once chunk 0 is on screen
        now[0] += RECORDED_MS / 2 / 1000
        view._frame()
        await pilot.pause()
        assert view.playing and role_line(app) == "ASSISTANT · streaming…"
        await pilot.press("space")
        await pilot.pause()
        assert not view.playing and role_line(app) == "ASSISTANT · paused"
        await pilot.press("full_stop")  # stepped: stopped part way too
        await pilot.pause()
        assert role_line(app) == "ASSISTANT · paused"
        await pilot.press("space")
        await pilot.pause()
        assert role_line(app) == "ASSISTANT · streaming…"
        await pilot.press("end")  # the last frame drawn as cheaply as the others, then at rest
        await wait_until(lambda: role_line(app) == "ASSISTANT", pilot, what="the header at rest")


async def test_a_non_streamed_response_appears_at_once() -> None:
    exchange = load(WANDB, 2)
    assert not exchange.streamed
    app = StreamHost(exchange, autoplay=True)
    async with app.run_test():
        view = app.query_one(StreamView)
        assert not view.playing and not view.replayable
        assert shown_message(app).message == exchange.response.message
        assert view.progress_text().startswith("not streamed")


async def test_an_error_without_message_says_so() -> None:
    exchange = load(WANDB, 0)
    assert exchange.response.message is None
    app = StreamHost(exchange)
    async with app.run_test():
        assert app.query_one("#stream-empty", Static).display
        assert not shown_message(app).display


async def test_speed_change_while_playing_keeps_the_recorded_time(monkeypatch: pytest.MonkeyPatch) -> None:
    """With a fake clock: position follows (now - start) * speed + offset, re-anchored on + / -."""
    now = [100.0]
    monkeypatch.setattr(stream_module, "monotonic", lambda: now[0])
    exchange = load(STREAMING, 0)
    total = len(exchange.response.chunks)
    app = StreamHost(exchange, autoplay=True)
    async with app.run_test() as pilot:
        view = app.query_one(StreamView)
        await pilot.pause()  # the clock starts once chunk 0 is on screen
        assert view.playing and view.position == 0 and view.replay_started == 100.0
        now[0] += RECORDED_MS / 2 / 1000  # half the recorded time
        view._frame()
        assert view.position == total // 2
        await pilot.press("plus")  # 2x from here
        now[0] += 0.1  # 100 ms wall = 200 ms recorded
        view._frame()
        expected = int((RECORDED_MS / 2 + 200) * total / RECORDED_MS)
        assert view.position == expected
        await pilot.press("space")
        assert not view.playing
        now[0] += 10  # paused: time passes, nothing moves
        view._frame()
        assert view.position == expected
        await pilot.press("space")
        now[0] += RECORDED_MS / 1000  # well past the end at 2x
        view._frame()
        assert view.position == total and not view.playing


async def test_autoplay_with_the_real_timer_reaches_the_end() -> None:
    exchange = load(STREAMING, 0)
    total = len(exchange.response.chunks)
    app = StreamHost(exchange, autoplay=True, speed=16.0)
    async with app.run_test() as pilot:
        view = app.query_one(StreamView)
        # the real timer's pacing is under test; the test only waits for its end
        await wait_until(lambda: view.position == total, timeout=30, what="the stream played to the end")
        assert not view.playing
        await pilot.pause()
        assert app.progress[-1] == (total, total)
        # coalesced: far fewer progress messages than chunks at 16x (one per frame at most)
        assert len(app.progress) < total


# -- snapshots -----------------------------------------------------------------


def test_snapshot_stream_half_replayed(snap_compare: object) -> None:
    app = StreamHost(load(STREAMING, 0))
    assert snap_compare(app, press=["full_stop"] * 21, terminal_size=(100, 24))  # type: ignore[operator]


def test_snapshot_stream_finished(snap_compare: object) -> None:
    app = StreamHost(load(STREAMING, 0))
    assert snap_compare(app, press=["end"], terminal_size=(100, 30))  # type: ignore[operator]


def test_snapshot_thinking_stream(snap_compare: object) -> None:
    app = StreamHost(load(THINKING, 0))  # 6 of 19 chunks: the thinking block is still growing
    assert snap_compare(app, press=["full_stop"] * 6, terminal_size=(100, 30))  # type: ignore[operator]


async def test_thinking_block_folds_opens_and_counts_words() -> None:
    """One widget: folded to its title at rest, opened while streaming, toggled by enter or a
    click on the title; the word count follows the text."""
    from textual.app import App

    from tui_replay.model import ThinkingPart
    from tui_replay.ui.widgets.thinking_view import INDENT, ThinkingPartView

    words = " ".join(f"word{i}" for i in range(40))

    class Host(App[None]):
        def compose(self) -> ComposeResult:
            yield ThinkingPartView(ThinkingPart(words), streaming=False)

    app = Host()
    async with app.run_test(size=(60, 20)) as pilot:
        view = app.query_one(ThinkingPartView)
        assert view.collapsed and view.size.height == 1
        assert view.title == "▶ thinking · 40 words"
        assert view.render_line(0).text.startswith("▶ thinking · 40 words")
        view.focus()
        await pilot.press("enter")
        await pilot.pause()
        assert not view.collapsed and view.size.height > 2
        assert view.render_line(1).text.startswith(" " * INDENT + "word0 word1")
        await pilot.click(ThinkingPartView, offset=(3, 0))  # the title row (padding 1 + 2)
        await pilot.pause()
        assert view.collapsed and view.size.height == 1

        view.set_part(ThinkingPart("one two"), streaming=True)  # streaming opens it
        await pilot.pause()
        assert not view.collapsed and view.title == "▼ thinking · 2 words"
        view.set_part(ThinkingPart("one two three"), streaming=True)
        await pilot.pause()
        assert view.title == "▼ thinking · 3 words"
        assert "one two three" in view.render_line(1).text

        view.set_part(ThinkingPart("", redacted=True), streaming=False)
        await pilot.pause()
        assert view.title.endswith("redacted thinking · 0 words")
        assert "(redacted by the provider)" in view.render_line(1).text

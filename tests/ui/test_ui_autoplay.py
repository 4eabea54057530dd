"""`--autoplay`: the clock-free driver stepped by hand, then the app driven through it."""

from __future__ import annotations

import asyncio
import time
from pathlib import Path

import pytest
import yaml

from tui_replay.analysis.steps import lesson_steps
from tui_replay.cli.tui import parser as _tui_parser
from tui_replay.cli.tui import run as run_tui
from tui_replay.formats.scan import iter_cassette_files
from tui_replay.ui.app import ReplayApp
from tui_replay.ui.autoplay import FRAME_SECONDS, AutoplayDriver, Phase, Quit, Show
from tui_replay.ui.scenarios import STREAMING, WANDB, play, settle
from tui_replay.ui.screens.cassette_screen import CassetteScreen

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(autouse=True)
def _run_from_project_root(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)


def interaction_count(path: str) -> int:
    return len(yaml.safe_load((ROOT / path).read_text())["interactions"])


# -- the driver, no app, no clock ---------------------------------------------------------


def test_driver_plays_every_interaction_in_order_then_quits() -> None:
    driver = AutoplayDriver(3, speed=1.0, exit_at_end=True, pause_seconds=1.5)
    assert driver.start() == Show(0)
    shown = [0]
    for _ in range(1000):
        command = driver.tick(0.1, stream_done=True)
        if isinstance(command, Show):
            shown.append(command.index)
        if isinstance(command, Quit):
            break
    assert shown == [0, 1, 2]
    assert driver.phase is Phase.FINISHED and not driver.active


def test_driver_waits_for_the_stream_then_pauses_exactly() -> None:
    driver = AutoplayDriver(2, speed=2.0, pause_seconds=1.5)
    driver.start()
    for _ in range(50):  # a long stream: nothing happens while it plays
        assert driver.tick(1.0, stream_done=False) is None
    assert driver.phase is Phase.STREAMING and driver.index == 0
    assert driver.tick(5.0, stream_done=True) is None  # the stream just ended: the pause begins
    assert driver.phase is Phase.PAUSING
    assert driver.pause == pytest.approx(0.75)  # 1.5 s / speed 2
    assert driver.tick(0.5, stream_done=True) is None
    assert driver.tick(0.25, stream_done=True) == Show(1)
    assert driver.phase is Phase.STREAMING


def test_driver_without_exit_at_end_stays_on_the_last_interaction() -> None:
    driver = AutoplayDriver(1, exit_at_end=False)
    assert driver.start() == Show(0)
    driver.tick(0.0, stream_done=True)
    assert driver.tick(10.0, stream_done=True) is None
    assert driver.phase is Phase.FINISHED and driver.index == 0


def test_pause_is_scaled_by_speed_but_at_least_a_frame() -> None:
    assert AutoplayDriver(2, speed=1.0).pause == pytest.approx(1.5)
    assert AutoplayDriver(2, speed=20.0).pause == pytest.approx(0.075)
    assert AutoplayDriver(2, speed=100.0).pause == pytest.approx(FRAME_SECONDS)
    with pytest.raises(ValueError):
        AutoplayDriver(2, speed=0)


def test_stop_takes_control_for_good() -> None:
    driver = AutoplayDriver(3, exit_at_end=True)
    driver.start()
    driver.tick(0.0, stream_done=True)
    driver.stop()
    assert driver.phase is Phase.STOPPED and not driver.active
    assert all(driver.tick(10.0, stream_done=True) is None for _ in range(5))


def test_empty_cassette_finishes_at_once() -> None:
    assert AutoplayDriver(0, exit_at_end=True).start() == Quit()
    assert AutoplayDriver(0).start() is None


# -- the app, driven through its Teaching object (stream timers off) -------------------------


async def test_app_plays_through_the_streaming_cassette_deterministically() -> None:
    count = interaction_count(STREAMING)
    app = ReplayApp([STREAMING], autoplay=False, play_through=True)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        screen = app.screen
        assert isinstance(screen, CassetteScreen)
        teaching = app.teaching
        assert teaching.driver is not None and teaching.driver.phase is Phase.STREAMING
        for index in range(count):
            assert screen.selected == index
            stream = screen.query_one("#stream")
            assert stream.total > 0 and stream.position == stream.total  # shown finished
            teaching.advance(0.0)  # the stream is done: the pause starts
            assert teaching.driver.phase is Phase.PAUSING
            teaching.advance(teaching.driver.pause / 2)
            assert screen.selected == index  # still pausing
            teaching.advance(teaching.driver.pause)
            await settle(app, pilot)
        assert teaching.driver.phase is Phase.FINISHED
        assert app.is_running  # no --exit-at-end


async def test_a_key_takes_back_control_and_still_does_its_job() -> None:
    app = ReplayApp([WANDB], autoplay=False, play_through=True)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        screen = app.screen
        assert isinstance(screen, CassetteScreen)
        teaching = app.teaching
        teaching.advance(0.0)
        teaching.advance(10.0)
        await settle(app, pilot)
        assert screen.selected == 1 and teaching.autoplaying
        await play(app, pilot, ("p",))
        assert not teaching.autoplaying and teaching.driver is not None
        assert teaching.driver.phase is Phase.STOPPED
        assert screen.selected == 0  # `p` still went to the previous interaction
        teaching.advance(10.0)
        teaching.advance(10.0)
        await settle(app, pilot)
        assert screen.selected == 0


async def test_a_folder_with_autoplay_opens_its_first_cassette() -> None:
    first = next(iter(iter_cassette_files(["cassettes"])))
    app = ReplayApp(["cassettes"], autoplay=False, play_through=True)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        await settle(app, pilot)
        screen = app.screen
        assert isinstance(screen, CassetteScreen)
        assert screen.cassette.path.resolve() == first.resolve()
        assert app.teaching.driver is not None and app.teaching.driver.index == 0


async def test_real_timer_plays_to_the_end_and_exits_by_itself() -> None:
    """With the app's own timer (stream animation on) at 50x: the app quits on its own."""
    app = ReplayApp([STREAMING], play_through=True, speed=50, exit_at_end=True)
    started = time.monotonic()
    async with app.run_test(size=(120, 40)):
        while app.is_running and time.monotonic() - started < 60:
            await asyncio.sleep(0.05)
        assert app.teaching.driver is not None
        assert app.teaching.driver.phase is Phase.FINISHED
        assert app.teaching.driver.index == interaction_count(STREAMING) - 1
    assert time.monotonic() - started < 60
    assert app.return_code in (None, 0)


# -- command line ------------------------------------------------------------------------------


def test_cli_parses_the_teaching_flags() -> None:
    args = _tui_parser().parse_args(["--autoplay", "--speed", "20", "--exit-at-end", "--present", "x.yaml"])
    assert (args.autoplay, args.speed, args.exit_at_end, args.present) == (True, 20.0, True, True)
    assert _tui_parser().parse_args(["x.yaml"]).speed is None


@pytest.mark.parametrize("bad", ["0", "-1", "fast", "1000"])
def test_cli_refuses_a_bad_speed(bad: str, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exc:
        _tui_parser().parse_args(["--speed", bad])
    assert exc.value.code == 2
    assert "--speed" in capsys.readouterr().err


def test_exit_at_end_needs_autoplay(capsys: pytest.CaptureFixture[str]) -> None:
    assert run_tui(["--exit-at-end", STREAMING]) == 2
    assert "--autoplay" in capsys.readouterr().err


def test_cli_speed_bounds_are_the_replays() -> None:
    """The command line checks `--speed` without importing the app: its bounds must follow it."""
    from tui_replay.cli import tui
    from tui_replay.ui.autoplay import MAX_SPEED, MIN_SPEED

    assert (tui.MIN_SPEED, tui.MAX_SPEED) == (MIN_SPEED, MAX_SPEED)


def test_driver_shows_only_its_stops_in_order() -> None:
    driver = AutoplayDriver(6, stops=[0, 2, 5], exit_at_end=True)
    assert driver.start() == Show(0)
    shown = [0]
    for _ in range(100):
        command = driver.tick(10.0, stream_done=True)
        if isinstance(command, Show):
            shown.append(command.index)
            assert driver.index == command.index
        if isinstance(command, Quit):
            break
    assert shown == [0, 2, 5]


async def test_presenting_autoplay_plays_a_run_of_identical_retries_once() -> None:
    app = ReplayApp([WANDB], autoplay=False, play_through=True, present=True)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        screen = app.screen
        assert isinstance(screen, CassetteScreen)
        steps = [step.first for step in lesson_steps(screen.cassette)]
        assert len(steps) < interaction_count(WANDB)  # the seed's retries are runs
        teaching = app.teaching
        shown = [screen.selected]
        for _ in range(10 * len(steps)):  # bounded: a driver that never ends fails, not hangs
            if not teaching.autoplaying:
                break
            teaching.advance(0.0)
            teaching.advance(10.0)
            await settle(app, pilot)
            if screen.selected != shown[-1]:
                shown.append(screen.selected)
        assert shown == steps

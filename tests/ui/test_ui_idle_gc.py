"""IdleCollector: garbage is collected while no key is pressed, and the collector is given back."""

from __future__ import annotations

import gc
import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from tui_replay.ui import app as app_module
from tui_replay.ui.app import ReplayApp
from tui_replay.ui.idle_gc import IdleCollector


class Clock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def collector() -> Iterator[tuple[IdleCollector, Clock]]:
    clock = Clock()
    made = IdleCollector(idle=0.25, full_idle=1.5, full_after=3, ceiling=1_000, clock=clock)
    made.start()
    try:
        yield made, clock
    finally:
        made.restore()


def garbage(count: int) -> None:
    for _ in range(count):
        cycle: list[object] = []
        cycle.append(cycle)


def test_start_freezes_and_disables_and_restore_gives_it_back() -> None:
    assert gc.isenabled()
    made = IdleCollector()
    made.start()
    try:
        assert not gc.isenabled()
        assert gc.get_freeze_count() > 0
    finally:
        made.restore()
    assert gc.isenabled()
    assert gc.get_freeze_count() == 0


def test_nothing_is_collected_while_keys_come_in(collector: tuple[IdleCollector, Clock]) -> None:
    made, clock = collector
    garbage(100)
    made.input_seen()
    clock.now += 0.1
    made.tick()
    assert made.collections == []


def test_a_quiet_moment_collects_the_young_generations(collector: tuple[IdleCollector, Clock]) -> None:
    made, clock = collector
    garbage(100)
    made.input_seen()
    clock.now += 0.3
    made.tick()
    assert [(g, why) for g, why, _took in made.collections] == [(1, "idle")]


def test_a_quiet_moment_with_a_key_waiting_collects_nothing(collector: tuple[IdleCollector, Clock]) -> None:
    made, clock = collector
    garbage(100)
    made.input_seen()
    clock.now += 2.0
    made.tick(input_waiting=True)
    assert made.collections == []
    made.tick()
    assert [why for _g, why, _took in made.collections] == ["idle"]


def test_reading_for_a_while_gets_one_full_collection_per_quiet_spell(
    collector: tuple[IdleCollector, Clock],
) -> None:
    made, clock = collector
    made.input_seen()
    for _ in range(6):  # a stream replays on its own: it keeps allocating while nobody types
        garbage(100)
        clock.now += 0.5
        made.tick()
    generations = [g for g, _why, _took in made.collections]
    assert generations.count(2) == 1
    made.input_seen()
    garbage(100)
    clock.now += 0.3
    made.tick()
    garbage(100)
    clock.now += 2.0
    made.tick()
    assert [g for g, _why, _took in made.collections].count(2) == 2


def test_a_key_held_down_still_bounds_the_garbage(collector: tuple[IdleCollector, Clock]) -> None:
    made, clock = collector
    made.input_seen()
    garbage(5_000)  # past the ceiling of 1,000 pending objects
    made.tick()
    assert [(g, why) for g, why, _took in made.collections] == [(0, "ceiling")]


async def test_the_app_hands_the_collector_back_when_it_exits() -> None:
    app = ReplayApp(["cassettes"], autoplay=False)
    async with app.run_test() as pilot:
        await pilot.pause()
        await pilot.pause()
        assert app.collector.active
        assert not gc.isenabled()
    assert gc.isenabled()
    assert gc.get_freeze_count() == 0


class _Watched(ReplayApp):
    """Records, when the app mounts (before its first frame), whether the collector is in hand."""

    CSS_PATH = str(Path(app_module.__file__).parent / ReplayApp.CSS_PATH)  # else read beside this test
    at_mount: tuple[bool, bool] | None = None

    def on_mount(self) -> None:
        self.at_mount = (self.collector.active, gc.isenabled())
        super().on_mount()


def frozen(thing: object) -> bool:
    """`thing` is in the permanent generation (`gc.freeze`): no collection walks it."""
    return not any(tracked is thing for tracked in gc.get_objects())


@pytest.mark.parametrize("opened", ["cassettes", "cassettes/openrouter_kimi_tool_wandb.yaml"])
async def test_the_collector_is_taken_in_hand_where_the_app_starts(opened: str) -> None:
    app = _Watched([opened], autoplay=False)
    async with app.run_test() as pilot:
        first_screen = app.screen
        assert app.at_mount == (True, False)  # from the app's start: a browser and a file alike
        for _ in range(100):
            if frozen(first_screen):
                break
            await pilot.pause(0.02)
        assert frozen(first_screen)  # made after `on_load`, frozen with the rest once painted
        for _ in range(250):  # a file being opened: leave once it is drawn, not mid-mount
            if app.opened.is_set():
                break
            await pilot.pause(0.02)
        await pilot.pause()
    assert gc.isenabled()
    assert gc.get_freeze_count() == 0


async def test_a_long_listing_is_frozen_by_the_collector(monkeypatch: pytest.MonkeyPatch) -> None:
    from tui_replay.ui.screens import browser_screen

    asked: list[bool] = []
    monkeypatch.setattr(browser_screen, "FREEZE_ABOVE", 0)
    monkeypatch.setattr(IdleCollector, "freeze_long_lived", lambda self: asked.append(self.active))
    app = ReplayApp(["cassettes"], autoplay=False)
    async with app.run_test() as pilot:
        for _ in range(100):
            if asked:
                break
            await pilot.pause(0.02)
    assert asked == [True]


def test_nothing_is_frozen_without_an_app_to_give_it_back() -> None:
    IdleCollector().freeze_long_lived()  # not started: nobody would unfreeze it
    assert gc.get_freeze_count() == 0


def test_only_the_idle_collector_drives_the_garbage_collector() -> None:
    ui = Path(__file__).resolve().parents[2] / "tui_replay" / "ui"
    driving = sorted(
        str(path.relative_to(ui))
        for path in ui.rglob("*.py")
        if re.search(r"^\s*(import gc|from gc import)", path.read_text(), re.MULTILINE)
    )
    assert driving == ["idle_gc.py"]

"""IdleCollector: garbage is collected while no key is pressed, and the collector is given back."""

from __future__ import annotations

import gc
from collections.abc import Iterator

import pytest

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

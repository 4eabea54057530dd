"""The shared `wait_until` helper goes on as soon as the state holds and fails when it never does."""

from __future__ import annotations

import asyncio
import time

import pytest

from tests.helpers.waiting import wait_until


async def test_returns_once_a_task_makes_the_state_true() -> None:
    done: list[int] = []

    async def later() -> None:
        for _ in range(3):
            await asyncio.sleep(0)
        done.append(1)

    task = asyncio.create_task(later())
    await wait_until(lambda: bool(done), timeout=5, what="the task")
    assert done == [1]
    await task


async def test_fails_naming_what_it_waited_for_after_the_timeout() -> None:
    started = time.monotonic()
    with pytest.raises(AssertionError, match="waited 0.05s for the impossible"):
        await wait_until(lambda: False, timeout=0.05, what="the impossible")
    assert time.monotonic() - started >= 0.05

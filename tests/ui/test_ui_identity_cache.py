"""IdentityCache: one value per object (by `is`), the least recently used dropped first."""

from __future__ import annotations

from tui_replay.ui.identity_cache import IdentityCache


def test_values_are_kept_per_object_and_the_oldest_goes_first() -> None:
    made: list[object] = []

    def make(key: list[int]) -> int:
        made.append(key)
        return sum(key)

    cache: IdentityCache[list[int], int] = IdentityCache(2)
    a, b, c, twin_of_a = [1], [2], [3], [1]
    assert cache.get(a, make) == 1
    assert cache.get(a, make) == 1 and made == [a]  # kept
    assert cache.get(twin_of_a, make) == 1 and made == [a, twin_of_a]  # equal is not the same
    cache.get(b, make)  # a is now the least recently used: twin_of_a was used after it
    cache.get(c, make)
    assert len(made) == 4
    cache.get(b, make)
    assert len(made) == 4  # still there
    cache.get(twin_of_a, make)
    assert len(made) == 5  # dropped when c came in

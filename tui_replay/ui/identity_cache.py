"""Values kept per object, by identity, for objects that cannot be hashed (frozen dataclasses
holding dicts, JSON lists). The object is kept with its value, so its id stays its own."""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable
from typing import Generic, TypeVar

K = TypeVar("K")
V = TypeVar("V")


class IdentityCache(Generic[K, V]):
    """The last `size` values made by `make`, one per object (`is`, not `==`)."""

    def __init__(self, size: int) -> None:
        self.size = size
        self._kept: OrderedDict[int, tuple[K, V]] = OrderedDict()

    def get(self, key: K, make: Callable[[K], V]) -> V:
        known = self._kept.get(id(key))
        if known is not None and known[0] is key:
            self._kept.move_to_end(id(key))
            return known[1]
        value = make(key)
        self._kept[id(key)] = (key, value)
        if len(self._kept) > self.size:
            self._kept.popitem(last=False)
        return value

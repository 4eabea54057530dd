"""Group retries into turns: the same request after a failed attempt is another attempt."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from tui_replay.model import Exchange, TurnInfo


def request_key(exchange: Exchange) -> Any:
    """What makes two requests "the same" for retry grouping."""
    raw = exchange.raw
    body: Any = raw.request_json
    if body is None:
        try:
            body = json.loads(raw.request_body) if raw.request_body else None
        except ValueError:
            body = raw.request_body
    if not isinstance(body, (bytes, type(None))):
        body = json.dumps(body, sort_keys=True, default=str)
    return (raw.method, raw.url, body)


class TurnIndex:
    """Turn/attempt numbers, computed forward once for the whole cassette."""

    def __init__(self, get: Callable[[int], Exchange], count: int) -> None:
        self._get = get
        self._count = count
        self._infos: list[TurnInfo] | None = None

    def _compute(self) -> list[TurnInfo]:
        groups: list[list[int]] = []
        prev_key: Any = None
        prev_failed = False
        for i in range(self._count):
            ex = self._get(i)
            key = request_key(ex)
            if groups and prev_failed and key == prev_key:
                groups[-1].append(i)
            else:
                groups.append([i])
            prev_key, prev_failed = key, ex.is_error
        infos: list[TurnInfo] = [TurnInfo(0, 0, 0)] * self._count
        for turn, members in enumerate(groups, start=1):
            for attempt, i in enumerate(members, start=1):
                infos[i] = TurnInfo(turn, attempt, len(members))
        return infos

    def info(self, index: int) -> TurnInfo:
        if self._infos is None:
            self._infos = self._compute()
        return self._infos[index]

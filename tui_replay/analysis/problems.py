"""Problems found across a cassette (decode-level ones come from the dialects)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from tui_replay.model import Problem

if TYPE_CHECKING:
    from tui_replay.cassette import Cassette


def find_problems(cassette: Cassette) -> list[Problem]:
    found: list[Problem] = []
    for i in range(len(cassette)):
        found.extend(cassette.exchange(i).problems)
    return found

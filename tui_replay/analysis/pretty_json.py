"""Pretty JSON, written one way for every view: the TUI's cards and raw pane, the diff, the
Markdown and HTML exports and `inspect --json`.

Small numbers are written as plain decimals: providers write costs as `0.000056`, which
Python's `json` would show as `5.6e-05`, so the raw pane and `inspect --json` would show
a number the provider did not write, in a form a person has to decode. Both are the same
JSON number, so a program reading the output gets the same value."""

from __future__ import annotations

import json
import re
import secrets
from decimal import Decimal
from typing import Any

PLAIN_FROM = 1e-12
"""Smaller numbers keep their exponent (a plain decimal would be a run of zeros); a cost of a
fraction of a token is well above. Large numbers keep theirs too: `1e+20` written out would
read back as an integer, not a float."""
EXPONENT_BELOW = 1e-4
"""Python writes a float smaller than this with an exponent (`repr(0.0001)` is `0.0001`,
`repr(0.00009)` is `9e-05`)."""


def pretty_json(value: Any, *, sort_keys: bool = False) -> str:
    """`value` as indented JSON: two spaces, non-ASCII kept as written (a transcript shows
    `°C`, not `\\u00b0C`), numbers without an exponent (`0.000056`), and a value JSON has no
    type for (bytes, a date) as its `str` rather than an error. `sort_keys`: for a diff,
    where key order is noise."""
    return plain_json(value, indent=2, sort_keys=sort_keys)


def plain_json(value: Any, **options: Any) -> str:
    """`json.dumps(value, **options)` as every view writes it: non-ASCII kept, an unknown
    type as its `str`, and small numbers as plain decimals (`0.000056`)."""
    try:
        plain = _has_exponent(value)
    except RecursionError:  # nested deeper than Python recurses: as json writes it
        plain = False
    return _with_plain_numbers(value, options) if plain else _dumps(value, options)


def _dumps(value: Any, options: dict[str, Any]) -> str:
    return json.dumps(value, ensure_ascii=False, default=str, **options)


def plain_number(number: float) -> str | None:
    """`5.6e-05` as `0.000056` (the same digits as `repr`: the shortest that reads back as
    the same float); None when it has no exponent or is outside `PLAIN_FROM`..`EXPONENT_BELOW`."""
    if not PLAIN_FROM <= abs(number) < EXPONENT_BELOW:  # NaN too: it compares false
        return None
    written = repr(number)
    return f"{Decimal(written):f}" if "e" in written else None


def _has_exponent(node: Any) -> bool:
    """Whether some float in `node` is written with an exponent that `plain_number` removes.
    A walk over the values, not a search of the text: a 1 MB string is one step."""
    if isinstance(node, float):
        return PLAIN_FROM <= abs(node) < EXPONENT_BELOW  # `plain_number`'s test, without a repr
    if isinstance(node, dict):
        return any(_has_exponent(item) for item in node.values())
    if isinstance(node, list | tuple):
        return any(_has_exponent(item) for item in node)
    return False


def _with_plain_numbers(value: Any, options: dict[str, Any]) -> str:
    """Each float with an exponent goes through `json` as a string slot (a nonce no recorded
    string can hold), replaced by its plain decimal afterwards."""
    nonce = secrets.token_hex(8)
    slot = re.compile(f'"plain-{nonce}:([^"]*)"')

    def swap(node: Any) -> Any:
        if isinstance(node, float):
            plain = plain_number(node)
            return node if plain is None else f"plain-{nonce}:{plain}"
        if isinstance(node, dict):
            return {key: swap(item) for key, item in node.items()}
        if isinstance(node, list | tuple):
            return [swap(item) for item in node]
        return node

    try:
        swapped = swap(value)
    except RecursionError:  # nested deeper than Python recurses: as json writes it
        return _dumps(value, options)
    return slot.sub(lambda found: found.group(1), _dumps(swapped, options))

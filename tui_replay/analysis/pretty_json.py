"""Pretty JSON, written one way for every view: the TUI's cards and raw pane, the diff, the
Markdown and HTML exports and `inspect --json`."""

from __future__ import annotations

import json
from typing import Any


def pretty_json(value: Any, *, sort_keys: bool = False) -> str:
    """`value` as indented JSON: two spaces, non-ASCII kept as written (a transcript shows
    `°C`, not `\\u00b0C`), and a value JSON has no type for (bytes, a date) as its `str`
    rather than an error. `sort_keys`: for a diff, where key order is noise."""
    return json.dumps(value, indent=2, ensure_ascii=False, sort_keys=sort_keys, default=str)

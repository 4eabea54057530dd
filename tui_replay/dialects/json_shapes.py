"""Reading JSON of unknown shape: wrong types degrade to empty values instead of raising."""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from typing import Any


def as_dict(value: Any) -> dict[str, Any]:
    """`value` when it is a dict, else an empty dict (wrong types degrade)."""
    return value if isinstance(value, dict) else {}


def as_list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else []


def as_str(value: Any) -> str:
    """A string field: strings as they are, None as "", anything else str()'d."""
    if value is None:
        return ""
    return value if isinstance(value, str) else str(value)


def opt_str(value: Any) -> str | None:
    return None if value is None else as_str(value)


_scan_once: Callable[[str, int], tuple[Any, int]] = json.JSONDecoder().scan_once  # type: ignore[attr-defined]
"""json.loads' own scanner (the C one), called without its Python wrappers."""


def json_or_none(data: bytes | str) -> Any:
    """Parse JSON, or None when it is not JSON (the same values json.loads gives)."""
    if not data:
        return None
    if type(data) is bytes and data[:1] in (b"{", b"[") and data[1:2] != b"\x00":
        try:
            data = data.decode("utf-8", "surrogatepass")  # what json.loads does with such bytes
        except UnicodeDecodeError:
            return None
    if type(data) is str and data[0] in "{[" and data[-1] in "}]":
        # The usual case, a stream chunk or a body: one JSON document with no surrounding
        # whitespace. Anything else (whitespace, extra data, other bytes) takes json.loads' path.
        try:
            value, end = _scan_once(data, 0)
        except (StopIteration, ValueError, RecursionError):
            return None
        if end == len(data):
            return value
    try:
        return json.loads(data)
    except (ValueError, RecursionError):
        return None


def compact(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


Shape = type | tuple[type, ...]


def params_without(body: dict[str, Any], read: Mapping[str, Shape]) -> dict[str, Any]:
    """The request's remaining top-level fields: what the client set besides the conversation.

    `read` names the fields the dialect reads into the model, with the shape it reads them in
    (`{"messages": list}`); one of another shape (`"tools": null`, `messages` sent as a string)
    was not read, so it stays among the parameters instead of vanishing."""
    return {k: v for k, v in body.items() if k not in read or not isinstance(v, read[k])}

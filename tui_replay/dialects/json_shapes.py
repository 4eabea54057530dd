"""Reading JSON of unknown shape: wrong types degrade to empty values instead of raising."""

from __future__ import annotations

import json
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


def json_or_none(data: bytes | str) -> Any:
    """Parse JSON, or None when it is not JSON."""
    if not data:
        return None
    try:
        return json.loads(data)
    except (ValueError, RecursionError):
        return None


def compact(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def params_without(body: dict[str, Any], *keys: str) -> dict[str, Any]:
    """The request's remaining top-level fields: what the client set besides the conversation."""
    return {k: v for k, v in body.items() if k not in keys}

"""Small helpers shared by the per-format converters: typed access with clear errors."""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Any


class ShapeError(Exception):
    """An interaction does not have the shape its format promises.

    The message says what was found and what was expected; `CassetteFile`
    adds the file, line and interaction index when it turns it into a
    `CassetteError`.
    """


def mapping(value: Any, what: str) -> dict[Any, Any]:
    if not isinstance(value, dict):
        raise ShapeError(f"{what} is {describe(value)} (expected a mapping)")
    return value


def required(parent: dict[Any, Any], key: str, what: str) -> Any:
    if key not in parent or parent[key] is None:
        raise ShapeError(f"{what} has no `{key}`")
    return parent[key]


def optional_text(value: Any, what: str) -> str:
    if value is None:
        return ""
    if isinstance(value, (str, int, float)) and not isinstance(value, bool):
        return str(value)
    if isinstance(value, bytes):
        return value.decode("utf-8", errors="replace")
    raise ShapeError(f"{what} is {describe(value)} (expected text)")


def describe(value: Any) -> str:
    if value is None:
        return "empty"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, bool):
        return f"the boolean {value}"
    if isinstance(value, (int, float)):
        return f"the number {value}"
    if isinstance(value, bytes):
        return f"{len(value)} bytes"
    text = str(value)
    if len(text) > 40:
        text = text[:37] + "..."
    return f"the text {text!r}"


_STATUS = re.compile(r"\s*(\d{1,3})\b(.*)", re.S)


def status_code(value: Any, what: str = "response status") -> tuple[int, str]:
    """`200`, `"200"`, `"200 OK"` -> (200, "OK"-ish text); anything else is a ShapeError."""
    if isinstance(value, bool):
        raise ShapeError(f"{what} is {describe(value)} (expected an HTTP status code like 200)")
    if isinstance(value, int):
        if 0 <= value <= 999:
            return value, ""
    elif isinstance(value, (str, bytes)):
        text = value.decode("utf-8", "replace") if isinstance(value, bytes) else value
        match = _STATUS.fullmatch(text)
        if match:
            return int(match.group(1)), match.group(2).strip()
    raise ShapeError(f"{what} is {describe(value)} (expected an HTTP status code like 200)")


_GO_UNITS = {
    "ns": Decimal("0.000001"),
    "us": Decimal("0.001"),
    "µs": Decimal("0.001"),
    "μs": Decimal("0.001"),
    "ms": Decimal(1),
    "s": Decimal(1000),
    "m": Decimal(60_000),
    "h": Decimal(3_600_000),
}
_GO_PART = re.compile(r"(\d+(?:\.\d*)?|\.\d+)(ns|us|µs|μs|ms|s|m|h)")


def go_duration_ms(value: Any) -> float | None:
    """A Go duration (`1.0912445s`, `823.611583ms`, `1m2.5s`, `350µs`, `0s`) in milliseconds.

    A bare number is taken as nanoseconds (a `time.Duration` marshalled as an
    integer). Anything unreadable gives None: the duration is informative only.
    """
    if value is None or isinstance(value, bool):
        return None
    if isinstance(value, (int, float)):
        return float(value) / 1e6
    text = str(value).strip()
    sign = 1.0
    if text[:1] in "+-" and text:
        sign = -1.0 if text[0] == "-" else 1.0
        text = text[1:]
    if text == "0":
        return 0.0
    total, pos = Decimal(0), 0
    for match in _GO_PART.finditer(text):
        if match.start() != pos:
            return None
        total += Decimal(match.group(1)) * _GO_UNITS[match.group(2)]
        pos = match.end()
    if pos != len(text) or pos == 0:
        return None
    return sign * float(total)

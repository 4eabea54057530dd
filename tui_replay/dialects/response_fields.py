"""Fields a response carries beside the message, which its dialect does not model.

A dialect reads the message, the finish reason, the usage, the ids and the model from a
response. Whatever else a provider puts beside them (Perplexity's `citations` and
`search_results`, a router's `native_finish_reason`, Azure's content filter results,
llama.cpp's `timings`) would otherwise be seen only in the raw pane. Each dialect names the
keys it reads or deliberately passes over (identifiers and timestamps); every other key
becomes an `UnrecognisedPart` with `field=True`, named by its path (`citations`,
`choices[0].native_finish_reason`), placed after the message's own parts. Renderers show it
as "not modelled: <path>" with its JSON, and `dialects.undecoded_problems` reports it like any
other unmodelled item.

Empty values (null, "", [], {}) carry nothing and are left out: `refusal: null` and
`annotations: []` are in almost every OpenAI answer. Over a stream, a field's distinct values
are kept in the order they came (one value is shown as itself, several as their list), so a
field every chunk repeats is shown once.
"""

from __future__ import annotations

import json
from dataclasses import replace
from typing import Any

from tui_replay.model import LLMResponse, Message, UnrecognisedPart


def _empty(value: Any) -> bool:
    return value is None or (isinstance(value, (str, list, dict)) and not value)


def _key(value: Any) -> str:
    try:
        return json.dumps(value, sort_keys=True, ensure_ascii=False, default=str)
    except (TypeError, ValueError, RecursionError):
        return repr(value)


class ResponseFields:
    """The unmodelled fields of one response, gathered from its body or its stream's chunks."""

    def __init__(self) -> None:
        self._values: dict[str, list[Any]] = {}
        self._seen: dict[str, set[str]] = {}

    def add(self, body: Any, known: frozenset[str], path: str = "") -> None:
        """Every key of `body` (an object) not in `known`, under `path` (`choices[0].`)."""
        if not isinstance(body, dict) or known.issuperset(body):  # most stream chunks: nothing else
            return
        for key, value in body.items():  # in the order sent
            if key in known or _empty(value):
                continue
            name = f"{path}{key}"
            seen = self._seen.setdefault(name, set())
            fingerprint = _key(value)
            if fingerprint not in seen:
                seen.add(fingerprint)
                self._values.setdefault(name, []).append(value)

    def parts(self) -> tuple[UnrecognisedPart, ...]:
        return tuple(
            UnrecognisedPart(name, values[0] if len(values) == 1 else values, field=True)
            for name, values in self._values.items()
        )

    def attach(self, response: LLMResponse) -> LLMResponse:
        """`response` with the fields after its message's parts. An error without a message
        gets none: its body is the error, which the raw pane shows whole (an
        assistant message made of an OpenRouter error's `user_id` would read as an answer)."""
        parts = self.parts()
        if not parts or (response.message is None and response.error is not None):
            return response
        message = response.message or Message("assistant", ())
        return replace(response, message=replace(message, parts=message.parts + parts))


def is_field(part: object) -> bool:
    """Whether `part` is a response field kept by `ResponseFields` rather than message content."""
    return isinstance(part, UnrecognisedPart) and part.field

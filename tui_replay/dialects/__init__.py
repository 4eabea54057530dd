"""LLM dialects: `RawInteraction` -> `Exchange`.

Each dialect module exposes a `DIALECT: Dialect`. `decode` picks the first
whose `detect` says yes (URL and body), and falls back to plain HTTP. A
dialect that trips over data of the wrong shape never takes the app down:
the interaction is shown as plain HTTP with a `decode-failed` problem.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace

from tui_replay.dialects import plain_http
from tui_replay.model import Exchange, Message, Problem, RawInteraction, UnrecognisedPart


@dataclass(frozen=True)
class Dialect:
    name: str
    detect: Callable[[RawInteraction], bool]
    decode: Callable[[RawInteraction], Exchange]
    modelled: frozenset[str] = frozenset()
    """Every item, content block, part and event kind the dialect turns into the model
    (anything else it keeps as an `UnrecognisedPart`); the completeness test checks it."""


def _registered() -> list[Dialect]:
    """Dialects in detection order (most specific first)."""
    found: list[Dialect] = []
    import importlib

    for module in (
        "openai_realtime",
        "gemini_live",
        "bedrock",
        "bedrock_invoke",
        "anthropic",
        "gemini",
        "openai_responses",
        "cohere",
        "ollama",
        "openai_chat",
    ):
        try:
            mod = importlib.import_module(f"tui_replay.dialects.{module}")
        except ModuleNotFoundError as exc:
            if exc.name != f"tui_replay.dialects.{module}":
                raise
            continue
        found.append(mod.DIALECT)
    return found


DIALECTS: list[Dialect] = _registered()


def decode(raw: RawInteraction) -> Exchange:
    """Decode one interaction; never raises for bad data."""
    exchange = _decode(raw)
    undecoded = undecoded_problems(exchange)
    return replace(exchange, problems=exchange.problems + undecoded) if undecoded else exchange


def unrecognised_parts(exchange: Exchange) -> list[UnrecognisedPart]:
    """Every part, on either side, that its dialect kept without modelling it."""
    messages: list[Message] = list(exchange.request.messages)
    if exchange.response.message is not None:
        messages.append(exchange.response.message)
    return [p for m in messages for p in m.parts if isinstance(p, UnrecognisedPart)]


def undecoded_problems(exchange: Exchange) -> tuple[Problem, ...]:
    """One `undecoded-item` (info) per kind of unrecognised part, with how many there are; a
    response field the dialect does not model is reported by its path."""
    counts: dict[str, int] = {}
    fields: list[str] = []
    for part in unrecognised_parts(exchange):
        if part.field:
            fields.append(part.kind)
        else:
            counts[part.kind] = counts.get(part.kind, 0) + 1
    items = tuple(
        Problem(
            exchange.index,
            "info",
            "undecoded-item",
            f"{count} × `{kind}` not decoded: shown as an unrecognised item with its JSON",
        )
        for kind, count in counts.items()
    )
    if not fields:
        return items
    named = ", ".join(f"`{name}`" for name in fields)
    what = "response field" if len(fields) == 1 else "response fields"
    their = "its" if len(fields) == 1 else "their"
    text = f"{what} {named} not modelled: shown with {their} JSON"
    return (*items, Problem(exchange.index, "info", "undecoded-item", text))


def _decode(raw: RawInteraction) -> Exchange:
    for dialect in DIALECTS:
        try:
            if not dialect.detect(raw):
                continue
        except (ValueError, TypeError, KeyError, AttributeError, IndexError):
            continue
        try:
            return dialect.decode(raw)
        except (ValueError, TypeError, KeyError, AttributeError, IndexError, RecursionError) as exc:
            fallback = plain_http.decode(raw)
            problem = Problem(
                raw.index,
                "warning",
                "decode-failed",
                f"looked like {dialect.name} but could not be decoded: {type(exc).__name__}: {exc}",
            )
            return replace(fallback, problems=fallback.problems + (problem,))
    return plain_http.decode(raw)

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
from tui_replay.model import Exchange, Problem, RawInteraction


@dataclass(frozen=True)
class Dialect:
    name: str
    detect: Callable[[RawInteraction], bool]
    decode: Callable[[RawInteraction], Exchange]


def _registered() -> list[Dialect]:
    """Dialects in detection order (most specific first)."""
    found: list[Dialect] = []
    import importlib

    for module in (
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

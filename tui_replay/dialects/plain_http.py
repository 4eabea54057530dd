"""Plain HTTP: any interaction no LLM dialect claims (image downloads, model lists, ...)."""

from __future__ import annotations

from tui_replay.dialects.raw_http import status_error
from tui_replay.model import ApiError, Exchange, LLMRequest, LLMResponse, Problem, RawInteraction


def http_error(raw: RawInteraction) -> ApiError | None:
    if raw.status is None or raw.status < 400:
        return None
    return status_error(raw)


def decode(raw: RawInteraction) -> Exchange:
    error = http_error(raw)
    problems: tuple[Problem, ...] = ()
    if error is not None:
        problems = (Problem(raw.index, "error", "http-error", f"HTTP {raw.status_line}"),)
    return Exchange(
        raw=raw,
        dialect="http",
        streamed=False,
        request=LLMRequest(model=None, messages=(), tools=(), params={}),
        response=LLMResponse(error=error, message=None, finish_reason=None, usage={}, chunks=()),
        problems=problems,
    )

"""An error event inside a stream whose HTTP status was fine is `stream-error`, not `http-error`.

`http-error` stays for HTTP status >= 400. The error event is what ended the stream, so
the stream is not also reported as unterminated.
"""

from __future__ import annotations

import json

import pytest

from tui_replay.dialects import decode
from tui_replay.model import Exchange, RawInteraction


def raw(url: str, request: object, body: str, content_type: str, status: int = 200) -> RawInteraction:
    return RawInteraction(
        index=0,
        method="POST",
        url=url,
        request_headers=(("Content-Type", "application/json"),),
        request_body=json.dumps(request).encode(),
        status=status,
        status_text="",
        response_headers=(("Content-Type", content_type),),
        response_body=body.encode(),
        duration_ms=None,
    )


def sse(*events: tuple[str | None, object]) -> str:
    out = ""
    for name, data in events:
        if name:
            out += f"event: {name}\n"
        out += f"data: {data if isinstance(data, str) else json.dumps(data)}\n\n"
    return out


def openai_chat(status: int = 200) -> RawInteraction:
    chunk = {"choices": [{"index": 0, "delta": {"role": "assistant", "content": "Hel"}}]}
    error = {"error": {"message": "upstream died", "type": "server_error"}}
    body = sse((None, chunk), (None, error))
    return raw(
        "https://api.openai.com/v1/chat/completions",
        {"model": "m", "messages": []},
        body,
        "text/event-stream",
        status,
    )


def openai_responses() -> RawInteraction:
    body = sse(
        ("response.created", {"type": "response.created", "response": {"id": "r", "status": "in_progress"}}),
        ("error", {"type": "error", "code": "server_error", "message": "upstream died"}),
    )
    return raw(
        "https://api.openai.com/v1/responses", {"model": "m", "input": "hi"}, body, "text/event-stream"
    )


def anthropic() -> RawInteraction:
    body = sse(
        (
            "message_start",
            {"type": "message_start", "message": {"id": "m", "role": "assistant", "content": []}},
        ),
        ("error", {"type": "error", "error": {"type": "overloaded_error", "message": "upstream died"}}),
    )
    return raw(
        "https://api.anthropic.com/v1/messages", {"model": "c", "messages": []}, body, "text/event-stream"
    )


def gemini() -> RawInteraction:
    chunk = {"candidates": [{"content": {"role": "model", "parts": [{"text": "Hel"}]}, "index": 0}]}
    error = {"error": {"code": 503, "message": "upstream died", "status": "UNAVAILABLE"}}
    url = "https://generativelanguage.googleapis.com/v1beta/models/gemini-2.0-flash:streamGenerateContent?alt=sse"
    return raw(url, {"contents": []}, sse((None, chunk), (None, error)), "text/event-stream")


def ollama() -> RawInteraction:
    lines = [
        {"model": "q", "message": {"role": "assistant", "content": "Hel"}, "done": False},
        {"error": "upstream died"},
    ]
    body = "".join(json.dumps(line) + "\n" for line in lines)
    return raw(
        "http://localhost:11434/api/chat", {"model": "q", "messages": []}, body, "application/x-ndjson"
    )


def cohere() -> RawInteraction:
    body = sse(
        ("message-start", {"type": "message-start", "id": "c", "delta": {"message": {"role": "assistant"}}}),
        (
            "message-end",
            {"type": "message-end", "delta": {"finish_reason": "ERROR", "error": "upstream died"}},
        ),
    )
    return raw(
        "https://api.cohere.com/v2/chat", {"model": "command-r", "messages": []}, body, "text/event-stream"
    )


STREAMS = {
    "openai-chat": (openai_chat, "server_error"),
    "openai-responses": (openai_responses, "server_error"),
    "anthropic": (anthropic, "overloaded_error"),
    "gemini": (gemini, "UNAVAILABLE"),
    "ollama": (ollama, None),
    "cohere": (cohere, None),
}


def codes(exchange: Exchange) -> list[str]:
    return [p.code for p in exchange.problems]


@pytest.mark.parametrize("dialect", sorted(STREAMS))
def test_error_event_in_a_200_stream_is_a_stream_error(dialect: str) -> None:
    build, error_type = STREAMS[dialect]
    exchange = decode(build())
    assert (exchange.dialect, exchange.streamed) == (dialect, True)
    assert exchange.response.error is not None
    assert exchange.response.chunks and any(e.kind == "error" for e in exchange.response.chunks)
    problems = [
        p for p in exchange.problems if p.code in ("stream-error", "http-error", "stream-unterminated")
    ]
    assert [(p.code, p.severity) for p in problems] == [("stream-error", "error")]
    message = problems[0].message
    assert message.endswith(" stream: upstream died"), message
    assert message.startswith(error_type or "error"), message


def test_the_message_names_type_and_provider() -> None:
    (problem,) = [p for p in decode(anthropic()).problems if p.code == "stream-error"]
    assert problem.message == "overloaded_error in the anthropic stream: upstream died"


def test_a_failed_status_stays_an_http_error() -> None:
    exchange = decode(openai_chat(status=500))
    assert "http-error" in codes(exchange)
    assert "stream-error" not in codes(exchange)

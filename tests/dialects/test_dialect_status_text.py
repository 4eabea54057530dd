"""HTTP status text in errors and problems: the code once, whether or not the recorder kept it.

go-vcr's `status` is "429 Too Many Requests" next to `code: 429`, some recorders keep only
"Too Many Requests", others nothing: every dialect must say `HTTP 429 Too Many Requests`.
"""

from __future__ import annotations

import json

import pytest

from tui_replay.dialects import decode
from tui_replay.model import Exchange, RawInteraction

# dialect -> (url, request body) that the dialect claims
DIALECT_REQUESTS: dict[str, tuple[str, object]] = {
    "openai-chat": ("https://api.openai.com/v1/chat/completions", {"model": "m", "messages": []}),
    "openai-responses": ("https://api.openai.com/v1/responses", {"model": "m", "input": "hi"}),
    "anthropic": ("https://api.anthropic.com/v1/messages", {"model": "c", "messages": [], "max_tokens": 1}),
    "gemini": (
        "https://generativelanguage.googleapis.com/v1beta/models/gemini-2.0-flash:generateContent",
        {"contents": []},
    ),
    "bedrock-converse": (
        "https://bedrock-runtime.us-east-1.amazonaws.com/model/amazon.nova-lite-v1:0/converse",
        {"messages": []},
    ),
    "bedrock-invoke": (
        "https://bedrock-runtime.us-east-1.amazonaws.com/model/anthropic.claude-v2/invoke",
        {"messages": [], "max_tokens": 1, "anthropic_version": "bedrock-2023-05-31"},
    ),
    "cohere": ("https://api.cohere.com/v2/chat", {"model": "command-r", "messages": []}),
    "ollama": ("http://localhost:11434/api/chat", {"model": "llama3", "messages": []}),
    "http": ("https://example.com/picture.png", None),
}


def failed(dialect: str, status: int, status_text: str, body: bytes) -> Exchange:
    url, request = DIALECT_REQUESTS[dialect]
    raw = RawInteraction(
        index=0,
        method="POST" if request is not None else "GET",
        url=url,
        request_headers=(("Content-Type", "application/json"),),
        request_body=json.dumps(request).encode() if request is not None else b"",
        status=status,
        status_text=status_text,
        response_headers=(("Content-Type", "text/plain"),),
        response_body=body,
        duration_ms=None,
    )
    exchange = decode(raw)
    assert exchange.dialect == dialect
    return exchange


def http_error_messages(exchange: Exchange) -> list[str]:
    return [p.message for p in exchange.problems if p.code == "http-error"]


@pytest.mark.parametrize("dialect", sorted(DIALECT_REQUESTS))
@pytest.mark.parametrize("status_text", ["429 Too Many Requests", "Too Many Requests"])
def test_the_code_is_said_once(dialect: str, status_text: str) -> None:
    exchange = failed(dialect, 429, status_text, b"slow down")
    (message,) = http_error_messages(exchange)
    assert message.startswith("HTTP 429 Too Many Requests"), message
    assert "429 429" not in message
    error = exchange.response.error
    assert error is not None and error.status == 429
    assert error.type in (None, "Too Many Requests")
    assert error.message == "slow down"


@pytest.mark.parametrize("dialect", sorted(DIALECT_REQUESTS))
def test_an_empty_error_body_reads_as_the_status_line(dialect: str) -> None:
    exchange = failed(dialect, 503, "503 Service Unavailable", b"")
    (message,) = http_error_messages(exchange)
    assert message.startswith("HTTP 503 Service Unavailable")
    assert "503 503" not in message
    error = exchange.response.error
    assert error is not None and error.message in ("HTTP 503 Service Unavailable", "")
    assert "503 503" not in error.message


@pytest.mark.parametrize("dialect", sorted(DIALECT_REQUESTS))
def test_no_status_text_says_the_code(dialect: str) -> None:
    exchange = failed(dialect, 500, "", b"")
    (message,) = http_error_messages(exchange)
    assert message.startswith("HTTP 500")

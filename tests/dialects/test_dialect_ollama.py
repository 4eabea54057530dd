"""Ollama native /api/chat: newline-delimited JSON streams built by hand (the corpus has none)."""

from __future__ import annotations

import json

from tui_replay import dialects
from tui_replay.model import ImagePart, RawInteraction, ThinkingPart, ToolResultPart


def raw(body: object, lines: list[dict[str, object]], status: int = 200) -> RawInteraction:
    text = "\n".join(json.dumps(line) for line in lines) + "\n"
    return RawInteraction(
        0,
        "POST",
        "http://localhost:11434/api/chat",
        (),
        json.dumps(body).encode(),
        status,
        "",
        (("Content-Type", "application/x-ndjson"),),
        text.encode(),
        None,
    )


def line(content: str = "", **extra: object) -> dict[str, object]:
    return {"model": "qwen3", "message": {"role": "assistant", "content": content, **extra}, "done": False}


REQUEST = {
    "model": "qwen3",
    "messages": [
        {"role": "user", "content": "weather?", "images": ["aGk="]},
        {
            "role": "assistant",
            "content": "",
            "tool_calls": [{"function": {"name": "w", "arguments": {"c": "Rome"}}}],
        },
        {"role": "tool", "content": "sunny", "tool_name": "w"},
    ],
    "tools": [
        {
            "type": "function",
            "function": {"name": "w", "description": "weather", "parameters": {"type": "object"}},
        }
    ],
    "options": {"temperature": 0},
}


def test_stream_assembles_thinking_text_and_tool_call() -> None:
    lines = [
        line(thinking="Let me"),
        line(thinking=" think"),
        line("It is"),
        line(" sunny", tool_calls=[{"function": {"name": "w", "arguments": {"c": "Oslo"}}}]),
        {
            "model": "qwen3",
            "message": {"role": "assistant", "content": ""},
            "done": True,
            "done_reason": "stop",
            "prompt_eval_count": 12,
            "eval_count": 5,
        },
    ]
    exchange = dialects.decode(raw(REQUEST, lines))
    assert exchange.dialect == "ollama" and exchange.streamed
    user, assistant, tool = exchange.request.messages
    assert user.parts[1] == ImagePart("image", 2)
    assert assistant.tool_calls[0].arguments == {"c": "Rome"}
    assert tool.parts == (ToolResultPart(None, "sunny", False, "w"),)
    assert exchange.request.params == {"options": {"temperature": 0}}
    message = exchange.response.message
    assert message is not None
    assert message.parts[0] == ThinkingPart("Let me think")
    assert message.text == "It is sunny"
    assert message.tool_calls[0].arguments == {"c": "Oslo"}
    assert exchange.response.usage == {"prompt_eval_count": 12, "eval_count": 5}
    assert exchange.response.chunks[-1].kind == "done"
    assert exchange.problems == ()


def test_stream_without_done_and_length_limit() -> None:
    exchange = dialects.decode(raw(REQUEST, [line("a"), line("b")]))
    assert [p.code for p in exchange.problems] == ["stream-unterminated"]
    done = {
        "model": "qwen3",
        "message": {"role": "assistant", "content": "x"},
        "done": True,
        "done_reason": "length",
    }
    exchange = dialects.decode(raw({**REQUEST, "stream": False}, [done]))
    assert not exchange.streamed
    assert [p.code for p in exchange.problems] == ["truncated"]


def test_error_line() -> None:
    exchange = dialects.decode(raw(REQUEST, [{"error": "model 'nope' not found"}], status=404))
    assert exchange.response.error is not None
    assert exchange.response.error.message == "model 'nope' not found"
    assert [p.code for p in exchange.problems] == ["http-error"]
